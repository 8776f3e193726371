#!/usr/bin/env python3
"""Golden fixtures for VoG and the confidence family (influence-scorers).

Builds a small synthetic model of the oracle's family (embedding -> masked mean pool -> tanh
hidden layer -> linear head), trains it with SGD on variable-length token sequences with label
noise, saves checkpoints after each epoch (each epoch with its own learning rate), then

  1. writes the oracle's input layout (oracle_input/) and runs the oracle's ref_scores.py
     (--oracle DIR; default ../shared/oracle beside the repository root) on it (oracle_output/, and oracle_output_nl/ with --never-learned C for forgetting);
  2. computes, independently of the oracle and with torch autograd, every artifact the Java store
     needs (artifacts/, layout in README.md): LABELS, TOKEN_IDS, LOGITS, LOSS, INPUT_GRADS,
     EMBEDDING_GRADS (ragged, real positions only), LAYER_INPUTS / LAYER_OUTPUT_GRADS of the
     layers "hid" and "fc", PARAM_GRADS of the groups "hid" and "fc" (per-example autograd loop),
     NULL_LOGITS (the same model fed an empty input);
  3. computes PVI (not in the oracle) with torch log_softmax: extra/pvi_last.npy (last checkpoint)
     and extra/pvi_mean.npy (mean over checkpoints).

Run:  /usr/bin/python3 generate.py [--oracle DIR]   (writes next to this file; deterministic for a seed)
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

N, V, D, H, K, L = 36, 24, 6, 5, 3, 9
LRS = [0.9, 0.6, 0.35, 0.15]          # one epoch per checkpoint, each with its own learning rate
STEPS_PER_EPOCH = 6                   # minibatches of 6
NOISE = 0.17                          # fraction of flipped labels
# the optional sibling checkout shared/oracle beside the repository root (6 levels above this file)
REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), *[".."] * 6))
ORACLE_DIR = os.path.join(os.path.dirname(REPO), "shared", "oracle")


def make_data(g: torch.Generator):
    """Class c draws most tokens from its own block of the vocabulary, some from a shared block."""
    lengths = torch.randint(2, L + 1, (N,), generator=g)
    lengths[0] = L                    # one full-length example, one of length 2
    lengths[1] = 2
    clean = torch.arange(N) % K
    tokens = torch.zeros(N, L, dtype=torch.long)          # pad id 0
    for n in range(N):
        for t in range(int(lengths[n])):
            if torch.rand((), generator=g) < 0.7:
                tokens[n, t] = 1 + 6 * int(clean[n]) + int(torch.randint(0, 6, (), generator=g))
            else:
                tokens[n, t] = 19 + int(torch.randint(0, V - 19, (), generator=g))
    noisy = clean.clone()
    flip = torch.rand(N, generator=g) < NOISE
    noisy[flip] = (clean[flip] + 1 + torch.randint(0, K - 1, (int(flip.sum()),), generator=g)) % K
    return tokens, lengths, clean, noisy, flip


def forward(w, tokens, e_raw=None):
    """The oracle's model family, written here independently. Returns the intermediates."""
    mask = (tokens != 0).to(torch.float64)
    if e_raw is None:
        e_raw = w["emb"][tokens]
    p = (e_raw * mask.unsqueeze(-1)).sum(1) / mask.sum(1).clamp(min=1.0).unsqueeze(-1)
    a = p @ w["hid_w"].T + w["hid_b"]
    h = torch.tanh(a)
    z = h @ w["fc_w"].T + w["fc_b"]
    return {"p": p, "a": a, "h": h, "z": z, "mask": mask}


def train(g, tokens, labels):
    w = {"emb": torch.randn(V, D, generator=g, dtype=torch.float64) * 0.8,
         "hid_w": torch.randn(H, D, generator=g, dtype=torch.float64) * 0.7,
         "hid_b": torch.randn(H, generator=g, dtype=torch.float64) * 0.1,
         "fc_w": torch.randn(K, H, generator=g, dtype=torch.float64) * 0.7,
         "fc_b": torch.randn(K, generator=g, dtype=torch.float64) * 0.1}
    for t in w.values():
        t.requires_grad_(True)
    ckpts, step = [], 0
    for epoch, lr in enumerate(LRS):
        order = torch.randperm(N, generator=g)
        for b in range(STEPS_PER_EPOCH):
            idx = order[b * (N // STEPS_PER_EPOCH):(b + 1) * (N // STEPS_PER_EPOCH)]
            loss = F.cross_entropy(forward(w, tokens[idx])["z"], labels[idx])
            grads = torch.autograd.grad(loss, list(w.values()))
            with torch.no_grad():
                for t, gr in zip(w.values(), grads):
                    t -= lr * gr
            step += 1
        ckpts.append({"id": f"c{epoch}", "step": step, "epoch": epoch, "lr": lr,
                      "w": {k: v.detach().clone() for k, v in w.items()}})
    return ckpts


def artifacts(w, tokens, labels, lengths):
    """Every per-checkpoint artifact, from torch autograd (one backward pass per objective)."""
    e_raw = w["emb"][tokens].detach().clone().requires_grad_(True)
    f = forward(w, tokens, e_raw)
    z, a, h, p = f["z"], f["a"], f["h"], f["p"]
    loss = F.cross_entropy(z, labels, reduction="none")
    # VoG: d(true-class logit)/d(embedding output); examples are independent, so the summed
    # objective gives each example's own gradient
    (g_in,) = torch.autograd.grad(z.gather(1, labels.view(-1, 1)).sum(), e_raw, retain_graph=True)
    g_emb, g_a, g_z = torch.autograd.grad(loss.sum(), [e_raw, a, z])
    real = [int(n) for n in lengths]
    rag = lambda G: np.concatenate([G[n, :real[n]].numpy() for n in range(N)], 0)
    out = {"LOGITS": z.detach().numpy(), "LOSS": loss.detach().numpy(),
           "INPUT_GRADS": rag(g_in), "EMBEDDING_GRADS": rag(g_emb),
           "LAYER_INPUTS.hid": p.detach().numpy(), "LAYER_OUTPUT_GRADS.hid": g_a.numpy(),
           "LAYER_INPUTS.fc": h.detach().numpy(), "LAYER_OUTPUT_GRADS.fc": g_z.numpy()}
    # dense per-example parameter gradients, one autograd call per example (independent of the
    # factored identities above)
    params = {k: w[k].detach().clone().requires_grad_(True) for k in ("hid_w", "hid_b", "fc_w", "fc_b")}
    pg = {"hid": [], "fc": []}
    for n in range(N):
        wn = dict(w, **params)
        ln = F.cross_entropy(forward(wn, tokens[n:n + 1])["z"], labels[n:n + 1])
        gw1, gb1, gw, gb = torch.autograd.grad(ln, [params[k] for k in ("hid_w", "hid_b", "fc_w", "fc_b")])
        pg["hid"].append(torch.cat([gw1.reshape(-1), gb1]).numpy())
        pg["fc"].append(torch.cat([gw.reshape(-1), gb]).numpy())
    out["PARAM_GRADS.hid"] = np.stack(pg["hid"])
    out["PARAM_GRADS.fc"] = np.stack(pg["fc"])
    with torch.no_grad():   # the null model: the same network given an empty input (p = 0)
        zn = torch.tanh(w["hid_b"]) @ w["fc_w"].T + w["fc_b"]
        out["NULL_LOGITS"] = zn.expand(N, K).clone().numpy()
    return out


def save(path, a):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, np.ascontiguousarray(a))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--seed", type=int, default=20230611)
    ap.add_argument("--oracle", default=ORACLE_DIR, help="directory holding ref_scores.py (default: %(default)s)")
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(a.seed)
    tokens, lengths, clean, labels, flip = make_data(g)
    ckpts = train(g, tokens, labels)

    for sub in ("oracle_input", "oracle_output", "oracle_output_nl", "artifacts", "extra"):
        shutil.rmtree(os.path.join(a.out, sub), ignore_errors=True)
    oi = os.path.join(a.out, "oracle_input")
    save(os.path.join(oi, "train_tokens.npy"), tokens.numpy().astype(np.int64))
    save(os.path.join(oi, "train_labels.npy"), labels.numpy().astype(np.int64))
    with open(os.path.join(oi, "config.json"), "w") as f:
        json.dump({"pad_id": 0, "activation": "tanh", "fc_layout": "out_in"}, f, indent=1)
    for c in ckpts:
        d = os.path.join(oi, "checkpoints", c["id"])
        for k, v in c["w"].items():
            save(os.path.join(d, k + ".npy"), v.numpy())
        save(os.path.join(d, "lr.npy"), np.asarray(c["lr"], dtype=np.float64))
    oracle = [sys.executable, os.path.join(a.oracle, "ref_scores.py"), "--artifacts", oi, "--threads", "1"]
    subprocess.run(oracle + ["--out", os.path.join(a.out, "oracle_output")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(oracle + ["--out", os.path.join(a.out, "oracle_output_nl"), "--scores", "forgetting",
                             "--never-learned", str(len(ckpts))], check=True, stdout=subprocess.DEVNULL)

    art = os.path.join(a.out, "artifacts")
    lens = lengths.numpy().astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
    save(os.path.join(art, "static", "LABELS.npy"), labels.numpy().astype(np.int64))
    save(os.path.join(art, "static", "TOKEN_IDS.values.npy"),
         np.concatenate([tokens[n, :lens[n]].numpy() for n in range(N)]).astype(np.int64))
    save(os.path.join(art, "static", "TOKEN_IDS.offsets.npy"), offsets)
    kinds = None
    lx, ln = [], []
    for c in ckpts:
        arts = artifacts(c["w"], tokens, labels, lengths)
        kinds = sorted(arts)
        for k, v in arts.items():
            base = os.path.join(art, "checkpoints", c["id"], k)
            if k in ("INPUT_GRADS", "EMBEDDING_GRADS"):
                save(base + ".values.npy", v)
                save(base + ".offsets.npy", offsets)
            else:
                save(base + ".npy", v)
        lx.append(torch.log_softmax(torch.as_tensor(arts["LOGITS"]), 1))
        ln.append(torch.log_softmax(torch.as_tensor(arts["NULL_LOGITS"]), 1))
    with open(os.path.join(art, "manifest.json"), "w") as f:
        json.dump({"store_id": "golden-confidence-vog", "num_examples": N, "num_classes": K, "dim": D,
                   "max_length": L, "seed": a.seed, "checkpoint_kinds": kinds,
                   "ragged_kinds": ["INPUT_GRADS", "EMBEDDING_GRADS"],
                   "checkpoints": [{"id": c["id"], "step": c["step"], "epoch": c["epoch"], "lr": c["lr"],
                                    "seed": a.seed} for c in ckpts]}, f, indent=1)

    y = labels.view(-1, 1)
    pvi = [((x.gather(1, y) - n.gather(1, y))[:, 0] / math.log(2.0)).numpy() for x, n in zip(lx, ln)]
    ex = os.path.join(a.out, "extra")
    save(os.path.join(ex, "pvi_last.npy"), pvi[-1])
    save(os.path.join(ex, "pvi_mean.npy"), np.mean(np.stack(pvi), 0))
    save(os.path.join(ex, "noise_mask.npy"), flip.numpy())
    save(os.path.join(ex, "clean_labels.npy"), clean.numpy().astype(np.int64))
    print(f"torch {torch.__version__}, numpy {np.__version__}, seed {a.seed}: N={N} K={K} D={D} "
          f"C={len(ckpts)} lengths {lens.min()}..{lens.max()}, {int(flip.sum())} flipped labels")


if __name__ == "__main__":
    main()
