// A user's project: scores a (generated) knee exam with an MRNet plane model and checks a stacked
// model's AUC, using only the packages' public entries as installed from npm.
import { rocAucScore } from '@mrnet/metrics';
import { createMRNet, initBackend } from '@mrnet/model';
import { LogisticRegression } from '@mrnet/stack';
import { TASKS } from '@mrnet/data';

const choice = await initBackend('wasm');
const slices = 3;
const size = 64;
// A bright square in the middle of each slice, on a dark background (values 0-255, as MRNet's arrays).
const volume = new Float32Array(slices * size * size).map((_, i) => (Math.abs((i % size) - 32) < 8 && Math.abs(Math.floor(i / size) % size - 32) < 8 ? 200 : 20));
const net = createMRNet({ seed: 1 });
const { logit, probability } = net.predict(volume, [slices, size, size]);
net.dispose();

const X = [[0.1, 0.2, 0.3], [0.8, 0.7, 0.9], [0.2, 0.1, 0.4], [0.9, 0.8, 0.6]];
const y = [0, 1, 0, 1];
const stack = new LogisticRegression().fit(X, y);
const auc = rocAucScore(y, stack.predictProba(X));
console.log(JSON.stringify({ backend: choice.backend, tasks: TASKS, logit, probability, auc }));
