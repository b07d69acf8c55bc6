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
  elu: [(x) => (x > 0 ? x : Math.expm1(x)), (x) => (x > 0 ? 1 : Math.exp(x))],
  silu: [(x) => x * sig(x), (x) => sig(x) * (1 + x * sig(-x))],
  gelu: [(x) => x * Phi(x), (x) => Phi(x) + (x * Math.exp((-x * x) / 2)) / Math.sqrt(2 * Math.PI)],
  hardtanh: [(x) => Math.min(1, Math.max(-1, x)), (x) => (x > -1 && x < 1 ? 1 : 0)],
  scaled_tanh: [(x) => 2 * Math.tanh(x), (x) => 2 / Math.cosh(x) ** 2],
};

/** The logistic sigmoid, in the form whose exp never overflows. */
function sig(x) {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** The standard normal CDF Φ(x) = erfc(−x/√2)/2, to about 1e-13. */
function Phi(x) {
  const y = -x / Math.SQRT2;
  if (Math.abs(y) < 3) {
    // erf(y) = (2/√π) Σ (−1)^k y^{2k+1}/(k!(2k+1))
    let term = y;
    let sum = y;
    for (let k = 1; k < 80; k++) {
      term *= (-y * y) / k;
      sum += term / (2 * k + 1);
    }
    return (1 - (2 / Math.sqrt(Math.PI)) * sum) / 2;
  }
  // erfc(|y|) = e^{−y²}/√π / (|y| + (1/2)/(|y| + 1/(|y| + …)))
  const a = Math.abs(y);
  let t = 0;
  for (let k = 60; k >= 1; k--) t = k / 2 / (a + t);
  const tail = Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + t);
  return y > 0 ? tail / 2 : 1 - tail / 2;
}

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
