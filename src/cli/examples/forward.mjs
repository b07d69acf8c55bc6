// Shared by the example formulas: runs h_t = W_R σ(h_{t−1}) + W_I x_t + b_R on plain arrays.
export const act = {
  identity: [(x) => x, () => 1],
  tanh: [Math.tanh, (x) => 1 / Math.cosh(x) ** 2],
  sigmoid: [(x) => 1 / (1 + Math.exp(-x)), (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2],
  relu: [(x) => Math.max(x, 0), (x) => (x > 0 ? 1 : 0)],
  leaky_relu: [(x) => (x > 0 ? x : x / 64), (x) => (x > 0 ? 1 : 1 / 64)],
  softplus: [
    (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    (x) => 1 / (1 + Math.exp(-x)),
  ],
};

/** h_0 … h_t as plain arrays. */
export function states(c, t) {
  const [f] = act[c.activation];
  const hs = [c.h_0];
  for (let r = 1; r <= t; r++) {
    const s = hs[r - 1].map(f);
    hs.push(
      c.W_R.map(
        (row, i) =>
          row.reduce((a, w, j) => a + w * s[j], 0) +
          c.W_I[i].reduce((a, w, j) => a + w * c.xs[r - 1][j], 0) +
          c.b_R[i],
      ),
    );
  }
  return hs;
}
