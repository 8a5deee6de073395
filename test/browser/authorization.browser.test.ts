/**
 * Authorization in a real headless Chromium: callers, key and identity policies, grants and a
 * second account, through the public entry point.
 */
import { describe, expect, it } from 'vitest';
import { AccessDeniedException, KmsPartition, MalformedPolicyDocumentException } from '../../src/index.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const A = '111111111111';
const B = '222222222222';
const allow = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

describe('authorization in Chromium', () => {
  it('decides by identity policy, grant and cross-account key policy', async () => {
    const partition = new KmsPartition();
    const root = partition.kms({ accountId: A });
    const { KeyMetadata } = await root.createKey();
    const keyArn = KeyMetadata!.Arn!;
    const alice = root.as(`arn:aws:iam::${A}:user/alice`);
    await expect(alice.encrypt({ KeyId: keyArn, Plaintext: utf8('x') })).rejects.toBeInstanceOf(AccessDeniedException);
    partition.iam.putPolicy(`arn:aws:iam::${A}:user/alice`, 'use', allow(['kms:Encrypt']));
    expect((await alice.encrypt({ KeyId: keyArn, Plaintext: utf8('x') })).KeyId).toBe(keyArn);

    const session = root.as(`arn:aws:sts::${A}:assumed-role/app/run-1`);
    const { GrantId } = await root.createGrant({ KeyId: keyArn, GranteePrincipal: `arn:aws:iam::${A}:role/app`, Operations: ['Encrypt'] });
    await session.encrypt({ KeyId: keyArn, Plaintext: utf8('x') });
    await root.revokeGrant({ KeyId: keyArn, GrantId });
    await expect(session.encrypt({ KeyId: keyArn, Plaintext: utf8('x') })).rejects.toBeInstanceOf(AccessDeniedException);

    const bob = root.as(`arn:aws:iam::${B}:user/bob`);
    partition.iam.putPolicy(`arn:aws:iam::${B}:user/bob`, 'use', allow(['kms:Encrypt']));
    await expect(bob.encrypt({ KeyId: keyArn, Plaintext: utf8('x') })).rejects.toBeInstanceOf(AccessDeniedException);
    await root.putKeyPolicy({
      KeyId: keyArn,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: [A, B] }, Action: 'kms:*', Resource: '*' }],
      }),
    });
    expect((await bob.encrypt({ KeyId: keyArn, Plaintext: utf8('x') })).KeyId).toBe(keyArn);
    await expect(root.putKeyPolicy({ KeyId: keyArn, Policy: '{"Statement":[]}' })).rejects.toBeInstanceOf(MalformedPolicyDocumentException);
  });
});
