"""dh_t/dW_R by PyTorch's autograd of your own forward pass, in float64."""

import torch
from bptt_formula import FLOAT_KEYS, serve

#: The activations as torch functions; softplus as logaddexp(x, 0), whose autograd derivative is
#: the sigmoid everywhere (torch's softplus turns linear past a threshold, and so does its slope).
ACT = {
    "identity": lambda x: x,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "leaky_relu": lambda x: torch.nn.functional.leaky_relu(x, 1 / 64),
    "softplus": lambda x: torch.logaddexp(x, torch.zeros_like(x)),
    "elu": torch.nn.functional.elu,
    "silu": torch.nn.functional.silu,
    "gelu": torch.nn.functional.gelu,
    "hardtanh": torch.nn.functional.hardtanh,
    "scaled_tanh": lambda x: 2 * torch.tanh(x),
}


def h_t(W_R, c, t):
    """h_t = W_R s(h_{t-1}) + W_I x_t + b_R, from h_0."""
    s = ACT[c["activation"]]
    h = c["h_0"]
    for r in range(1, t + 1):
        h = W_R @ s(h) + c["W_I"] @ c["xs"][r - 1] + c["b_R"]
    return h


def jacobian(case, t):
    c = {k: torch.tensor(v, dtype=torch.float64) if k in FLOAT_KEYS else v for k, v in case.items()}
    J = torch.autograd.functional.jacobian(lambda W_R: h_t(W_R, c, t), c["W_R"])
    n = c["W_R"].shape[0]
    return J.reshape(n, n * n)  # vec(W_R) row-major


if __name__ == "__main__":
    serve(jacobian, numpy=False)
