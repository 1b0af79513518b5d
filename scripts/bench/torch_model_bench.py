"""PyTorch reference timings for `npm run bench` (tools/bench-model.mjs).

MRNet (torchvision AlexNet features -> GAP -> max over slices -> Linear(256, 1)) on one exam of
SLICES x SIZE x SIZE, 2 threads: inference seconds and one training step (forward + backward +
Adam update) in seconds, median of REPEATS after one warm-up. Prints one JSON line.
Run: /usr/bin/python3 scripts/bench/torch_model_bench.py [slices] [size] [repeats]
"""
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torchvision

torch.set_num_threads(2)
torch.manual_seed(0)
slices = int(sys.argv[1]) if len(sys.argv) > 1 else 32
size = int(sys.argv[2]) if len(sys.argv) > 2 else 256
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3


class MRNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.pretrained_model = torchvision.models.alexnet().features
        self.classifer = nn.Linear(256, 1)

    def forward(self, x):
        x = torch.squeeze(x, dim=0)
        f = self.pretrained_model(x)
        pooled = torch.nn.functional.adaptive_avg_pool2d(f, 1).view(f.size(0), -1)
        flat = torch.max(pooled, 0, keepdim=True)[0]
        return self.classifer(flat)


net = MRNet()
opt = torch.optim.Adam(net.parameters(), lr=1e-5, weight_decay=0.1)
x = (torch.rand(1, slices, 3, size, size) * 255).float()
y = torch.ones(1, 1)


def infer():
    with torch.no_grad():
        net(x)


def step():
    opt.zero_grad()
    loss = torch.nn.functional.binary_cross_entropy_with_logits(net(x), y)
    loss.backward()
    opt.step()


def timed(fn):
    fn()
    ts = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return sorted(ts)[len(ts) // 2]


out = {
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "inferenceSeconds": timed(infer),
    "trainStepSeconds": timed(step),
    "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}
print(json.dumps(out))
