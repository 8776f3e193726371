#!/usr/bin/env python3
"""Writes the .npy fixtures that NpyNumpyFixturesTest reads, plus expected.json with their values.

Run from this directory:  /usr/bin/python3 make_fixtures.py
Every array comes from numpy.random.default_rng(SEED); np.save writes the files.
expected.json records dtype, shape and every value (floats as float.hex(), so they are exact;
NaN and infinities as 'nan', 'inf', '-inf'), independently of the .npy encoding.
"""
import json
import numpy as np

SEED = 20231206
rng = np.random.default_rng(SEED)

arrays = {
    "f4_0d": np.float32(rng.standard_normal()),
    "f4_1d": rng.standard_normal(7).astype(np.float32),
    "f4_2d": rng.standard_normal((3, 5)).astype(np.float32),
    "f4_3d": rng.standard_normal((2, 3, 4)).astype(np.float32),
    "f4_empty": np.zeros((0,), dtype=np.float32),
    "f4_empty_2d": np.zeros((0, 3), dtype=np.float32),
    "f4_special": np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45, 3.4028235e38, -1.17549435e-38],
                           dtype=np.float32),
    "f8_0d": np.float64(rng.standard_normal()),
    "f8_1d": rng.standard_normal(6),
    "f8_2d": rng.standard_normal((4, 3)),
    "f8_3d": rng.standard_normal((2, 2, 3)),
    "f8_empty": np.zeros((0,), dtype=np.float64),
    "i4_0d": np.int32(rng.integers(-2**31, 2**31 - 1)),
    "i4_1d": rng.integers(-2**31, 2**31 - 1, size=9, dtype=np.int32),
    "i4_2d": rng.integers(-1000, 1000, size=(2, 6), dtype=np.int32),
    "i4_3d": rng.integers(0, 50000, size=(3, 1, 2), dtype=np.int32),
    "i4_empty": np.zeros((0,), dtype=np.int32),
    "i8_0d": np.int64(rng.integers(-2**62, 2**62)),
    "i8_1d": rng.integers(-2**62, 2**62, size=5, dtype=np.int64),
    "i8_2d": rng.integers(-2**40, 2**40, size=(3, 2), dtype=np.int64),
    "i8_3d": rng.integers(0, 10, size=(2, 2, 2), dtype=np.int64),
    "i8_empty_3d": np.zeros((2, 0, 3), dtype=np.int64),
    # a four-digit first axis, so the header's growth padding differs from the short cases
    "f4_long": rng.standard_normal((1000, 3)).astype(np.float32),
}


def encode(v, kind):
    if kind == "f":
        v = float(v)
        if np.isnan(v):
            return "nan"
        if np.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v.hex()
    return str(int(v))


expected = {}
for name, a in arrays.items():
    a = np.asarray(a)
    np.save(name + ".npy", a)
    expected[name] = {
        "dtype": a.dtype.str,
        "shape": list(a.shape),
        "values": [encode(v, a.dtype.kind) for v in a.reshape(-1)],
    }
with open("expected.json", "w") as f:
    json.dump({"numpy": np.__version__, "seed": SEED, "arrays": expected}, f, indent=1)
print("numpy", np.__version__, "wrote", len(arrays), "fixtures")
