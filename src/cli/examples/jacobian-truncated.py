"""A wrong dh_t/dW_R (the twin of jacobian-truncated.mjs): truncated BPTT that keeps only the
k = t term, I (x) s(h_{t-1})^T."""

import numpy as np
from bptt_formula import serve
from forward import ACT, states


def jacobian(c, t):
    f, _ = ACT[c["activation"]]
    n = len(c["W_R"])
    return np.kron(np.eye(n), f(states(c, t)[t - 1]))


if __name__ == "__main__":
    serve(jacobian)
