// Descriptions of values a user's module hands back (a result, a thrown value) for one-line
// messages. Each is total: a value whose getters or conversions throw (a Proxy, an object without
// a prototype) is still described, and nothing walks more than two levels or reads past the first
// element, so a 10⁸-element array costs no more than a short one.

/** Longest text kept from a value or message in a one-line description. */
const MAX_CHARS = 300;

function clip(text: string): string {
  return text.length > MAX_CHARS
    ? `${text.slice(0, MAX_CHARS)}… (${text.length} characters)`
    : text;
}

/**
 * The first non-empty line of a text, with `(+k more lines)` when there are others, clipped; a
 * first line that ends in a colon (esbuild's "Transform failed with 1 error:") takes the next one.
 */
export function oneLine(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return '';
  const head = lines[0].trimEnd().endsWith(':') && lines.length > 1 ? 2 : 1;
  const more = lines.length - head;
  const first = lines.slice(0, head).join(' ');
  return `${clip(first)}${more > 0 ? ` (+${more} more line${more > 1 ? 's' : ''})` : ''}`;
}

/** The noun of a value's kind: 'number', 'string', 'array', 'object', …; never throws. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  const t = typeof v;
  if (t !== 'object') return t;
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function plural(kind: string, count: number): string {
  if (kind === 'null' || kind === 'undefined') return kind;
  return count === 1 ? kind : `${kind}s`;
}

function isThenable(v: unknown): boolean {
  return (
    (typeof v === 'object' || typeof v === 'function') &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

/** An array described by its length and its first element, e.g. "an array of 2 arrays of 3 numbers". */
function describeArray(a: readonly unknown[]): string {
  if (a.length === 0) return 'an empty array';
  const first = a[0];
  const kind = kindOf(first);
  const inner =
    kind === 'array' && Array.isArray(first)
      ? ` of ${first.length} ${first.length ? plural(kindOf(first[0]), first.length) : 'entries'}`
      : '';
  return `an array of ${a.length} ${plural(kind, a.length)}${inner}`;
}

/**
 * A short description of any value by its type: "a string ("0")", "a bigint (0n)", "a Promise",
 * "an array of 1 number", "undefined"; never throws.
 */
export function describeValue(v: unknown): string {
  try {
    switch (typeof v) {
      case 'undefined':
        return 'undefined';
      case 'number':
        return `the number ${v}`;
      case 'string':
        return `a string (${clip(JSON.stringify(v))})`;
      case 'bigint':
        return `a bigint (${v}n)`;
      case 'boolean':
        return `a boolean (${v})`;
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
    }
    if (v === null) return 'null';
    if (isThenable(v)) return 'a Promise';
    if (Array.isArray(v)) return describeArray(v);
    if (ArrayBuffer.isView(v)) return `a typed array (${Object.prototype.toString.call(v)})`;
    return 'an object';
  } catch {
    return 'a value that cannot be inspected';
  }
}

/** What a thrown value says, on one line: an Error's message, a string itself, else its description; never throws. */
export function describeThrown(e: unknown): string {
  try {
    if (typeof e === 'string') return oneLine(e) || '(an empty string)';
    const message = (e as { message?: unknown } | null)?.message;
    if (typeof e === 'object' && e !== null && typeof message === 'string') {
      const name = (e as { name?: unknown }).name;
      return oneLine(message) || (typeof name === 'string' ? name : 'an Error without a message');
    }
    return `${describeValue(e)} (not an Error)`;
  } catch {
    return 'a value that cannot be inspected (not an Error)';
  }
}
