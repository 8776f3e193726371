#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The influence4j authors
"""Golden fixtures for TRAK (Park et al. 2023, Algorithm 1), numpy only, float64 throughout.

A tiny MLP x (4) -> hid (4 -> 5, tanh) -> fc (5 -> 3 logits), two independently initialised
"models" (seeds 0 and 1 below), 40 training and 6 test examples. Exported per model, as a capture
would write them: LOGITS, LABELS, LAYER_INPUTS.{hid,fc} and LAYER_OUTPUT_GRADS.{hid,fc}, the
*loss* gradients dL/dz of the cross-entropy. The expected scores are computed independently of the
Java code's route: the margin gradient is back-propagated from df/dz = e_y - softmax over the other
classes (f = z_y - logsumexp_{j != y} z_j = log(p_y / (1 - p_y))), the full gradient is formed
explicitly, the projection matrix is generated entry by entry (a re-implementation of
GradientProjection's SplitMix64 scheme), and the kernel is inverted with numpy.linalg.solve.

Run: python3 make_trak_golden.py   (writes into this directory)
"""
import json
import math
import os
import sys

import numpy as np

SEED = 20231101
N_TRAIN, N_TEST, D, H, K = 40, 6, 4, 5, 3
M64 = (1 << 64) - 1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def projection(kind, p, k, seed):
    """R [k x p]: GradientProjection.entry(r, c) re-implemented."""
    base = mix((seed & M64) ^ 0x5DEECE66D)
    scale = 1.0 / math.sqrt(k)
    r = np.zeros((k, p))
    for row in range(k):
        for col in range(p):
            h = mix((base + ((row * p + col) * 0x9E3779B97F4A7C15)) & M64)
            if kind == "rademacher":
                r[row, col] = -scale if h >> 63 else scale
            else:
                u1 = ((h >> 11) + 1) * 2.0 ** -53
                u2 = (mix(h ^ 0xD1B54A32D192ED03) >> 11) * 2.0 ** -53
                r[row, col] = scale * math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
    return r


def forward(w, x):
    a1 = x
    z1 = a1 @ w["hid_w"].T + w["hid_b"]
    h = np.tanh(z1)
    z = h @ w["fc_w"].T + w["fc_b"]
    return a1, h, z


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def loss_grads(w, x, y):
    a1, h, z = forward(w, x)
    dz = softmax(z) - np.eye(K)[y]
    dz1 = (dz @ w["fc_w"]) * (1 - h ** 2)
    return {"LOGITS": z, "LAYER_INPUTS.hid": a1, "LAYER_OUTPUT_GRADS.hid": dz1,
            "LAYER_INPUTS.fc": h, "LAYER_OUTPUT_GRADS.fc": dz}


def margin_grads(w, x, y, layers):
    """Full per-example gradients of f = z_y - logsumexp_{j != y} z_j, layout [W row-major, b] per layer."""
    a1, h, z = forward(w, x)
    rows = []
    for i in range(len(x)):
        others = np.delete(np.arange(K), y[i])
        s = np.exp(z[i, others] - z[i, others].max())
        g = np.eye(K)[y[i]].copy()
        g[others] -= s / s.sum()
        g1 = (w["fc_w"].T @ g) * (1 - h[i] ** 2)
        parts = {"hid": [np.outer(g1, a1[i]).ravel(), g1], "fc": [np.outer(g, h[i]).ravel(), g]}
        rows.append(np.concatenate([np.concatenate(parts[l]) for l in layers]))
    return np.array(rows), 1 - softmax(z)[np.arange(len(x)), y]


def trak(models, xtr, ytr, xte, yte, layers, k, seed, kind, lam):
    kern, qs = 0, 0
    for w in models:
        gtr, q = margin_grads(w, xtr, ytr, layers)
        gte, _ = margin_grads(w, xte, yte, layers)
        p = gtr.shape[1]
        r = np.eye(p) if p <= k else projection(kind, p, k, seed)
        phi, phit = gtr @ r.T, gte @ r.T
        kernel = phi.T @ phi + lam * np.eye(phi.shape[1])
        kern = kern + phit @ np.linalg.solve(kernel, phi.T)
        qs = qs + q
    m = len(models)
    return (kern / m) * (qs / m)[None, :]


def main():
    out = os.path.dirname(os.path.abspath(__file__))
    rng = np.random.default_rng(SEED)
    xtr = rng.normal(size=(N_TRAIN, D))
    xte = rng.normal(size=(N_TEST, D))
    ytr = rng.integers(0, K, N_TRAIN)
    yte = rng.integers(0, K, N_TEST)
    models = []
    for m in range(2):
        r = np.random.default_rng(SEED + 1 + m)
        models.append({"hid_w": r.normal(scale=0.8, size=(H, D)), "hid_b": r.normal(scale=0.3, size=H),
                       "fc_w": r.normal(scale=0.8, size=(K, H)), "fc_b": r.normal(scale=0.3, size=K)})
    for m, w in enumerate(models):
        for split, x, y in (("train", xtr, ytr), ("test", xte, yte)):
            d = os.path.join(out, "artifacts", "model%d" % m, split)
            os.makedirs(d, exist_ok=True)
            np.save(os.path.join(d, "LABELS.npy"), y.astype(np.int32))
            for name, a in loss_grads(w, x, y).items():
                np.save(os.path.join(d, name + ".npy"), a.astype(np.float64))
    cases = {
        "projected_ensemble": dict(models=[0, 1], layers=["hid", "fc"], k=8, seed=7, kind="gaussian", lam=0.0),
        "projected_rademacher": dict(models=[0], layers=["hid", "fc"], k=12, seed=-3, kind="rademacher", lam=0.25),
        "fc_exact_ridge": dict(models=[1], layers=["fc"], k=32, seed=0, kind="gaussian", lam=0.5),
    }
    os.makedirs(os.path.join(out, "oracle"), exist_ok=True)
    for name, c in cases.items():
        tau = trak([models[i] for i in c["models"]], xtr, ytr, xte, yte, c["layers"], c["k"], c["seed"], c["kind"],
                   c["lam"])
        np.save(os.path.join(out, "oracle", name + ".npy"), tau)
    meta = {"seed": SEED, "n_train": N_TRAIN, "n_test": N_TEST, "K": K, "cases": cases,
            "numpy": np.__version__, "python": sys.version.split()[0],
            "command": "python3 make_trak_golden.py"}
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
