"""Driving ntk-toolkit from Python research code: arrays go through .npy files, work through the CLI.

    python3 examples/python/ntk_from_python.py          (from the repository root; needs Node and NumPy)

Compares kernel regression with the closed-form NTK against a NumPy least-squares baseline, then runs a
short adversarial training and reads its history.
"""
import json
import os
import subprocess
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NTK = ['node', os.path.join(ROOT, 'bin', 'ntk.mjs')]


def ntk(*args, cwd):
    """Runs `ntk args…`, returns the parsed --json output; raises with ntk's one-line error otherwise."""
    r = subprocess.run([*NTK, *args, '--json'], cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip())
    return json.loads(r.stdout)


with tempfile.TemporaryDirectory() as d:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 4))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = np.sign(X[:, 0] * X[:, 1])                       # XOR-like: not linearly separable
    np.save(os.path.join(d, 'X.npy'), X[:100]); np.save(os.path.join(d, 'y.npy'), y[:100])
    np.save(os.path.join(d, 'Xte.npy'), X[100:]); np.save(os.path.join(d, 'yte.npy'), y[100:])

    out = ntk('regress', '--x', 'X.npy', '--y', 'y.npy', '--x-test', 'Xte.npy', '--y-test', 'yte.npy',
              '--depth', '2', '--b-std', '0.1', '--diag-reg', '1e-4', '--out', 'f.npy', cwd=d)
    f = np.load(os.path.join(d, 'f.npy'))
    w, *_ = np.linalg.lstsq(np.c_[X[:100], np.ones(100)], y[:100], rcond=None)
    lin = np.sign(np.c_[X[100:], np.ones(20)] @ w)
    print(f"NTK regression: test accuracy {out['test']['accuracy']:.2f} (NumPy check {np.mean(np.sign(f) == y[100:]):.2f});"
          f" linear least squares: {np.mean(lin == y[100:]):.2f}")

    try:
        ntk('kernel', '--x', 'X.npy', '--x2', 'missing.npy', cwd=d)
    except RuntimeError as e:
        print(f'errors come back as one line: {e}')

    k = np.arange(8); phi = 2 * np.pi * k / 8
    np.save(os.path.join(d, 'Xc.npy'), np.stack([np.cos(phi), np.sin(phi)], axis=1))
    np.save(os.path.join(d, 'yc.npy'), np.where(k % 2 == 0, 1.0, -1.0))
    run = ntk('adv-train', '--x', 'Xc.npy', '--y', 'yc.npy', '--width', '200', '--activation', 'softplus',
              '--set', 'cap', '--radius', '0.2', '--steps', '2', '--learning-rate', '0.5', '--iterations', '40',
              '--ball-radius', '8', '--history-out', 'hist.npy', cwd=d)
    hist = np.load(os.path.join(d, 'hist.npy'))
    print(f"adv-train: {run['status']}, min surrogate loss {hist[:, 1].min():.4f} at t = {int(hist[hist[:, 1].argmin(), 0])},"
          f" max ||W - W0|| {hist[:, 3].max():.4f}, slack {run['bound']['slack']:.4f}")
