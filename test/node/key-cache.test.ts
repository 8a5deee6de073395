/** The node provider caches imported signing keys by array; the cache must never serve stale bytes. */
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeProvider } from '../../src/node/index.js';

describe('node provider signing-key cache', () => {
  it('signs with the bytes the array holds now, even after they changed in place', async () => {
    const p = nodeProvider();
    const a = await p.generateSigningKeyPair('P-256');
    const b = await p.generateSigningKeyPair('P-256');
    expect(a.privateKey.length).toBe(b.privateKey.length);
    const message = new TextEncoder().encode('m');
    const key = a.privateKey.slice();
    const first = await p.sign('P-256', 'SHA-256', key, { message });
    key.set(b.privateKey); // the same array now holds another key
    const second = await p.sign('P-256', 'SHA-256', key, { message });
    const publicOf = (spki: Uint8Array) => createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    expect(verify('sha256', message, { key: publicOf(a.publicKey), dsaEncoding: 'der' }, first)).toBe(true);
    expect(verify('sha256', message, { key: publicOf(b.publicKey), dsaEncoding: 'der' }, second)).toBe(true);
    expect(verify('sha256', message, { key: publicOf(a.publicKey), dsaEncoding: 'der' }, second)).toBe(false);
  });
});
