#!/usr/bin/env python3
"""Opens every .npy chunk of an influence4j file store with numpy alone (NumpyOpensStoreTest).

Usage: python3 load_store.py <store-dir>
For every chunk in manifest.json (its range from the artifact's chunkSize if given, else the
store's): checks the file's SHA-256 and length with hashlib, np.load()s it,
checks dtype and shape against the manifest (ragged: offsets int64 [n+1] from 0, values rows =
offsets[-1]), and prints one JSON object {relative path: float64 sum of its values}.
"""
import hashlib
import json
import os
import sys

import numpy as np

root = sys.argv[1]
with open(os.path.join(root, "manifest.json")) as f:
    manifest = json.load(f)
assert manifest["format"] == "influence4j-store" and manifest["formatVersion"] in (1, 2)

scopes = [("static", manifest["staticArtifacts"])]
scopes += [(os.path.join("checkpoints", c["id"]), c["artifacts"]) for c in manifest["checkpoints"]]
sums = {}
opened = 0
for scope, artifacts in scopes:
    for key, a in artifacts.items():
        size = a.get("chunkSize", manifest["chunkSize"])  # format version 2: a small artifact's own chunks
        for j, chunk in enumerate(a["chunks"]):
            assert chunk["from"] == j * size and chunk["to"] == min(manifest["numExamples"], (j + 1) * size), key
            n = chunk["to"] - chunk["from"]
            arrays = []
            for f in chunk["files"]:
                rel = os.path.join(scope, key, f["name"])
                with open(os.path.join(root, rel), "rb") as fh:
                    raw = fh.read()
                assert len(raw) == f["bytes"], rel
                assert hashlib.sha256(raw).hexdigest() == f["sha256"], rel
                arr = np.load(os.path.join(root, rel), allow_pickle=False)
                opened += 1
                arrays.append((rel, arr))
            rel, values = arrays[0]
            assert values.dtype == np.dtype(a["dtype"]), (rel, values.dtype, a["dtype"])
            rows = n
            if len(arrays) == 2:
                orel, offsets = arrays[1]
                assert offsets.dtype == np.int64 and offsets.shape == (n + 1,), orel
                assert offsets[0] == 0 and np.all(np.diff(offsets) >= 0), orel
                rows = int(offsets[-1])
            assert values.shape == tuple([rows] + a["exampleShape"]), (rel, values.shape)
            sums[rel.replace(os.sep, "/")] = float(np.sum(values, dtype=np.float64))
print(json.dumps({"numpy": np.__version__, "files": opened, "sums": sums}))
