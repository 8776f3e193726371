#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The influence4j authors
"""Recomputes the LDS of an `influence4j evaluate lds` directory with numpy/scipy, independently of
the Java code: reads attributions/<method>.npy ([tests x train] float64, row-major) and
lds/subsets.json (the subsets' ids and retrained outputs), and prints the mean per-test Spearman
correlation per method (scipy.stats.spearmanr), to compare with lds/scores.csv.

Usage: python3 scripts/lds_crosscheck.py DIR
"""
import json
import os
import sys

import numpy as np
from scipy.stats import spearmanr


def main(d):
    s = json.load(open(os.path.join(d, "lds", "subsets.json")))
    ids = s["ids"]
    outputs = np.array(s["outputs"])
    t = outputs.shape[1]
    for f in sorted(os.listdir(os.path.join(d, "attributions"))):
        a = np.load(os.path.join(d, "attributions", f)).reshape(t, -1)
        pred = np.array([a[:, sub].sum(axis=1) for sub in ids])
        rho = [spearmanr(pred[:, z], outputs[:, z]).correlation for z in range(t)]
        rho = np.array([r for r in rho if not np.isnan(r)])
        print("%-12s LDS %.4f over %d tests, %d subsets" % (f[:-4], rho.mean(), len(rho), len(ids)))


if __name__ == "__main__":
    main(sys.argv[1])
