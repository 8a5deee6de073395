/**
 * The Resource and NotResource elements: `*` or ARN patterns with `*` and `?` wildcards, matched
 * case-sensitively against the request's resource, with policy variables in Version 2012-10-17.
 * In a key policy `*` means "this key": the resource asked about is always the key itself, so
 * the plain wildcard reading gives exactly that.
 * @module
 */
import { compileWildcards, type AnyMatch } from './families.js';
import { malformed, quote } from './json.js';

/** `arn:partition:service:region:account:resource`; region and account may be empty, as in S3 ARNs. */
const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:./s;

export function compileResources(values: readonly string[], where: string, variables: boolean): AnyMatch {
  values.forEach((value, i) => {
    // IAM's message, with the value quoted.
    if (value !== '*' && !ARN.test(value)) throw malformed(`Resource ${quote(value)} must be in ARN format or "*".`, `${where}[${i}]`);
  });
  return compileWildcards(values, variables);
}
