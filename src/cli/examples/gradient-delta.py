"""A correct dE_t/dW_R by the BPTT delta-recursion (the twin of gradient-delta.mjs):
delta_t = W_O^T (softmax(z_t) - e_{y_t}), delta_{r-1} = s'(h_{r-1}) * W_R^T delta_r,
dE_t/dW_R = sum_{r=1}^t delta_r s(h_{r-1})^T."""

import numpy as np
from bptt_formula import serve
from forward import ACT, states


def gradient(c, t):
    f, df = ACT[c["activation"]]
    hs = states(c, t)
    z = c["W_O"] @ hs[t] + c["b_O"]
    e = np.exp(z - z.max())
    p = e / e.sum()
    p[c["ys"][t - 1]] -= 1
    delta = c["W_O"].T @ p
    g = np.zeros((len(c["W_R"]), len(c["W_R"])))
    for r in range(t, 0, -1):
        g += np.outer(delta, f(hs[r - 1]))
        delta = df(hs[r - 1]) * (c["W_R"].T @ delta)
    return g


if __name__ == "__main__":
    serve(gradient)
