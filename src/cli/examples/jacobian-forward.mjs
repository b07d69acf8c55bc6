// A correct ∂h_t/∂W_R written differently from Theorem 1: forward-mode sensitivities,
// D_r[i][a·n+b] = δ_{ia} σ(h_{r−1})_b + Σ_l W_R[i][l] σ′(h_{r−1})_l D_{r−1}[l][a·n+b].
import { act, states } from './forward.mjs';

export default function jacobian(c, t) {
  const [f, df] = act[c.activation];
  const n = c.W_R.length;
  const hs = states(c, t);
  let D = Array.from({ length: n }, () => new Array(n * n).fill(0));
  for (let r = 1; r <= t; r++) {
    const s = hs[r - 1].map(f);
    const d = hs[r - 1].map(df);
    D = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n * n }, (_, q) => {
        let v = Math.floor(q / n) === i ? s[q % n] : 0;
        for (let l = 0; l < n; l++) v += c.W_R[i][l] * d[l] * D[l][q];
        return v;
      }),
    );
  }
  return D;
}
