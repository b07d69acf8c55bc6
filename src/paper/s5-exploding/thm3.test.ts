import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { spectralArbitrary } from '../../generators/spectralArbitrary.js';
import { type Case, toModel } from '../../model/caseFile.js';
import { eigenvalues } from '../../numerics/eigenvalues.js';
import { exactEigen } from '../../numerics/exact/eigenCertificates.js';
import { Rational } from '../../numerics/exact/rational.js';
import { rationalFromMat } from '../../numerics/exact/rationalMat.js';
import type { EigenBasis } from './thm3.js';
import { spectralCheck, spectralRecheck } from './thm3.js';

/** σ = id, n = 2, one step; W_O = [[0, 0], [0, w]] makes ∂E_1/∂h_1 = (0, −w/2) exactly (o = (½, ½), y = 0). */
function caseOf(W_R: number[][], w = -0.125): Case {
  return {
    activation: 'identity',
    W_R,
    W_I: [[0], [0]],
    b_R: [0, 0],
    W_O: [
      [0, 0],
      [0, w],
    ],
    b_O: [0, 0],
    h_0: [0, 0],
    xs: [[0]],
    ys: [0],
  };
}

describe('Theorem 3', () => {
  test('non-normal W_R = [[3, −1], [0, 2]]: the right-eigenvector expansion fails at t − k = 1; the left one holds', () => {
    // g = (0, −1/16) = c_1 q_1 + c_2 q_2 with q_1 = (1, 0), q_2 = (1, 1): c_1 = 1/16 ≠ 0, j = 1,
    // but g ⊥ q_1, so d_1 = q_1·g = 0 and ∂E_t/∂h_k grows only like 2^{t−k}, not 3^{t−k}.
    const input = {
      case: caseOf([
        [3, -1],
        [0, 2],
      ]),
      params: { t: 1 },
    };
    expect(spectralCheck(input, 'right').status).toBe('violated');
    const hp = spectralRecheck(input, 'right');
    expect(hp.violated).toBe(true);
    expect(String((hp.certificate as { behaviour: string }).behaviour)).toMatch(
      /grows only like \|λ_2\|/,
    );
    expect(spectralCheck(input, 'left').status).toBe('pass');
    expect(spectralRecheck(input, 'left').violated).toBe(false);
  });

  test('with g = (−1/16, 0) the rate is right but the limit direction is the left eigenvector p_1 = (1, −1)', () => {
    const c = caseOf([
      [3, -1],
      [0, 2],
    ]);
    const input = {
      case: {
        ...c,
        W_O: [
          [0, 0],
          [-0.125, 0],
        ],
      },
      params: { t: 1 },
    };
    const hp = spectralRecheck(input, 'right');
    expect(hp.violated).toBe(true);
    expect(String((hp.certificate as { behaviour: string }).behaviour)).toMatch(
      /left eigenvector p_j/,
    );
  });

  test('symmetric W_R: both bases coincide and both expansions hold', () => {
    const input = {
      case: caseOf(
        [
          [2.5, 0.5],
          [0.5, 2.5],
        ],
        0.25,
      ),
      params: { t: 1 },
    };
    for (const basis of ['right', 'left'] as EigenBasis[]) {
      expect(spectralCheck(input, basis).status).toBe('pass');
    }
  });

  test('complex and irrational spectra are skipped with their reason', () => {
    const rot = spectralCheck(
      {
        case: caseOf([
          [0, -2],
          [2, 0],
        ]),
        params: { t: 1 },
      },
      'right',
    );
    expect(rot).toMatchObject({ status: 'skip', reason: expect.stringMatching(/complex/) });
    const irr = spectralCheck(
      {
        case: caseOf([
          [0, 2],
          [1, 0],
        ]),
        params: { t: 1 },
      },
      'right',
    );
    expect(irr).toMatchObject({ status: 'skip', reason: expect.stringMatching(/dyadic/) });
  });

  test('the orthogonal family: d_1 = 0 exactly, so with |λ_2| < 1 the gradient vanishes although c_1 ≠ 0', () => {
    const hits: string[] = [];
    for (const x of fc.sample(spectralArbitrary('right'), { seed: 11, numRuns: 300 })) {
      if (x.family !== 'orthogonal' || spectralCheck(x, 'right').status !== 'violated') continue;
      hits.push(
        String((spectralRecheck(x, 'right').certificate as { behaviour: string }).behaviour),
      );
    }
    expect(hits.some((b) => /→ 0|no explosion/.test(b))).toBe(true);
  });

  test('generated W_R = VΛV⁻¹ has exactly the dyadic spectrum it was built with', () => {
    for (const x of fc.sample(spectralArbitrary('left'), { seed: 2, numRuns: 100 })) {
      if (x.family.startsWith('case')) continue;
      const m = toModel(x.case);
      const { re, im } = eigenvalues(m.WR);
      expect(im.every((v) => v === 0)).toBe(true);
      const eig = exactEigen(rationalFromMat(m.WR), Array.from(re));
      expect(eig).toBeDefined();
      const mods = eig!.values.map((v) => v.abs());
      for (let i = 0; i + 1 < mods.length; i++) expect(mods[i].cmp(mods[i + 1])).toBe(1);
      expect(eig!.values.some((v) => v.abs().cmp(Rational.ONE) > 0)).toBe(true);
    }
  });
});
