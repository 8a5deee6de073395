/**
 * The Action and NotAction elements: `*`, or `<service>:<action>` where the action may hold `*`
 * and `?` wildcards. Matching is case-insensitive, so patterns are lowercased once here and the
 * request's action once per evaluation. Actions of other services are valid and simply never
 * match a `kms:` action. Exact actions go into a set, so thousands of them cost one lookup.
 * @module
 */
import { compileGlob, hasWildcard, matchGlob, type Atom } from './glob.js';
import { malformed, quote } from './json.js';

export interface ActionSet {
  readonly any: boolean;
  readonly exact: ReadonlySet<string>;
  readonly globs: readonly (readonly Atom[])[];
}

const VENDOR = /^[a-z0-9.-]+$/i;

export function compileActions(values: readonly string[], where: string): ActionSet {
  let any = false;
  const exact = new Set<string>();
  const globs: Atom[][] = [];
  values.forEach((value, i) => {
    if (value === '*') {
      any = true;
      return;
    }
    validate(value, `${where}[${i}]`);
    const lowered = value.toLowerCase();
    if (hasWildcard(lowered)) globs.push(compileGlob(lowered));
    else exact.add(lowered);
  });
  return { any, exact, globs };
}

/** IAM's checks and messages, with the offending action added. */
function validate(action: string, where: string): void {
  const colon = action.indexOf(':');
  if (colon < 0) throw malformed(`Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. Action ${quote(action)} has none`, where);
  if (action.indexOf(':', colon + 1) >= 0) throw malformed(`Actions/Condition can contain only one colon. Action ${quote(action)} has more`, where);
  const vendor = action.slice(0, colon);
  if (!VENDOR.test(vendor)) throw malformed(`Vendor ${quote(vendor)} is not valid`, where);
  if (colon === action.length - 1) throw malformed(`Action ${quote(action)} names no action after its vendor`, where);
}

/** `action` is already lowercased. */
export function matchesAction(set: ActionSet, action: string): boolean {
  if (set.any || set.exact.has(action)) return true;
  for (const atoms of set.globs) if (matchGlob(atoms, action)) return true;
  return false;
}
