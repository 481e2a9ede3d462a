#!/usr/bin/env python3
"""PyTorch peer of `ntk adv-train` for the two-layer ReLU net (bench/advtrain.peers.ts runs it).

The same algorithm as `adversarialTrain` (src/robust/adversarialTrain.ts) with `train: 'first'`, the
logistic loss, PGD on the l2 ball (restart 0 from the clean point, no random start, constant step size) and
no robust-loss estimate (`--robust-every 0`):

  f(W, x) = m^{-1/2} sum_r a_r relu(w_r . x)          (a fixed, W0 read from .npy written by the toolkit)
  for t = 0..T:                                        (t = T only records, like the toolkit's `final`)
    PGD: p = x; for s = 0..steps: f = f(W, p); keep the highest-loss candidate per sample (strict >);
         if s < steps: g = d(sum_i l(f_i, y_i))/dp; p += eta g/|g| (rows with |g| > 0);
         project onto B(x, rho) (radial scaling, with the toolkit's last-ulp guard)
    record: surrogate = mean best loss, clean loss, |grad| at the best points, |W - W0|_F
    if t < T: W <- W - alpha grad_W (1/n) sum_i l(f(W, best_i), y_i), with dl/df at the recorded predictions;
              project W onto B(W0, R) (the toolkit's radial scaling to R(1 - 2^-46) with its nudge loop)

Usage: advtrain_peer.py X.npy y.npy W0.npy a.npy steps radius learningRate T ballRadius outW.npy outHist.npy
Threads: PEER_THREADS (default 1). Exit code 3 when PyTorch (or NumPy) is missing.
Prints the training time (seconds, excluding start-up and file I/O) on stdout.
"""
import os
import sys
import time

try:
    import numpy as np
    import torch
except ImportError:
    sys.exit(3)


def main() -> None:
    xs, ys, w0s, as_, steps, rho, alpha, T, R, out_w, out_h = sys.argv[1:12]
    steps, rho, alpha, T, R = int(steps), float(rho), float(alpha), int(T), float(R)
    torch.set_num_threads(int(os.environ.get("PEER_THREADS", "1")))
    X = torch.from_numpy(np.load(xs)).double()
    y = torch.from_numpy(np.load(ys)).double()
    W0 = torch.from_numpy(np.load(w0s)).double()
    a = torch.from_numpy(np.load(as_)).double()
    n, d = X.shape
    m = W0.shape[0]
    scale = 1.0 / np.sqrt(m)
    eta = 2.5 * rho / steps  # the toolkit's default PGD step size
    sa = a * scale  # a_r / sqrt(m)
    W = W0.clone()
    t0 = time.perf_counter()

    def loss_value(f):
        return torch.nn.functional.softplus(-y * f)

    def loss_deriv(f):
        return -y * torch.sigmoid(-y * f)

    def attack(W):
        p = X.clone()
        best = X.clone()
        best_loss = torch.full((n,), -float("inf"), dtype=torch.float64)
        best_pred = torch.zeros(n, dtype=torch.float64)
        clean_pred = None
        for s in range(steps + 1):
            H = p @ W.T
            f = torch.relu(H) @ sa
            if s == 0:
                clean_pred = f  # restart 0 starts at the clean point
            l = loss_value(f)
            better = l > best_loss
            best_loss = torch.where(better, l, best_loss)
            best_pred = torch.where(better, f, best_pred)
            best = torch.where(better[:, None], p, best)
            if s == steps:
                break
            u = loss_deriv(f)
            G = (H > 0) * torch.outer(u, sa)
            g = G @ W
            gn = torch.linalg.vector_norm(g, dim=1)
            ok = (gn > 0) & torch.isfinite(gn)
            p = torch.where(ok[:, None], p + (eta * g) / gn[:, None], p)
            delta = p - X
            dn = torch.linalg.vector_norm(delta, dim=1)
            over = dn > rho
            p = torch.where(over[:, None], X + (rho / dn)[:, None] * delta, p)
            # the toolkit's guard against the last-ulp overshoot of x + s*delta
            delta = p - X
            dn2 = torch.linalg.vector_norm(delta, dim=1)
            over2 = over & (dn2 > rho)
            if bool(over2.any()):
                p = torch.where(over2[:, None], X + delta * (rho / dn2)[:, None] * (1 - 1e-15), p)
        return best, best_loss, best_pred, clean_pred

    def grad_w(W, pts, u):
        H = pts @ W.T
        G = (H > 0) * torch.outer(u, sa)
        return G.T @ pts

    hist = []
    for t in range(T + 1):
        best, best_loss, best_pred, clean_pred = attack(W)
        surrogate = float(best_loss.mean())
        clean = float(loss_value(clean_pred).mean())
        g = grad_w(W, best, loss_deriv(best_pred) / n)
        gnorm = float(torch.linalg.vector_norm(g))
        dist = float(torch.linalg.vector_norm(W - W0))
        hist.append([t, surrogate, clean, dist, gnorm])
        if t == T:
            break
        W = W - alpha * g
        D = W - W0
        dist = float(torch.linalg.vector_norm(D))
        if dist > R:
            target = R * (1 - 2.0**-46)
            sc = target / dist
            for attempt in range(60):
                W = W0 + sc * D
                if float(torch.linalg.vector_norm(W - W0)) <= target:
                    break
                sc *= 1 - 2.0**-50 * 2.0**attempt
    seconds = time.perf_counter() - t0
    np.save(out_w, W.numpy())
    np.save(out_h, np.array(hist))
    print(f"{seconds:.4f}")


if __name__ == "__main__":
    main()
