import fc from 'fast-check';

/** Options of vectorArbitrary. */
export interface VectorConstraints<T> {
  /** The arbitrary of every item (required). */
  item: fc.Arbitrary<T>;
  /** The fixed number of items (required): a vector never grows or shrinks in length. */
  length: number;
}

/** Shrink context: the items' own contexts, and the index the last successful shrink changed. */
interface VectorContext {
  readonly contexts: readonly unknown[];
  readonly start: number;
}

/**
 * The arbitrary behind vectorArbitrary: fc.array with minLength = maxLength, minus the machinery
 * for variable lengths (it is the generation hot spot of caseArbitrary, ~250 items per case).
 */
class VectorArbitrary<T> extends fc.Arbitrary<T[]> {
  constructor(
    private readonly item: fc.Arbitrary<T>,
    private readonly length: number,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T[]> {
    const values = new Array<T>(this.length);
    const contexts = new Array<unknown>(this.length);
    for (let i = 0; i < this.length; i++) {
      const v = this.item.generate(mrng, biasFactor);
      values[i] = v.value;
      contexts[i] = v.context;
    }
    return new fc.Value(values, { contexts, start: 0 } satisfies VectorContext);
  }

  canShrinkWithoutContext(value: unknown): value is T[] {
    return (
      Array.isArray(value) &&
      value.length === this.length &&
      value.every((x) => this.item.canShrinkWithoutContext(x))
    );
  }

  shrink(value: T[], context: unknown): fc.Stream<fc.Value<T[]>> {
    const ctx = (context as VectorContext | undefined) ?? {
      contexts: new Array<unknown>(this.length).fill(undefined),
      start: 0,
    };
    return new fc.Stream(this.candidates(value, ctx));
  }

  /**
   * One item at a time, each through its own shrinker, starting at the item shrunk last (it may
   * shrink further) and wrapping around, so that every item is retried after any change.
   */
  private *candidates(value: T[], ctx: VectorContext): Generator<fc.Value<T[]>> {
    for (let k = 0; k < this.length; k++) {
      const i = (ctx.start + k) % this.length;
      for (const shrunk of this.item.shrink(value[i], ctx.contexts[i])) {
        const values = value.slice();
        values[i] = shrunk.value;
        const contexts = ctx.contexts.slice();
        contexts[i] = shrunk.context;
        yield new fc.Value(values, { contexts, start: i } satisfies VectorContext);
      }
    }
  }
}

/** A fixed-length array of items, each shrinking on its own (a fast fc.array of constant length). */
export function vectorArbitrary<T>(constraints: VectorConstraints<T>): fc.Arbitrary<T[]> {
  const { item, length } = constraints;
  if (!Number.isInteger(length) || length < 0) {
    throw new RangeError(`vectorArbitrary: length must be an integer ≥ 0, got ${length}`);
  }
  return new VectorArbitrary(item, length);
}
