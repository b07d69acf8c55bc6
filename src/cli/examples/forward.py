"""Shared by the Python example formulas: runs h_t = W_R s(h_{t-1}) + W_I x_t + b_R with numpy
(the twin of forward.mjs)."""

import math

import numpy as np

# Overflow gives inf or 0 silently, as Math.exp does in the JS twins.
np.seterr(all="ignore")

_erfc = np.vectorize(math.erfc, otypes=[float])


def _sig(x):
    """The logistic sigmoid, in the form whose exp never overflows."""
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


def _phi(x):
    """The standard normal CDF, erfc(-x/sqrt 2)/2."""
    return _erfc(-np.asarray(x, dtype=float) / math.sqrt(2)) / 2


#: Each activation and its derivative.
ACT = {
    "identity": (lambda x: x, lambda x: np.ones_like(x)),
    "tanh": (np.tanh, lambda x: 1 / np.cosh(x) ** 2),
    "sigmoid": (lambda x: 1 / (1 + np.exp(-x)), lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
    "relu": (lambda x: np.maximum(x, 0), lambda x: np.where(x > 0, 1.0, 0.0)),
    "leaky_relu": (lambda x: np.where(x > 0, x, x / 64), lambda x: np.where(x > 0, 1.0, 1 / 64)),
    "softplus": (
        lambda x: np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x))),
        lambda x: 1 / (1 + np.exp(-x)),
    ),
    "elu": (lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))), lambda x: np.where(x > 0, 1.0, np.exp(np.minimum(x, 0)))),
    "silu": (lambda x: x * _sig(x), lambda x: _sig(x) * (1 + x * _sig(-x))),
    "gelu": (lambda x: x * _phi(x), lambda x: _phi(x) + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)),
    "hardtanh": (lambda x: np.clip(x, -1, 1), lambda x: np.where((x > -1) & (x < 1), 1.0, 0.0)),
    "scaled_tanh": (lambda x: 2 * np.tanh(x), lambda x: 2 / np.cosh(x) ** 2),
}


def states(c, t):
    """h_0 ... h_t as numpy vectors."""
    f, _ = ACT[c["activation"]]
    hs = [c["h_0"]]
    for r in range(1, t + 1):
        hs.append(c["W_R"] @ f(hs[r - 1]) + c["W_I"] @ c["xs"][r - 1] + c["b_R"])
    return hs
