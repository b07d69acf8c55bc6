import fc from 'fast-check';

/**
 * A targeted search inside an arbitrary (Hypothesis' target() idea, made reproducible): fast-check
 * draws a list of moves, and a deterministic hill-climb applies them to a vector of entries,
 * keeping each move only when a score strictly improves. The result is a pure function of the
 * drawn values, so the same seed gives the same case, and shrinking the moves (fewer, simpler)
 * replays a shorter climb.
 */

/** One step of the climb: which entry (taken modulo the number of entries) and which move. */
export type ClimbMove = readonly [index: number, kind: number];

// Every move maps a dyadic rational to a dyadic rational, so exact certificates stay cheap.
/** The moves of an entry x: 0, x/2, 2x, −x, ±1 (sign of x, or 1 when x = 0). */
export const MOVE_KINDS = ['zero', 'halve', 'double', 'negate', 'unit'] as const;

/** Largest |entry| a move may produce: beyond it a double move is refused. */
const MAX_ENTRY = 2 ** 12;

/** A list of at most maxLength moves, shrinking toward fewer moves and toward (0, 'zero'). */
export function climbMovesArbitrary(maxLength = 32): fc.Arbitrary<ClimbMove[]> {
  return fc.array(
    fc.tuple(
      fc.nat({ max: 1023 }),
      fc.nat({ max: MOVE_KINDS.length - 1 }),
    ) as fc.Arbitrary<ClimbMove>,
    { maxLength },
  );
}

/** The entry after a move, or undefined when the move changes nothing or leaves the allowed range. */
export function moveEntry(x: number, kind: number): number | undefined {
  let y: number;
  switch (MOVE_KINDS[kind]) {
    case 'zero':
      y = 0;
      break;
    case 'halve':
      y = x / 2;
      break;
    case 'double':
      y = 2 * x;
      break;
    case 'negate':
      y = -x;
      break;
    default:
      y = x < 0 ? -1 : 1;
  }
  y += 0; // −0 → 0, so that a case survives a JSON round trip unchanged
  if (y === x || Math.abs(y) > MAX_ENTRY) return undefined;
  return y;
}

/** a < b lexicographically (NaN counts as +∞: never an improvement). */
export function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = Number.isNaN(a[i]) ? Number.POSITIVE_INFINITY : (a[i] ?? 0);
    const y = Number.isNaN(b[i]) ? Number.POSITIVE_INFINITY : (b[i] ?? 0);
    if (x < y) return true;
    if (x > y) return false;
  }
  return false;
}

/** A proposal for entry i of x under a move kind: the new value, or undefined for no change. */
export type Propose = (x: readonly number[], i: number, kind: number) => number | undefined;

/**
 * The deterministic hill-climb: starting from `start`, each move is applied to entry
 * index mod |entries| (restricted to `editable` indices when given) and kept when score (smaller
 * is better, compared lexicographically) strictly decreases. `propose` replaces moveEntry where a
 * caller knows a better targeted move for some entries.
 */
export function climb(
  start: readonly number[],
  moves: readonly ClimbMove[],
  score: (x: readonly number[]) => readonly number[],
  editable?: readonly number[],
  propose: Propose = (x, i, kind) => moveEntry(x[i], kind),
): number[] {
  let x = start.slice();
  let best = score(x);
  const slots = editable ?? x.map((_, i) => i);
  if (slots.length === 0) return x;
  for (const [index, kind] of moves) {
    const i = slots[index % slots.length];
    const y = propose(x, i, kind);
    if (y === undefined) continue;
    const cand = x.slice();
    cand[i] = y;
    const s = score(cand);
    if (lexLess(s, best)) {
      x = cand;
      best = s;
    }
  }
  return x;
}
