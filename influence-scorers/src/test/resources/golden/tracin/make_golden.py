#!/usr/bin/env python3
"""Generates the TracIn / TracIn-WE golden fixtures of influence-scorers (see README.md here).

1. Trains a small oracle-family model (embedding -> masked mean pool -> Linear+tanh "hid" ->
   Linear "fc") with plain SGD and keeps 3 checkpoints with different learning rates.
2. Writes the oracle's inputs (ART/) and runs the oracle's ref_scores.py on them for the
   goldens (influence matrices and self-influence: all parameters, emb, fc, fc weight, TracIn-WE,
   TracIn-WE-Top10), plus a few extra oracle calls through its Python API (hid only, no lr).
3. Exports the artifacts the Java side consumes, computed here with plain per-example torch
   autograd (one backward pass per example, hooks on the layers), independent of the oracle's
   gradient algebra: TOKEN_IDS, LABELS, EMBEDDING_GRADS (real positions only), LAYER_INPUTS /
   LAYER_OUTPUT_GRADS for hid and fc, PARAM_GRADS for emb (dense V*D), hid and fc (W row-major
   [out, in] then bias).

Run from this directory:  /usr/bin/python3 make_golden.py [--oracle DIR]
(DIR holds ref_scores.py; default ../shared/oracle beside the repository root, the optional sibling
checkout of the oracle)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20230607
V, D, H, K = 30, 6, 5, 3
N_TRAIN, N_TEST, L = 36, 10, 14
LRS = (0.8, 0.5, 0.2)
PAD = 0
TOPK = 10
HERE = os.path.dirname(os.path.abspath(__file__))


class TextClf(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(V, D)
        self.hid = nn.Linear(D, H)
        self.fc = nn.Linear(H, K)

    def forward(self, tokens):
        mask = (tokens != PAD).to(self.emb.weight.dtype)
        e = self.emb(tokens) * mask.unsqueeze(-1)
        p = e.sum(1) / mask.sum(1).clamp(min=1.0).unsqueeze(-1)
        return self.fc(torch.tanh(self.hid(p)))


def make_data(n, g):
    y = torch.randint(0, K, (n,), generator=g)
    lengths = torch.randint(2, L + 1, (n,), generator=g)
    band = (V - 1) // K
    x = torch.zeros(n, L, dtype=torch.long)
    for i in range(n):
        for j in range(int(lengths[i])):
            if torch.rand(1, generator=g).item() < 0.5:
                x[i, j] = 1 + int(y[i]) * band + int(torch.randint(0, band, (1,), generator=g))
            else:
                x[i, j] = int(torch.randint(1, V, (1,), generator=g))
    return x, y


def per_example_artifacts(model, x, y):
    """Explicit per-example autograd: one forward/backward per example, real positions only."""
    out = {k: [] for k in ("tok", "len", "eg", "hid_in", "hid_og", "fc_in", "fc_og", "pg_emb", "pg_hid", "pg_fc")}
    for i in range(len(y)):
        n = int((x[i] != PAD).sum())
        xi = x[i:i + 1, :n]                          # real positions only: padding never enters
        look = model.emb(xi)
        look.retain_grad()
        p = look.sum(1) / n
        p.retain_grad()
        a = model.hid(p)
        a.retain_grad()
        h = torch.tanh(a)
        h.retain_grad()
        z = model.fc(h)
        z.retain_grad()
        model.zero_grad()
        F.cross_entropy(z, y[i:i + 1], reduction="sum").backward()
        out["tok"].append(xi[0].numpy())
        out["len"].append(n)
        out["eg"].append(look.grad[0].detach().numpy())
        out["hid_in"].append(p[0].detach().numpy())
        out["hid_og"].append(a.grad[0].numpy())
        out["fc_in"].append(h[0].detach().numpy())
        out["fc_og"].append(z.grad[0].numpy())
        out["pg_emb"].append(model.emb.weight.grad.reshape(-1).numpy().copy())
        out["pg_hid"].append(torch.cat([model.hid.weight.grad.reshape(-1), model.hid.bias.grad]).numpy().copy())
        out["pg_fc"].append(torch.cat([model.fc.weight.grad.reshape(-1), model.fc.bias.grad]).numpy().copy())
    return out


def save_split(root, split, ck_name, arts, with_static):
    d = os.path.join(root, split)
    os.makedirs(os.path.join(d, ck_name), exist_ok=True)
    off = np.concatenate([[0], np.cumsum(arts["len"])]).astype(np.int64)
    if with_static:
        np.save(os.path.join(d, "TOKEN_IDS.values.npy"), np.concatenate(arts["tok"]).astype(np.int32))
        np.save(os.path.join(d, "TOKEN_IDS.offsets.npy"), off)
    c = os.path.join(d, ck_name)
    np.save(os.path.join(c, "EMBEDDING_GRADS.values.npy"), np.concatenate(arts["eg"]).astype(np.float64))
    np.save(os.path.join(c, "EMBEDDING_GRADS.offsets.npy"), off)
    for key, name in (("hid_in", "LAYER_INPUTS.hid"), ("hid_og", "LAYER_OUTPUT_GRADS.hid"),
                      ("fc_in", "LAYER_INPUTS.fc"), ("fc_og", "LAYER_OUTPUT_GRADS.fc"),
                      ("pg_emb", "PARAM_GRADS.emb"), ("pg_hid", "PARAM_GRADS.hid"), ("pg_fc", "PARAM_GRADS.fc")):
        np.save(os.path.join(c, name + ".npy"), np.stack(arts[key]).astype(np.float64))


def main():
    ap = argparse.ArgumentParser()
    repo = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), *[".."] * 6))
    ap.add_argument("--oracle", default=os.path.join(os.path.dirname(repo), "shared", "oracle"))
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    g = torch.Generator().manual_seed(SEED)
    x, y = make_data(N_TRAIN, g)
    tx, ty = make_data(N_TEST, g)
    tx[0], ty[0] = x[5].clone(), y[5].clone()         # test 0 == train 5: its top proponent
    torch.manual_seed(SEED)
    model = TextClf()
    art = tempfile.mkdtemp(prefix="tracin-golden-")
    out_dir = os.path.join(art, "out")
    ckpts = []
    opt = torch.optim.SGD(model.parameters(), lr=LRS[0])
    for ep, lr in enumerate(LRS):                    # one epoch per checkpoint, lr of that epoch
        for gp in opt.param_groups:
            gp["lr"] = lr
        perm = torch.randperm(N_TRAIN, generator=g)
        for s in range(0, N_TRAIN, 6):
            idx = perm[s:s + 6]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
        name = f"c{ep}"
        ckpts.append((name, lr, {k: v.detach().clone() for k, v in model.state_dict().items()}))
        cdir = os.path.join(art, "checkpoints", name)
        os.makedirs(cdir)
        sd = model.state_dict()
        for f, k in (("emb", "emb.weight"), ("hid_w", "hid.weight"), ("hid_b", "hid.bias"),
                     ("fc_w", "fc.weight"), ("fc_b", "fc.bias")):
            np.save(os.path.join(cdir, f + ".npy"), sd[k].numpy())
        np.save(os.path.join(cdir, "lr.npy"), np.asarray(lr))
    for f, v in (("train_tokens", x), ("train_labels", y), ("test_tokens", tx), ("test_labels", ty)):
        np.save(os.path.join(art, f + ".npy"), v.numpy())
    with open(os.path.join(art, "config.json"), "w") as f:
        json.dump({"pad_id": PAD, "activation": "tanh", "fc_layout": "out_in"}, f)

    # --- oracle: CLI for the standard outputs, Python API for the extra ones
    cmd = [sys.executable, os.path.join(a.oracle, "ref_scores.py"), "--artifacts", art, "--out", out_dir,
           "--scores", "tracin,tracin_we,tracin_fc,tracin_fast", "--we-topk", str(TOPK), "--dtype", "float64"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    sys.path.insert(0, a.oracle)
    import ref_scores as R
    spec = R.Spec(pad_id=PAD, activation="tanh", dtype=torch.float64)
    oc = R.load_checkpoints(os.path.join(art, "checkpoints"), torch.float64)
    extra = {
        "tracin_hid_self": R.tracin_self_influence(oc, x, y, spec, ["hid"]),
        "influence_tracin_hid": R.tracin_influence(oc, x, y, tx, ty, spec, ["hid"]),
        "tracin_nolr_self": R.tracin_self_influence(oc, x, y, spec, "all", use_lr=False),
        "influence_tracin_nolr": R.tracin_influence(oc, x, y, tx, ty, spec, "all", use_lr=False),
        "test_tracin_self": R.tracin_self_influence(oc, tx, ty, spec, "all"),
        "test_tracin_we_self": R.tracin_we_self_influence(oc, tx, ty, spec),
    }

    gold = os.path.join(HERE, "oracle")
    shutil.rmtree(gold, ignore_errors=True)
    os.makedirs(gold)
    keep = ["tracin_self", "tracin_we_self", f"tracin_we_top{TOPK}_self", "tracin_fc_self", "tracin_fast_self",
            "influence_tracin", "influence_tracin_we", f"influence_tracin_we_top{TOPK}", "influence_tracin_fc",
            "influence_tracin_fast"]
    for k in keep:
        shutil.copy(os.path.join(out_dir, k + ".npy"), os.path.join(gold, k + ".npy"))
    for k, v in extra.items():
        np.save(os.path.join(gold, k + ".npy"), v.detach().numpy())

    # --- artifacts for Java, from explicit per-example autograd
    arts_root = os.path.join(HERE, "artifacts")
    shutil.rmtree(arts_root, ignore_errors=True)
    for i, (name, lr, sd) in enumerate(ckpts):
        model.load_state_dict(sd)
        for split, xs, ys in (("train", x, y), ("test", tx, ty)):
            arts = per_example_artifacts(model, xs, ys)
            save_split(arts_root, split, name, arts, with_static=(i == 0))
            if i == 0:
                np.save(os.path.join(arts_root, split, "LABELS.npy"), ys.numpy().astype(np.int32))
    meta = {"seed": SEED, "V": V, "D": D, "H": H, "K": K, "n_train": N_TRAIN, "n_test": N_TEST, "max_len": L,
            "pad_id": PAD, "activation": "tanh", "we_topk": TOPK,
            "checkpoints": [{"id": n, "lr": lr, "step": 6 * (i + 1), "epoch": i} for i, (n, lr, _) in enumerate(ckpts)],
            "identical_pair": {"test": 0, "train": 5},
            "torch": torch.__version__, "numpy": np.__version__, "python": sys.version.split()[0],
            "oracle_command": " ".join(["ref_scores.py"] + cmd[2:]).replace(art, "ART")}
    with open(os.path.join(HERE, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    shutil.rmtree(art)
    print("wrote", gold, "and", arts_root)


if __name__ == "__main__":
    main()
