/**
 * Who may use a key: key policies, IAM identity policies, grants and a second account, decided the
 * way AWS KMS decides them. Run it with `npx tsx examples/authorization.ts`.
 *
 * In your own code, import from 'pocket-kms' instead of '../src/index.js'.
 */
import { AccessDeniedException, KmsPartition } from '../src/index.js';

const text = new TextEncoder();
const APP = '111111111111';
const PARTNER = '222222222222';
const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

async function attempt(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    console.log(`allowed: ${what}`);
  } catch (error) {
    if (!(error instanceof AccessDeniedException)) throw error;
    console.log(`denied:  ${what}\n         ${error.message}`);
  }
}

const partition = new KmsPartition();
const app = partition.kms({ accountId: APP, region: 'eu-west-1' });
const { KeyMetadata } = await app.createKey({ Description: 'orders' }); // AWS's default key policy
const key = KeyMetadata!.Arn!;
const encrypt = { KeyId: key, Plaintext: text.encode('order 42'), EncryptionContext: { tenant: 't1' } };

// 1. The default key policy delegates to the account's IAM, so a user needs an identity policy.
const alice = app.as(`arn:aws:iam::${APP}:user/alice`);
await attempt('alice encrypts with no identity policy', () => alice.encrypt(encrypt));
partition.iam.putPolicy(`arn:aws:iam::${APP}:user/alice`, 'orders', policy({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: key }));
await attempt('alice encrypts with an identity policy', () => alice.encrypt(encrypt));

// 2. A grant to a role covers its sessions, within the grant's encryption-context constraint.
const { GrantId } = await app.createGrant({
  KeyId: key,
  GranteePrincipal: `arn:aws:iam::${APP}:role/worker`,
  Operations: ['Encrypt'],
  Constraints: { EncryptionContextSubset: { tenant: 't1' } },
});
const worker = app.as(`arn:aws:sts::${APP}:assumed-role/worker/job-7`);
await attempt('a worker session encrypts for tenant t1', () => worker.encrypt(encrypt));
await attempt('a worker session encrypts for tenant t2', () => worker.encrypt({ ...encrypt, EncryptionContext: { tenant: 't2' } }));
await app.revokeGrant({ KeyId: key, GrantId });
await attempt('the worker after the grant was revoked', () => worker.encrypt(encrypt));

// 3. Another account needs both sides: the key policy must name it, and its own IAM must allow.
const bob = app.as(`arn:aws:iam::${PARTNER}:user/bob`);
partition.iam.putPolicy(`arn:aws:iam::${PARTNER}:user/bob`, 'partner', policy({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: key }));
await attempt('bob (another account) encrypts', () => bob.encrypt(encrypt));
await app.putKeyPolicy({
  KeyId: key,
  Policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${APP}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Partner may encrypt', Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 'kms:Encrypt', Resource: '*' },
    ],
  }),
});
await attempt('bob encrypts once the key policy names his account', () => bob.encrypt(encrypt));
