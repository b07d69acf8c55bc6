// A wrong ∂h_t/∂W_R: truncated BPTT that keeps only the k = t term, I⊗σ(h_{t−1})ᵀ.
import { act, states } from './forward.mjs';

export default function jacobian(c, t) {
  const [f] = act[c.activation];
  const n = c.W_R.length;
  const s = states(c, t)[t - 1].map(f);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n * n }, (_, q) => (Math.floor(q / n) === i ? s[q % n] : 0)),
  );
}
