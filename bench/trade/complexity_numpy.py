#!/usr/bin/env python3
"""The numpy reference of bench/trade: the product space and complexity of one export
matrix with the formulas of docs/niches.md (Stata's ecomplexity defaults), written the
way one writes them in numpy (dense matrices, BLAS products, numpy's eig), timed, and
compared with corridor's results (raw doubles written by trade_complexity_bench).

Usage: complexity_numpy.py MATRIX.csv CORRIDOR_OUT_DIR [repeats]"""
import csv
import sys
import time

import numpy as np


def read(path):
    rows = list(csv.reader(open(path, encoding="utf-8")))[1:]
    cs = sorted({r[0] for r in rows})
    ps = sorted({r[1] for r in rows})
    ci = {c: i for i, c in enumerate(cs)}
    pi = {p: i for i, p in enumerate(ps)}
    x = np.zeros((len(cs), len(ps)))
    for r in rows:
        x[ci[r[0]], pi[r[1]]] += float(r[2])
    return x


def complexity(x):
    x = x[x.sum(1) > 0][:, x.sum(0) > 0]
    rca = (x / x.sum(1, keepdims=True)) / (x.sum(0, keepdims=True) / x.sum())
    m = (rca > 1).astype(float)
    d, u = m.sum(1), m.sum(0)
    phi = (m.T @ m) / np.maximum(u[:, None], u[None, :])
    np.fill_diagonal(phi, 0.0)
    s = phi.sum(1)
    density = (m @ phi) / s[None, :]
    mcc = (m / d[:, None]) @ (m / u[None, :]).T
    vals, vecs = np.linalg.eig(mcc)
    second = np.argsort(-vals.real)[1]
    kc = vecs[:, second].real
    kp = (m / u[None, :]).T @ kc
    kp /= np.linalg.norm(kp)
    kc = (m @ kp) / d
    if np.corrcoef(d, kc)[0, 1] < 0:
        kc, kp = -kc, -kp
    rows = m.shape[1]

    def moments(v):
        return v.mean(), np.sqrt(rows * ((v - v.mean()) ** 2).sum() / (len(v) * rows - 1))

    mean, sd = moments(kc)
    eci, pci = (kc - mean) / sd, (kp - mean) / sd
    coi = (density * (1 - m) * kp[None, :]).sum(1)
    cmean, csd = moments(coi)
    cog = (1 - m) * ((1 - m) @ (phi * (kp / s)[:, None])) / sd
    return {"eci": eci, "pci": pci, "coi": (coi - cmean) / csd, "density": density,
            "cog": cog, "proximity_rowsum": s}


def main():
    x = read(sys.argv[1])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        ref = complexity(x)
        best = min(best, time.perf_counter() - t0)
    print(f"numpy {np.__version__} {x.shape[0]} countries x {x.shape[1]} products: "
          f"{best:.3f} s (best of {repeats})")
    worst = 0.0
    for name, want in ref.items():
        got = np.fromfile(f"{sys.argv[2]}/{name}.f64").reshape(want.shape)
        diff = np.max(np.abs(got - want) / np.maximum(1.0, np.abs(want)))
        worst = max(worst, diff)
        print(f"  {name:17s} largest relative difference {diff:.2e}")
    print(f"numpy_seconds {best:.6f} worst_difference {worst:.3e}")
    return 0 if worst < 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
