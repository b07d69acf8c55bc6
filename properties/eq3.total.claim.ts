import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { identityClaim } from '../src/kinds/identity.js';
import { STEP_PARAMS } from '../src/kinds/params.js';
import { totalGradientCheck, totalGradientRecheck } from '../src/paper/s3-bptt/eq3-total.js';

export default identityClaim({
  id: 'eq3.total',
  section: '3.1',
  statement: '∂E/∂W_R = Σ_{t=1}^T ∂E_t/∂W_R, E = Σ_{t=1}^T E_t',
  reading:
    'E is the total loss Σ_t E_t; each ∂E_t/∂W_R is computed by BPTT through Theorem 1 and the chain rule; the oracles differentiate E as one function.',
  expected: 'holds',
  rationale: 'Linearity of the derivative.',
  params: STEP_PARAMS,
  arbitrary: (o) => claimInputArbitrary(o),
  check: totalGradientCheck,
  recheckHP: totalGradientRecheck,
});
