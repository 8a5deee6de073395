/** The examples the README points to still run and still say what the README says they show. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (file: string): string =>
  execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });

describe('examples', () => {
  it('quickstart.ts decrypts its record and refuses the wrong context', () => {
    const out = run('examples/quickstart.ts');
    expect(out).toMatch(/decrypted with arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}: \{"name":"Ada"/);
    expect(out).toContain('wrong context refused with InvalidCiphertextException');
  });

  it('authorization.ts allows and denies as AWS would', () => {
    const lines = run('examples/authorization.ts')
      .split('\n')
      .filter((line) => /^(allowed|denied):/.test(line));
    expect(lines).toEqual([
      'denied:  alice encrypts with no identity policy',
      'allowed: alice encrypts with an identity policy',
      'allowed: a worker session encrypts for tenant t1',
      'denied:  a worker session encrypts for tenant t2',
      'denied:  the worker after the grant was revoked',
      'denied:  bob (another account) encrypts',
      'allowed: bob encrypts once the key policy names his account',
    ]);
  });

  it('asymmetric.ts checks RSA, ECDSA, ECDH and a data key pair against node:crypto', () => {
    expect(run('examples/asymmetric.ts').split('\n').filter(Boolean)).toEqual([
      'RSA-OAEP made by node:crypto, decrypted by KMS: for KMS eyes only',
      'ECDSA signature verified by node:crypto: true',
      'ECDH secrets agree: true',
      'data key pair: the decrypted private key signs as before: true; verified: true',
    ]);
  });
});
