import { defineClaim } from '../src/engine/contract/claim.js';
import { checkIdentity, recheckIdentityHP } from '../src/engine/contract/compare.js';
import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { toModel } from '../src/model/caseFile.js';
import { maxAbs } from '../src/numerics/kernels.js';
import { adGradientTotal } from '../src/oracles/autodiff.js';
import { csGradientTotal } from '../src/oracles/complexStep.js';
import { hpGradientTotal as hpOracleTotal } from '../src/oracles/highPrecision.js';
import { totalGradient } from '../src/paper/s3-bptt/eq3.js';
import { hpGradientTotal as hpClosedFormTotal } from '../src/paper/s3-bptt/high-precision.js';

export default defineClaim({
  id: 'eq3.total',
  section: '3.1',
  statement: '∂E/∂W_R = Σ_{t=1}^T ∂E_t/∂W_R, E = Σ_{t=1}^T E_t',
  reading:
    'E is the total loss Σ_t E_t; each ∂E_t/∂W_R is computed by BPTT through Theorem 1 and the chain rule; the oracles differentiate E as one function.',
  expected: 'holds',
  rationale: 'Linearity of the derivative.',
  kind: 'identity',
  arbitrary: (o) => claimInputArbitrary(o),
  check: (input) => {
    const m = toModel(input.case);
    return checkIdentity(
      '∂E/∂W_R',
      totalGradient(m),
      [
        { oracle: 'reverse-mode autodiff', value: adGradientTotal(m) },
        { oracle: 'complex step', value: csGradientTotal(m) },
      ],
      undefined,
      maxAbs(adGradientTotal(m, true).data),
    );
  },
  recheckHP: (input) => {
    const m = toModel(input.case);
    return recheckIdentityHP(hpClosedFormTotal(m), hpOracleTotal(m));
  },
});
