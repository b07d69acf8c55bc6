"""Serves a Python formula to `bptt-claims check-jacobian` / `check-gradient`.

A formula file defines one function and hands it to `serve`:

    from bptt_formula import serve

    def jacobian(case, t):          # or gradient(case, t)
        ...                         # case: the case-file keys, as numpy arrays
        return J                    # n x n^2 (or n x n) array, list or tensor

    if __name__ == "__main__":
        serve(jacobian)

The checker puts this folder on PYTHONPATH and runs the file with python3 (or $BPTT_PYTHON). Protocol (README, "Check
your own formula"): one JSON request per line on stdin, {"id", "kind", "t", "case"}; one answer
per line on stdout, "<BPTT_NONCE> " followed by {"id", "matrix"} or {"id", "error"}; NaN and
+-Infinity are sent as the strings "NaN", "Infinity", "-Infinity".
"""

import json
import math
import os
import sys
import traceback

#: Case keys that are matrices or vectors of floats (numpy float64 arrays for the formula).
FLOAT_KEYS = ("W_R", "W_I", "b_R", "W_O", "b_O", "h_0", "xs")


def _as_numpy(case):
    """The case with its float fields as numpy float64 arrays and ys as an int64 array."""
    import numpy as np

    out = dict(case)
    for k in FLOAT_KEYS:
        if k in out:
            out[k] = np.asarray(out[k], dtype=np.float64)
    if "ys" in out:
        out["ys"] = np.asarray(out["ys"], dtype=np.int64)
    return out


def _plain(x):
    """x as JSON-ready nested lists, with non-finite floats as the strings the checker revives."""
    if hasattr(x, "tolist"):  # a numpy array or scalar, a torch tensor
        x = x.tolist()
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    return x


def serve(formula, numpy=True):
    """Answers the checker's requests with formula(case, t) until stdin closes.

    What the formula prints (print(), or C code writing to fd 1) goes to stderr, so that it never
    mixes with an answer. An exception of the formula is answered as an error (the checker reports
    it, exit 2) and its traceback printed on stderr. With numpy=False the case stays plain lists.
    """
    nonce = os.environ.pop("BPTT_NONCE", "")
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(2, 1)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            rid, t, case = request["id"], request["t"], request["case"]
        except (ValueError, KeyError, TypeError) as e:
            print(f"bptt_formula: a request that cannot be read: {e}", file=sys.stderr)
            sys.exit(2)
        try:
            result = formula(_as_numpy(case) if numpy else case, t)
            answer = {"id": rid, "matrix": _plain(result)}
            text = json.dumps(answer, allow_nan=False)
        except Exception as e:  # the formula's defect, reported to the checker
            traceback.print_exc()
            text = json.dumps({"id": rid, "error": f"{type(e).__name__}: {e}"})
        sys.stdout.flush()
        sys.stderr.flush()
        answers.write(f"{nonce} {text}\n")
        answers.flush()
