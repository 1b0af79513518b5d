#!/usr/bin/python3
"""Trains the seed's MRNet (AlexNet features -> GAP -> max over slices -> Linear(256, 1)) on one task
and plane of an MRNet-v1.0 folder with PyTorch, and saves the best state_dict (by validation AUC) with
the seed's key names (pretrained_model.features.N.*, classifer.*), which @mrnet/model imports
(`mrnetWeightsFromCheckpoint`). Used by tools/measure-cam.mjs --checkpoint when training with
TensorFlow.js on a small shared CPU would take hours; the CAMs are then computed by @mrnet/model.

Usage: /usr/bin/python3 tools/measure-cam-train.py --data DIR --out FILE.pth [--task acl]
       [--plane sagittal] [--epochs 15] [--lr 1e-4] [--seed 0] [--threads 2] [--intensity none|imagenet]
       [--keep best|last]
--intensity imagenet trains on (x/255 − 0.449)/0.226 as `mrnet demo` does (pass the same flag to
tools/measure-cam.mjs with --checkpoint); none is the seed's raw 0–255 input.
"""
import argparse
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score
from torchvision import models


class MRNet(nn.Module):
    """The seed's network (its attribute names, including the misspelt `classifer`)."""

    def __init__(self):
        super().__init__()
        self.pretrained_model = models.alexnet()  # random init: no internet for ImageNet weights
        self.pooling_layer = nn.AdaptiveAvgPool2d(1)
        self.classifer = nn.Linear(256, 1)

    def forward(self, x):
        x = torch.squeeze(x, dim=0)
        features = self.pretrained_model.features(x)
        pooled = self.pooling_layer(features).view(features.size(0), -1)
        flattened = torch.max(pooled, 0, keepdim=True)[0]
        return self.classifer(flattened)


def load_split(root, split, task, plane, intensity="none"):
    rows = [line.strip().split(",") for line in open(os.path.join(root, f"{split}-{task}.csv")) if line.strip()]
    vols, labels = [], []
    for id_, label in rows:
        v = np.load(os.path.join(root, split, plane, f"{int(id_):04d}.npy")).astype(np.float32)
        if intensity == "imagenet":
            v = (v / 255 - 0.449) / 0.226
        vols.append(torch.from_numpy(np.stack([v] * 3, axis=1)).unsqueeze(0))  # [1, s, 3, H, W], raw 0-255
        labels.append(int(label))
    return vols, np.array(labels)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--task", default="acl")
    p.add_argument("--plane", default="sagittal")
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--intensity", choices=["none", "imagenet"], default="none")
    # best: the first epoch with the highest validation AUC (the seed's rule); last: the final
    # epoch's weights, for a model trained until its train loss is small.
    p.add_argument("--keep", choices=["best", "last"], default="best")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    rng = np.random.default_rng(a.seed)
    xtr, ytr = load_split(a.data, "train", a.task, a.plane, a.intensity)
    xva, yva = load_split(a.data, "valid", a.task, a.plane, a.intensity)
    pos_w = (ytr == 0).sum() / max(1, (ytr == 1).sum())  # the seed's class weights [1, neg/pos]
    net = MRNet()
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    best = -1.0
    for epoch in range(1, a.epochs + 1):
        t0 = time.time()
        net.train()
        losses = []
        for i in rng.permutation(len(xtr)):
            y = torch.tensor([[float(ytr[i])]])
            w = torch.tensor([[pos_w if ytr[i] == 1 else 1.0]])
            loss = F.binary_cross_entropy_with_logits(net(xtr[i]), y, weight=w)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        net.eval()
        with torch.no_grad():
            probs = [torch.sigmoid(net(x)).item() for x in xva]
        auc = roc_auc_score(yva, probs)
        print(f"epoch {epoch}: train loss {np.mean(losses):.4f} val auc {auc:.4f} ({time.time() - t0:.0f} s)", flush=True)
        if auc > best or a.keep == "last":
            best = max(best, auc)
            torch.save(net.state_dict(), a.out)
            print(f"  saved {a.out}", flush=True)
    print(f"best val auc {best:.4f}")


if __name__ == "__main__":
    main()
