/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
 *
 * Patterns are compiled once into atoms (literal runs and wildcards) and matched by the greedy
 * algorithm that backtracks only to the last `*`: O(pattern × value) in the worst case, never
 * exponential, whatever a hostile policy puts in a pattern. (A RegExp built from `a*a*a*a*b`
 * backtracks catastrophically.) Matching allocates nothing.
 * @module
 */

export const STAR = 0;
export const ONE = 1;
/** A literal run of characters, or a wildcard. Literal atoms are never interpreted. */
export type Atom = string | typeof STAR | typeof ONE;

/** Compiles a pattern in which `*` and `?` are wildcards; consecutive stars collapse into one. */
export function compileGlob(pattern: string): Atom[] {
  const atoms: Atom[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c !== 42 /* * */ && c !== 63 /* ? */) continue;
    if (i > start) atoms.push(pattern.slice(start, i));
    if (c === 63) atoms.push(ONE);
    else if (atoms[atoms.length - 1] !== STAR) atoms.push(STAR);
    start = i + 1;
  }
  if (start < pattern.length) atoms.push(pattern.slice(start));
  return atoms;
}

export const hasWildcard = (pattern: string): boolean => pattern.includes('*') || pattern.includes('?');

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** Whether all of `value` matches `atoms`. `?` takes a whole character, so a surrogate pair counts as one. */
export function matchGlob(atoms: readonly Atom[], value: string): boolean {
  const end = value.length;
  let a = 0;
  let i = 0;
  // Where the last `*` was, and how much of the value it has swallowed so far.
  let starAtom = -1;
  let starEnd = 0;
  for (;;) {
    if (a < atoms.length) {
      const atom = atoms[a];
      if (atom === STAR) {
        if (a === atoms.length - 1) return true; // a trailing star takes the rest
        starAtom = a++;
        starEnd = i;
        continue;
      }
      if (atom === ONE) {
        if (i < end) {
          i += isHighSurrogate(value.charCodeAt(i)) && i + 1 < end ? 2 : 1;
          a++;
          continue;
        }
      } else if (value.startsWith(atom, i)) {
        i += atom.length;
        a++;
        continue;
      }
    } else if (i === end) {
      return true;
    }
    // A mismatch: let the last star swallow one more character and retry what follows it.
    if (starAtom < 0 || starEnd >= end) return false;
    a = starAtom + 1;
    i = ++starEnd;
  }
}
