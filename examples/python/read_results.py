"""Reads the arrays written by examples/pythonInterop.ts (or by the ntk CLI) with NumPy.

    python3 examples/python/read_results.py DIR

DIR holds X.npy, K.npy, f.npy and, after adv-train, net.json and hist.csv.
"""
import json
import os
import sys

import numpy as np

d = sys.argv[1] if len(sys.argv) > 1 else '.'
X = np.load(os.path.join(d, 'X.npy'))
K = np.load(os.path.join(d, 'K.npy'))
f = np.load(os.path.join(d, 'f.npy'))
print(f'python: X {X.shape} {X.dtype}, K {K.shape}, symmetric: {np.allclose(K, K.T)}, '
      f'min eigenvalue {np.linalg.eigvalsh(K).min():.3e}')
print(f'python: test predictions f {f.shape}: {np.array2string(f[:4], precision=4)} ...')

hist_path = os.path.join(d, 'hist.csv')
if os.path.exists(hist_path):
    hist = np.loadtxt(hist_path, delimiter=',', ndmin=2)
    print(f'python: adv-train history {hist.shape}, min surrogate loss {hist[:, 1].min():.4f}, '
          f'max |W - W0| {hist[:, 3].max():.4f}')
net_path = os.path.join(d, 'net.json')
if os.path.exists(net_path):
    with open(net_path) as fh:
        net = json.load(fh)
    W = np.array(net['params'][: net['width'] * net['inputDim']]).reshape(net['width'], net['inputDim'])
    print(f"python: trained first layer W {W.shape} ({net['activation']}, width {net['width']})")
