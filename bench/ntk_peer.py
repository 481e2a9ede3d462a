#!/usr/bin/env python3
"""Peers of bench/peers.ts: the fc-ReLU NTK (neural-tangents 'ntk' parameterisation, wStd = 1, bStd = 0) and
exact kernel regression in NumPy/SciPy, scikit-learn (KernelRidge(kernel='precomputed')) or PyTorch.
Optional: never needed by the project; exits with status 3 when the requested library is missing.

    python3 bench/ntk_peer.py regress numpy X.npy y.npy Xt.npy depth out.npy
    python3 bench/ntk_peer.py regress sklearn X.npy y.npy Xt.npy depth out.npy
    python3 bench/ntk_peer.py gram torch X.npy depth out.npy
    python3 bench/ntk_peer.py gram numpy X.npy depth out.npy
"""
import math
import sys


def ntk(xp, x1, x2, depth, sym):
    d = x1.shape[1]
    s = x1 @ x2.T / d
    q1 = (x1 * x1).sum(1) / d
    q2 = q1 if sym else (x2 * x2).sum(1) / d
    th = s.clone() if hasattr(s, "clone") else s.copy()  # first Dense: Σ = Σ⁰ (wStd 1, bStd 0), Θ = Σ
    for _ in range(depth):
        r = xp.sqrt(q1[:, None] * q2[None, :])
        c = xp.clip(s / r, -1.0, 1.0)
        t = xp.arccos(c)
        s = r * (xp.sqrt(1 - c * c) + (math.pi - t) * c) / (2 * math.pi)
        th = th * (math.pi - t) / (2 * math.pi) + s  # ReLU, then Dense: Θ ← Θ + Σ
        q1 = q1 / 2
        q2 = q2 / 2
    return th


def main():
    mode, lib = sys.argv[1], sys.argv[2]
    import numpy as np

    if lib == "torch":
        try:
            import torch
        except ImportError:
            return 3
        torch.set_num_threads(int(__import__("os").environ.get("PEER_THREADS", "2")))
        X = torch.from_numpy(np.load(sys.argv[3])).double()
        depth = int(sys.argv[4])
        K = ntk(torch, X, X, depth, True)
        np.save(sys.argv[5], K.numpy())
        return 0
    if mode == "gram":
        X = np.load(sys.argv[3])
        np.save(sys.argv[5], ntk(np, X, X, int(sys.argv[4]), True))
        return 0
    X, y, Xt = np.load(sys.argv[3]), np.load(sys.argv[4]), np.load(sys.argv[5])
    depth = int(sys.argv[6])
    K = ntk(np, X, X, depth, True)
    Kt = ntk(np, Xt, X, depth, False)
    if lib == "sklearn":
        try:
            from sklearn.kernel_ridge import KernelRidge
        except ImportError:
            return 3
        f = KernelRidge(alpha=1e-10, kernel="precomputed").fit(K, y).predict(Kt)
    else:
        import scipy.linalg as sl

        f = Kt @ sl.cho_solve(sl.cho_factor(K, lower=True, overwrite_a=True, check_finite=False), y)
    np.save(sys.argv[7], f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
