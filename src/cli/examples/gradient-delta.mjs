// A correct ∂E_t/∂W_R by the BPTT δ-recursion: δ_t = W_Oᵀ(softmax(z_t) − e_{y_t}),
// δ_{r−1} = σ′(h_{r−1}) ⊙ W_Rᵀ δ_r, ∂E_t/∂W_R = Σ_{r=1}^t δ_r σ(h_{r−1})ᵀ.
import { act, states } from './forward.mjs';

export default function gradient(c, t) {
  const [f, df] = act[c.activation];
  const n = c.W_R.length;
  const hs = states(c, t);
  const z = c.W_O.map((row, j) => row.reduce((a, w, i) => a + w * hs[t][i], 0) + c.b_O[j]);
  const mx = Math.max(...z);
  const e = z.map((v) => Math.exp(v - mx));
  const tot = e.reduce((a, b) => a + b, 0);
  const p = e.map((v, j) => v / tot - (j === c.ys[t - 1] ? 1 : 0));
  let delta = Array.from({ length: n }, (_, i) =>
    c.W_O.reduce((a, row, j) => a + row[i] * p[j], 0),
  );
  const g = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let r = t; r >= 1; r--) {
    const s = hs[r - 1].map(f);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) g[a][b] += delta[a] * s[b];
    const d = hs[r - 1].map(df);
    delta = Array.from(
      { length: n },
      (_, j) => d[j] * c.W_R.reduce((acc, row, i) => acc + row[j] * delta[i], 0),
    );
  }
  return g;
}
