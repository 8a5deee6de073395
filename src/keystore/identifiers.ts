/**
 * The four ways a caller names a KMS key (key id, key ARN, alias name, alias ARN) and how to
 * build ARNs. Pure string work; resolving a name to a key happens in `ops/resolve.ts`.
 * @module
 */

/** A single-Region key id (lowercase UUID) or a multi-Region key id (`mrk-` and 32 hex digits). */
const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

export type KeyIdentifier =
  | { readonly kind: 'keyId'; readonly keyId: string }
  | { readonly kind: 'keyArn'; readonly partition: string; readonly region: string; readonly accountId: string; readonly keyId: string }
  | { readonly kind: 'aliasName'; readonly aliasName: string }
  | { readonly kind: 'aliasArn'; readonly partition: string; readonly region: string; readonly accountId: string; readonly aliasName: string }
  | { readonly kind: 'malformedArn' };

export const isKeyId = (value: string): boolean => KEY_ID.test(value);

export function parseKeyIdentifier(value: string): KeyIdentifier {
  if (value.startsWith('arn:')) {
    const match = ARN.exec(value);
    if (!match) return { kind: 'malformedArn' };
    const [, partition, region, accountId, resource, rest] = match as unknown as [string, string, string, string, string, string];
    return resource === 'key'
      ? { kind: 'keyArn', partition, region, accountId, keyId: rest }
      : { kind: 'aliasArn', partition, region, accountId, aliasName: `alias/${rest}` };
  }
  if (value.startsWith('alias/')) return { kind: 'aliasName', aliasName: value };
  return { kind: 'keyId', keyId: value };
}

/** The ARN partition of a Region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export interface Scope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export const keyArn = (scope: Scope, keyId: string): string =>
  `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/${keyId}`;

export const aliasArn = (scope: Scope, aliasName: string): string =>
  `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:${aliasName}`;
