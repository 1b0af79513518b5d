"""PyTorch reference for `npm run bench` (tools/bench-epoch.mjs): one epoch of the seed's train.py loop.

The seed (MRNet, Bien et al. 2018; the ahmedbesbes/mrnet train.py) trains one plane's MRNet with
batch 1: for each shuffled training exam, an augmentation (rotation +-25 deg, translation +-11 %,
horizontal flip, drawn once per exam), the grey slices repeated to 3 channels, forward, BCE with
logits weighted by the class weight, backward, Adam (lr 1e-5, weight decay 0.1), sigmoid and
roc_auc_score of the running predictions; then the validation exams without augmentation and
without gradients. The augmentation is done here with affine_grid/grid_sample (torchsample, which
the seed uses, is not installed); its cost is small beside the network's.
Run: /usr/bin/python3 scripts/bench/torch_seed_epoch.py DATA_ROOT TASK PLANE [threads]
Prints one JSON line: seconds of the epoch (train + valid), train and valid seconds, torch version.
"""
import csv
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from sklearn.metrics import roc_auc_score

root, task, plane = sys.argv[1], sys.argv[2], sys.argv[3]
torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
torch.manual_seed(0)
random.seed(0)


class MRNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.pretrained_model = torchvision.models.alexnet().features
        self.pooling_layer = nn.AdaptiveAvgPool2d(1)
        self.classifer = nn.Linear(256, 1)

    def forward(self, x):
        x = torch.squeeze(x, dim=0)
        features = self.pretrained_model(x)
        pooled = self.pooling_layer(features).view(features.size(0), -1)
        flat = torch.max(pooled, 0, keepdim=True)[0]
        return self.classifer(flat)


def split(name):
    with open(os.path.join(root, f"{name}-{task}.csv")) as f:
        rows = [(int(r[0]), int(r[1])) for r in csv.reader(f) if r]
    labels = [l for _, l in rows]
    pos = sum(labels)
    weights = [1.0, (len(labels) - pos) / max(pos, 1)]
    return [(os.path.join(root, name, plane, f"{i:04d}.npy"), l, weights[l]) for i, l in rows]


def augment(x):
    """x: [s, 1, H, W]; one rotation/translation/flip for every slice of the exam."""
    a = math.radians(random.uniform(-25, 25))
    tx, ty = random.uniform(-0.22, 0.22), random.uniform(-0.22, 0.22)
    flip = -1.0 if random.random() < 0.5 else 1.0
    theta = torch.tensor([[flip * math.cos(a), -math.sin(a), tx], [flip * math.sin(a), math.cos(a), ty]], dtype=torch.float32)
    grid = F.affine_grid(theta.expand(x.shape[0], 2, 3), list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, align_corners=False)


def load(path, aug):
    x = torch.from_numpy(np.load(path).astype(np.float32)).unsqueeze(1)
    if aug:
        x = augment(x)
    return x.repeat(1, 3, 1, 1).unsqueeze(0)  # [1, s, 3, H, W]


model = MRNet()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-5, weight_decay=0.1)
train, valid = split("train"), split("valid")


def run(items, training):
    y_true, y_pred = [], []
    model.train(training)
    for path, label, weight in random.sample(items, len(items)):
        image = load(path, training)
        target = torch.tensor([[float(label)]])
        if training:
            optimizer.zero_grad()
            prediction = model(image)
            loss = F.binary_cross_entropy_with_logits(prediction, target, weight=torch.tensor([[weight]]))
            loss.backward()
            optimizer.step()
        else:
            with torch.no_grad():
                prediction = model(image)
                loss = F.binary_cross_entropy_with_logits(prediction, target, weight=torch.tensor([[weight]]))
        y_true.append(label)
        y_pred.append(torch.sigmoid(prediction)[0].item())
        try:
            roc_auc_score(y_true, y_pred)
        except ValueError:
            pass


t0 = time.perf_counter()
run(train, True)
t1 = time.perf_counter()
run(valid, False)
t2 = time.perf_counter()
print(json.dumps({"seconds": t2 - t0, "trainSeconds": t1 - t0, "validSeconds": t2 - t1, "torch": torch.__version__, "threads": torch.get_num_threads()}))
