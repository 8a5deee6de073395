/**
 * What AWS derives from a request rather than from its body: the network it came from, whether it
 * came through an integrated service, when it was made. Policies read it through the `aws:` and
 * `kms:ViaService` condition keys.
 * @module
 */

export interface RequestContext {
  /**
   * The integrated AWS service that forwarded the call (`kms:ViaService`), as
   * `<service>.<region>.amazonaws.com`, for example `s3.us-east-1.amazonaws.com`. Absent for a
   * direct call. A call through a service may create that service's AWS managed key.
   */
  readonly viaService?: string;
  /** `aws:SourceIp`: the caller's IPv4 or IPv6 address. */
  readonly sourceIp?: string;
  /** `aws:SecureTransport`. Default `true`: every AWS endpoint is HTTPS. */
  readonly secureTransport?: boolean;
  /** `aws:CurrentTime`. Default: the `Kms` clock at the time of the call. */
  readonly currentTime?: Date;
  /** `aws:SourceArn`: the resource a service acts for. */
  readonly sourceArn?: string;
  /** `aws:SourceAccount`: the account of that resource. */
  readonly sourceAccount?: string;
  /** `aws:PrincipalTag/<key>`: tags on the calling IAM identity. */
  readonly principalTags?: Readonly<Record<string, string>>;
}

const MEMBERS: readonly (keyof RequestContext)[] = Object.freeze([
  'viaService',
  'sourceIp',
  'secureTransport',
  'currentTime',
  'sourceArn',
  'sourceAccount',
  'principalTags',
]);

/**
 * A frozen copy holding only the known members, so a caller cannot change the context of a
 * handle after `as()` returned it.
 * @throws {TypeError} for a member of the wrong type
 */
export function copyRequestContext(context: RequestContext | undefined): RequestContext {
  if (context === undefined) return Object.freeze({});
  if (typeof context !== 'object' || context === null) throw new TypeError('requestContext must be an object');
  const copy: Record<string, unknown> = {};
  for (const name of MEMBERS) {
    const value = context[name];
    if (value === undefined) continue;
    if (name === 'secureTransport') {
      if (typeof value !== 'boolean') throw new TypeError('requestContext.secureTransport must be a boolean');
    } else if (name === 'currentTime') {
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError('requestContext.currentTime must be a valid Date');
      copy[name] = new Date(value.getTime());
      continue;
    } else if (name === 'principalTags') {
      copy[name] = copyTags(value);
      continue;
    } else if (typeof value !== 'string') {
      throw new TypeError(`requestContext.${name} must be a string`);
    }
    copy[name] = value;
  }
  return Object.freeze(copy) as RequestContext;
}

function copyTags(value: unknown): Readonly<Record<string, string>> {
  if (typeof value !== 'object' || value === null) throw new TypeError('requestContext.principalTags must be an object');
  const tags: Record<string, string> = Object.create(null);
  for (const [key, tag] of Object.entries(value)) {
    if (typeof tag !== 'string') throw new TypeError(`requestContext.principalTags.${key} must be a string`);
    tags[key] = tag;
  }
  return Object.freeze(tags);
}
