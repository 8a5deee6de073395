import { freezeGrant, type GrantRecord } from '../../src/grants/grant-record.js';

export const KEY_A = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_B = '0987dcba-09fe-87dc-65ba-ab0987654321';
export const ALICE = 'arn:aws:iam::111122223333:user/alice';
export const BOB = 'arn:aws:iam::444455556666:role/bob';
export const SERVICE = 'dynamodb.us-east-1.amazonaws.com';

/** A grant with distinct id `n` (as 64 hex digits) on `keyId`, to `grantee`. */
export function grant(n: number, keyId = KEY_A, grantee = ALICE, extra: Partial<GrantRecord> = {}): GrantRecord {
  return freezeGrant({
    grantId: n.toString(16).padStart(64, '0'),
    keyId,
    creationDate: new Date(Date.UTC(2026, 0, 1) + n * 1000),
    ...(grantee.startsWith('arn:') ? { granteePrincipal: grantee } : { granteeServicePrincipal: grantee }),
    issuingAccount: 'arn:aws:iam::111122223333:root',
    operations: ['Decrypt'],
    ...extra,
  });
}
