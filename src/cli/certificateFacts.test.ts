import { describe, expect, test } from 'vitest';
import { certificateFacts } from './certificateFacts.js';

describe('certificateFacts: a certificate as a short list of checked facts', () => {
  test('one line per statement, the last with how it was decided; values counted, not printed', () => {
    const facts = certificateFacts({
      hypothesis: {
        hypothesis: 'ρ(W_R)·γ < 1',
        gamma: '1/1',
        decidedBy: 'Routh–Hurwitz',
        holds: true,
      },
      conclusionRefuted: {
        kind: 'F ↛ 0',
        premise: 'h_0 = h_1',
        argument: 'M^q x ↛ 0',
        annihilator: ['1', '2'],
        decidedBy: 'dyadic arithmetic',
      },
      witnessNorm: 'sqrt at 60 digits',
    });
    expect(facts).toEqual([
      '✓ hypothesis: ρ(W_R)·γ < 1 — by Routh–Hurwitz',
      '✓ conclusionRefuted (kind): F ↛ 0',
      '✓ conclusionRefuted (premise): h_0 = h_1',
      '✓ conclusionRefuted (argument): M^q x ↛ 0 — by dyadic arithmetic',
      '  (3 exact values recomputed and compared; replay --json prints them)',
    ]);
  });

  test('a node that does not hold is marked ✗ with its reason', () => {
    expect(
      certificateFacts({ conclusionRefuted: { certified: false, reason: 'no exact cycle' } }),
    ).toEqual(['✗ conclusionRefuted: no exact cycle']);
  });
});
