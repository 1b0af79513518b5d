/**
 * `@mrnet/model/node`: the Node-only half of `@mrnet/model` — saving a model folder to disk and
 * downloading/caching torchvision's pretrained AlexNet. The main entry `@mrnet/model` imports no
 * `node:` module (loading a saved folder from a path reaches Node's file system only when called
 * with a path under Node), so a web page bundles it as is.
 *
 * @packageDocumentation
 */
export { saveMRNet, type SaveMRNetOptions } from '../io/save-mrnet.js';
export {
  loadPretrainedAlexNet,
  TORCHVISION_ALEXNET,
  type FetchLike,
  type LoadPretrainedAlexNetOptions,
  type PretrainedAlexNet,
} from '../pretrained/load-pretrained-alexnet.js';
export { downloadByHandHint } from '../pretrained/load-pretrained-alexnet.js';
// Slice-parallel workers and threaded wasm: worker threads and files.
export { SliceParallelMRNet, sliceParallelSupported, type SliceParallelOptions, type ExamVolume, type SliceStepResult } from '../parallel/slice-parallel-mrnet.js';
export { startThreadedWasm } from '../parallel/wasm-threads.js';
