#!/usr/bin/env python3
"""Times the PyTorch oracle (ref_scores.py) on the bench's data, one thread, and saves its scores.

Used by influence4j's BenchMain (table 3). For every score: "e2e" calls the oracle function on the
checkpoint weights (autograd capture plus scoring, as the oracle computes it); "score" times only
the scoring arithmetic on activation gradients / logits computed beforehand (the capture).
Best of --rounds (scoring alone and .npy+scoring: after 1 s of untimed calls, best of at least 20
calls spread over at least 1 s, as the Java side). --scoring-only (the N = 10^6 rows): no e2e. Writes OUT/timings.json and OUT/<output>.npy (float64).
"""
import argparse
import json
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--artifacts", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--scoring-only", action="store_true",
                    help="large N: skip the e2e timings, capture once, save the scores of the scoring pass")
    a = ap.parse_args()
    sys.path.insert(0, a.oracle)
    import numpy as np
    import torch
    import torch.nn.functional as F
    import ref_scores as R

    torch.set_num_threads(1)
    dtype = torch.float32 if a.dtype == "float32" else torch.float64
    spec = R.Spec(pad_id=0, activation="none", dtype=dtype)
    ck = R.load_checkpoints(os.path.join(a.artifacts, "checkpoints"), dtype, "out_in")
    x = np.load(os.path.join(a.artifacts, "train_tokens.npy")).astype(np.int64)
    y = np.load(os.path.join(a.artifacts, "train_labels.npy")).astype(np.int64)
    yt = torch.as_tensor(y)
    C = len(ck)

    def lr_sum(f):
        tot = None
        for c, g in zip(ck, G):
            s = f(g) * c.lr
            tot = s if tot is None else tot + s
        return tot

    def dyn_logits():
        return R.dynamics_from_checkpoints(ck, x, spec)

    def el2n_from(dyn):
        p = torch.softmax(dyn, -1)
        return (p - F.one_hot(yt, p.shape[-1]).to(p.dtype)).norm(dim=-1).mean(0)

    def cart(dyn):
        c = R.cartography(dyn, y)
        return [c["confidence"], c["variability"], c["correctness"]]

    e2e = {
        "tracin_self": lambda: [R.tracin_self_influence(ck, x, y, spec, "all")],
        "tracin_we_self": lambda: [R.tracin_self_influence(ck, x, y, spec, ["emb"])],
        "tracin_we_top10_self": lambda: [R.tracin_we_self_influence(ck, x, y, spec, topk=10)],
        "tracin_fc_self": lambda: [R.tracin_self_influence(ck, x, y, spec, ["fc"])],
        "tracin_fast_self": lambda: [R.tracin_fast_self_influence(ck, x, y, spec)],
        "vog": lambda: [R.vog(ck, x, y, spec, variant="var", normalize="class")],
        "el2n": lambda: [R.el2n(ck, x, y, spec).mean(0)],
        "grand": lambda: [R.grand(ck, x, y, spec, "last_layer").mean(0)],
        "data_map": lambda: cart(dyn_logits()),
        "forgetting": lambda: [R.forgetting_counts(dyn_logits(), y, float(C))],
        "aum": lambda: [R.aum(dyn_logits(), y)],
    }
    outputs = {
        "tracin_self": ["tracin_self"], "tracin_we_self": ["tracin_we_self"],
        "tracin_we_top10_self": ["tracin_we_top10_self"], "tracin_fc_self": ["tracin_fc_self"],
        "tracin_fast_self": ["tracin_fast_self"], "vog": ["vog_var_classnorm"], "el2n": ["el2n"],
        "grand": ["grand_last_layer"], "data_map": ["confidence", "variability", "correctness"],
        "forgetting": ["forgetting"], "aum": ["aum"],
    }

    def best(f):
        t = float("inf")
        out = None
        for _ in range(a.rounds):
            t0 = time.perf_counter()
            out = f()
            t = min(t, time.perf_counter() - t0)
        return t, out

    def steady(f):
        # the Java side's policy (OracleWorker.steadyBest): untimed calls for at least 1 s (at most
        # 2,000), then the best of at least 20 timed calls spread over at least 1 s (at most 2,000)
        end = time.perf_counter() + 1.0
        n = 0
        while n == 0 or (n < 2000 and time.perf_counter() < end):
            f()
            n += 1
        t = float("inf")
        end = time.perf_counter() + 1.0
        n = 0
        # at N = 10^6 (--scoring-only) a call takes a second or more: --rounds calls are enough
        while n < (a.rounds if a.scoring_only else max(a.rounds, 20)) or (n < 2000 and time.perf_counter() < end):
            t0 = time.perf_counter()
            f()
            t = min(t, time.perf_counter() - t0)
            n += 1
        return t

    timings = {"e2e": {}, "score": {}, "capture": {}}
    for name, f in ({} if a.scoring_only else e2e).items():
        t, out = best(f)
        timings["e2e"][name] = t
        for o, v in zip(outputs[name], out):
            np.save(os.path.join(a.out, o + ".npy"), v.detach().to(torch.float64).numpy())

    # capture once (what the scoring-alone timings start from)
    t, G = best(lambda: [R.activation_grads(c, x, y, spec) for c in ck])
    timings["capture"]["activation_grads"] = t
    t, GV = best(lambda: R.vog_gradients(ck, x, y, spec))
    timings["capture"]["vog_gradients"] = t
    t, DYN = best(dyn_logits)
    timings["capture"]["logits"] = t
    score = {
        "tracin_self": lambda: lr_sum(lambda g: R.param_grad_sqnorm(g, "all")),
        "tracin_we_self": lambda: lr_sum(lambda g: R.param_grad_sqnorm(g, ["emb"])),
        "tracin_we_top10_self": lambda: lr_sum(lambda g: R.emb_grad_sqnorm(R.keep_topk_positions(g, 10))),
        "tracin_fc_self": lambda: lr_sum(lambda g: R.param_grad_sqnorm(g, ["fc"])),
        "tracin_fast_self": lambda: lr_sum(lambda g: R.param_grad_sqnorm(g, ["fc_w"])),
        "vog": lambda: R.vog_from_gradients(GV[0], GV[1], y, "var", normalize="class"),
        "el2n": lambda: el2n_from(DYN),
        "grand": lambda: torch.stack([R.param_grad_sqnorm(g, ["fc"]).sqrt() for g in G]).mean(0),
        "data_map": lambda: cart(DYN),
        "forgetting": lambda: R.forgetting_counts(DYN, y, float(C)),
        "aum": lambda: R.aum(DYN, y),
    }
    for name, f in score.items():
        timings["score"][name] = steady(f)
        if a.scoring_only:
            out = f()
            for o, v in zip(outputs[name], out if isinstance(out, list) else [out]):
                np.save(os.path.join(a.out, o + ".npy"), v.detach().to(torch.float64).numpy())

    # the same scoring, starting from the captured tensors saved as .npy (np.load + scoring)
    npy = os.path.join(a.out, "py-artifacts")
    os.makedirs(npy, exist_ok=True)
    for c, g in enumerate(G):
        for k in ("de", "delta", "h", "ids"):
            np.save(os.path.join(npy, f"{k}_{c}.npy"), g[k].numpy())
    np.save(os.path.join(npy, "vog_grads.npy"), GV[0].numpy())
    np.save(os.path.join(npy, "mask.npy"), GV[1].numpy())
    np.save(os.path.join(npy, "logits.npy"), DYN.numpy())

    def load(c, keys):
        return {k: torch.from_numpy(np.load(os.path.join(npy, f"{k}_{c}.npy"))) for k in keys}

    def lr_sum_npy(keys, f):
        tot = None
        for c, ckc in enumerate(ck):
            s = f(load(c, keys)) * ckc.lr
            tot = s if tot is None else tot + s
        return tot

    def dyn_npy():
        return torch.from_numpy(np.load(os.path.join(npy, "logits.npy")))

    EMB = ("de", "ids", "delta", "h")
    from_npy = {
        "tracin_self": lambda: lr_sum_npy(EMB, lambda g: R.param_grad_sqnorm(g, "all")),
        "tracin_we_self": lambda: lr_sum_npy(("de", "ids", "delta"), lambda g: R.param_grad_sqnorm(g, ["emb"])),
        "tracin_we_top10_self": lambda: lr_sum_npy(("de", "ids"),
                                                   lambda g: R.emb_grad_sqnorm(R.keep_topk_positions(g, 10))),
        "tracin_fc_self": lambda: lr_sum_npy(("delta", "h"), lambda g: R.param_grad_sqnorm(g, ["fc"])),
        "tracin_fast_self": lambda: lr_sum_npy(("delta", "h"), lambda g: R.param_grad_sqnorm(g, ["fc_w"])),
        "vog": lambda: R.vog_from_gradients(torch.from_numpy(np.load(os.path.join(npy, "vog_grads.npy"))),
                                            torch.from_numpy(np.load(os.path.join(npy, "mask.npy"))), y, "var",
                                            normalize="class"),
        "el2n": lambda: el2n_from(dyn_npy()),
        "grand": lambda: torch.stack([R.param_grad_sqnorm(load(c, ("delta", "h")), ["fc"]).sqrt()
                                      for c in range(C)]).mean(0),
        "data_map": lambda: cart(dyn_npy()),
        "forgetting": lambda: R.forgetting_counts(dyn_npy(), y, float(C)),
        "aum": lambda: R.aum(dyn_npy(), y),
    }
    timings["npy"] = {}
    for name, f in from_npy.items():
        timings["npy"][name] = steady(f)
    timings["torch"] = torch.__version__
    timings["numpy"] = np.__version__
    timings["threads"] = torch.get_num_threads()
    timings["dtype"] = a.dtype
    with open(os.path.join(a.out, "timings.json"), "w") as f:
        json.dump(timings, f, indent=1)


if __name__ == "__main__":
    main()
