"""A correct dh_t/dW_R written differently from Theorem 1 (the twin of jacobian-forward.mjs):
forward-mode sensitivities, D_r = I (x) s(h_{r-1})^T + W_R diag s'(h_{r-1}) D_{r-1}."""

import numpy as np
from bptt_formula import serve
from forward import ACT, states


def jacobian(c, t):
    f, df = ACT[c["activation"]]
    n = len(c["W_R"])
    hs = states(c, t)
    D = np.zeros((n, n * n))
    for r in range(1, t + 1):
        D = np.kron(np.eye(n), f(hs[r - 1])) + c["W_R"] @ (df(hs[r - 1])[:, None] * D)
    return D


if __name__ == "__main__":
    serve(jacobian)
