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

/** The limit certificate of a re-check, with the fields the tests read. */
function limitOf(c: Case, t: number, basis: EigenBasis = 'right') {
  return spectralRecheck({ case: c, params: { t } }, basis).certificate as {
    basis: string;
    eigenvalues: string[];
    j: number;
    c: string[];
    d: string[];
    firstNonzeroD: number;
    behaviour: string;
  };
}

describe('Theorem 3: the limit certificate, by its exact values', () => {
  // W_R = [[3, −1], [0, λ₂]]: q_1 = (1, 0) and W_O q_1 = 0, so d_1 = q_1·g = 0 structurally;
  // g = (0, −1/16), so c_1 ≠ 0 and j = 1.
  const tri = (l2: number, extra: Partial<Case> = {}): Case => ({
    ...caseOf([
      [3, -1],
      [0, l2],
    ]),
    ...extra,
  });

  test('[[3, −1], [0, 2]]: j = 1, d_1 = 0, so the gradient grows only like 2^l; c = V⁻¹g and d = Vᵀg exactly', () => {
    const cert = limitOf(tri(2), 1);
    expect(cert.basis).toBe('right');
    expect(cert.eigenvalues).toEqual(['3', '2']);
    expect(cert.j).toBe(1);
    expect(cert.firstNonzeroD).toBe(2);
    expect(cert.behaviour).toMatch(/grows only like \|λ_2\|\^l = \|2\|\^l < \|λ_j\|\^l$/);
    // the same eigenvectors from the exact eigen-decomposition, and g = (0, −1/16)
    const eig = exactEigen(
      rationalFromMat(
        toModel(
          caseOf([
            [3, -1],
            [0, 2],
          ]),
        ).WR,
      ),
      [3, 2],
    )!;
    const g = [Rational.ZERO, Rational.of(-1n, 16n)];
    const at = (m: { data: Rational[] }, i: number, j: number) => m.data[i * 2 + j];
    const c = [0, 1].map((i) =>
      at(eig.Vinv, i, 0)
        .mul(g[0])
        .add(at(eig.Vinv, i, 1).mul(g[1])),
    );
    const d = [0, 1].map((i) =>
      at(eig.V, 0, i)
        .mul(g[0])
        .add(at(eig.V, 1, i).mul(g[1])),
    );
    expect(c[0].isZero()).toBe(false);
    expect(d[0].isZero()).toBe(true);
    expect(cert.c.map(Number)).toEqual(c.map((x) => x.toNumber()));
    expect(cert.d.map(Number)).toEqual(d.map((x) => x.toNumber()));
  });

  test('g is read at the step t with its own target y_t: with y_t = 1 instead of 0, g and so c and d change sign', () => {
    const three = { xs: [[0], [0], [0]] };
    const y0 = limitOf(tri(2, { ...three, ys: [0, 0, 1] }), 1);
    const y1 = limitOf(tri(2, { ...three, ys: [1, 0, 0] }), 1);
    expect(y0.c.map(Number)).toEqual(limitOf(tri(2), 1).c.map(Number));
    expect(y1.c.map(Number)).toEqual(y0.c.map((x) => 0 - Number(x)));
    expect(y1.d.map(Number)).toEqual(y0.d.map((x) => 0 - Number(x)));
    expect(Number(y0.c[0])).not.toBe(0);
  });

  test('|λ_2| = 1/2 < 1 for the first d ≠ 0: the gradient decays although c_1 ≠ 0 and |λ_1| > 1', () => {
    expect(limitOf(tri(0.5), 1).behaviour).toMatch(
      /→ 0 \(it decays like \|λ_2\|\^l = \|1\/2\|\^l\) although c_j ≠ 0/,
    );
  });

  test('|λ_2| = 1 exactly: neither decay nor the claimed rate', () => {
    expect(limitOf(tri(1), 1).behaviour).toMatch(/grows only like \|λ_2\|\^l = \|1\|\^l/);
  });

  test('c_1 = 0 structurally but d_1 ≠ 0: the gradient grows like |λ_1|^l, faster than the claimed |λ_j|^l', () => {
    // W_O = [[0, 0], [w, w]]: g = (w/2, w/2) ⊥ the first row (1, −1) of V⁻¹, while d_1 = q_1·g = w/2
    const cert = limitOf(
      tri(2, {
        W_O: [
          [0, 0],
          [-0.125, -0.125],
        ],
      }),
      1,
    );
    expect(cert.j).toBe(2);
    expect(cert.firstNonzeroD).toBe(1);
    expect(cert.behaviour).toMatch(
      /diverges: .* grows like \|λ_1\|\^l = \|3\|\^l > \|λ_j\|\^l, along the left eigenvector p_1$/,
    );
  });

  test('W_O = 0: g = 0', () => {
    const cert = limitOf(
      tri(2, {
        W_O: [
          [0, 0],
          [0, 0],
        ],
      }),
      1,
    );
    expect(cert.behaviour).toBe('g = 0');
    expect(cert.firstNonzeroD).toBe(0);
  });

  test('the hypothesis, exactly: distinct moduli (2 and −2 are not), real spectrum (one complex pair among three), convergence', () => {
    const skip = (W: number[][]) =>
      spectralCheck({ case: { ...caseOf([[0]]), ...square(W) }, params: { t: 1 } }, 'right');
    expect(
      skip([
        [2, 0],
        [0, -2],
      ]),
    ).toMatchObject({ status: 'skip', reason: expect.stringMatching(/moduli not distinct/) });
    expect(
      skip([
        [0, -2, 0],
        [2, 0, 0],
        [0, 0, 1],
      ]),
    ).toMatchObject({ status: 'skip', reason: expect.stringMatching(/complex/) });
    const big = 1.7e308;
    expect(
      skip([
        [big, big],
        [big, big],
      ]),
    ).toEqual({ status: 'skip', reason: 'the eigenvalues did not converge', numerical: true });
    // the re-check is only called on a case the check judged
    expect(() =>
      spectralRecheck(
        {
          case: caseOf([
            [2, 0],
            [0, -2],
          ]),
          params: { t: 1 },
        },
        'right',
      ),
    ).toThrow(/^spectralRecheck: eigenvalue moduli not distinct/);
  });

  test('t outside 1 … T (or not an integer) is skipped', () => {
    const c = { ...tri(2), xs: [[0], [0]], ys: [0, 0] };
    for (const t of [0, 3, 1.5]) {
      expect(spectralCheck({ case: c, params: { t } }, 'right')).toMatchObject({
        status: 'skip',
        reason: 'params: need 1 ≤ t ≤ T',
      });
    }
    expect(spectralCheck({ case: c, params: { t: 2 } }, 'right').status).not.toBe('skip');
  });
});

/** The fields of a σ = id case with an n×n W_R (W_O = I, one input, zero drive). */
function square(W: number[][]): Partial<Case> {
  const z = W.map(() => 0);
  return {
    W_R: W,
    W_I: W.map(() => [0]),
    b_R: z,
    W_O: W.map((_, i) => W.map((_, j) => (i === j ? 1 : 0))),
    b_O: z,
    h_0: z,
  };
}
