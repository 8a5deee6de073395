/**
 * RSA in Node: the shared RSA suite (rsa-suite.ts) for the noble, WebCrypto and node:crypto
 * providers, plus what only Node can check: node:crypto itself imports every provider's keys and
 * verifies and opens their output, and every provider verifies and opens node:crypto's.
 */
import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../../src/crypto/bytes.js';
import { nobleProvider } from '../../src/crypto/noble.js';
import { UnsupportedCapabilityError, type CryptoProvider, type KeyPairDer, type RsaModulusBits, type RsaSignaturePadding } from '../../src/crypto/provider.js';
import { webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { nodeProvider } from '../../src/node/node-provider.js';
import { fixtureRsaKeyPair, withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';
import { OAEP_HASHES, OAEP_MAX_PLAINTEXT, RSA_HASHES, RSA_PADDINGS, RSA_SIZES, rsaConformanceSuite, type ProviderEntry } from './rsa-suite.js';

const ENTRIES: readonly ProviderEntry[] = [
  ['noble', nobleProvider],
  ['webcrypto', () => webCryptoProvider()],
  ['node', nodeProvider],
];

const openssl = (hash: string): string => hash.replace('SHA-', 'sha');
const privateKeyObject = (der: Uint8Array): KeyObject => createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
const publicKeyObject = (der: Uint8Array): KeyObject => createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
const signatureOptions = (key: KeyObject, padding: RsaSignaturePadding) =>
  padding === 'PSS' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { key, padding: constants.RSA_PKCS1_PADDING };
const all = (): { name: string; p: CryptoProvider }[] => ENTRIES.map(([name, make]) => ({ name, p: withFixtureRsaKeys(make()) }));

function checkWithOpenSsl(pair: KeyPairDer, bits: RsaModulusBits): void {
  const privateKey = privateKeyObject(pair.privateKey);
  const publicKey = publicKeyObject(pair.publicKey);
  for (const key of [privateKey, publicKey]) {
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails).toEqual({ modulusLength: bits, publicExponent: 65537n });
  }
  // OpenSSL writes back the very same DER: rsaEncryption with NULL parameters, nothing extra.
  expect(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }))).toEqual(pair.privateKey);
  expect(new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }))).toEqual(pair.publicKey);
}

rsaConformanceSuite(ENTRIES, checkWithOpenSsl);

describe('RSA, checked independently by node:crypto', () => {
  for (const bits of RSA_SIZES) {
    for (const padding of RSA_PADDINGS) {
      for (const hash of RSA_HASHES) {
        it(`${bits} ${padding} ${hash}: node:crypto verifies every provider's signatures, and every provider node:crypto's`, async () => {
          const { privateKey, publicKey } = fixtureRsaKeyPair(bits, 3);
          const message = utf8Encode(`checked by OpenSSL, ${bits} ${padding} ${hash}`);
          const theirs = new Uint8Array(nodeSign(openssl(hash), message, signatureOptions(privateKeyObject(privateKey), padding)));
          const verifyOptions = signatureOptions(publicKeyObject(publicKey), padding);
          for (const { name, p } of all()) {
            const ours = await p.rsaSign(padding, hash, privateKey, { message });
            expect(nodeVerify(openssl(hash), message, verifyOptions, ours), name).toBe(true);
            expect(nodeVerify(openssl(hash), message.subarray(1), verifyOptions, ours), name).toBe(false);
            if (padding === 'PKCS1-v1_5') expect(ours, name).toEqual(theirs);
            expect(await p.rsaVerify(padding, hash, publicKey, { message }, theirs), name).toBe(true);
          }
        });
      }
    }

    for (const hash of OAEP_HASHES) {
      it(`${bits} OAEP ${hash}: node:crypto opens every provider's ciphertexts, and every provider node:crypto's, up to the maximum length`, async () => {
        const { privateKey, publicKey } = fixtureRsaKeyPair(bits, 2);
        const oaep = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: openssl(hash) };
        for (const { name, p } of all()) {
          for (const length of [0, 32, OAEP_MAX_PLAINTEXT[bits][hash]]) {
            const plaintext = p.randomBytes(length);
            const ours = await p.rsaOaepEncrypt(hash, publicKey, plaintext);
            expect(new Uint8Array(privateDecrypt({ key: privateKeyObject(privateKey), ...oaep }, ours)), `${name} ${length}`).toEqual(plaintext);
            const theirs = publicEncrypt({ key: publicKeyObject(publicKey), ...oaep }, plaintext);
            expect(await p.rsaOaepDecrypt(hash, privateKey, theirs), `${name} ${length}`).toEqual(plaintext);
          }
        }
      });
    }
  }

  it('node provider: PKCS#1 v1.5 over a digest is node:crypto’s signature over the message', async () => {
    const p = nodeProvider();
    const { privateKey, publicKey } = fixtureRsaKeyPair(4096);
    const message = utf8Encode('digest mode');
    for (const hash of RSA_HASHES) {
      const digest = new Uint8Array(await crypto.subtle.digest(hash, message as Uint8Array<ArrayBuffer>));
      const signature = await p.rsaSign('PKCS1-v1_5', hash, privateKey, { digest });
      expect(signature).toEqual(new Uint8Array(nodeSign(openssl(hash), message, privateKeyObject(privateKey))));
      expect(nodeVerify(openssl(hash), message, publicKeyObject(publicKey), signature)).toBe(true);
      expect(await p.rsaVerify('PKCS1-v1_5', hash, publicKey, { digest }, signature)).toBe(true);
    }
  });

  it('node provider: everything it returns is a plain Uint8Array, never a Buffer', async () => {
    const p = withFixtureRsaKeys(nodeProvider());
    const { privateKey, publicKey } = fixtureRsaKeyPair(2048);
    const message = utf8Encode('plain');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', message as Uint8Array<ArrayBuffer>));
    const ciphertext = await p.rsaOaepEncrypt('SHA-256', publicKey, message);
    const outputs = [
      await p.rsaSign('PSS', 'SHA-256', privateKey, { message }),
      await p.rsaSign('PKCS1-v1_5', 'SHA-256', privateKey, { message }),
      await p.rsaSign('PKCS1-v1_5', 'SHA-256', privateKey, { digest }),
      ciphertext,
      await p.rsaOaepDecrypt('SHA-256', privateKey, ciphertext),
    ];
    for (const output of outputs) {
      expect(Buffer.isBuffer(output)).toBe(false);
      expect(output.constructor).toBe(Uint8Array);
    }
  });

  it('RSASSA-PSS keys (id-RSASSA-PSS, not rsaEncryption) and DSA keys are refused with RangeError', async () => {
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
    const dsa = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
    const message = utf8Encode('m');
    for (const pair of [pss, dsa]) {
      const privateKey = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
      const publicKey = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }));
      for (const { name, p } of all()) {
        await expect(p.rsaSign('PSS', 'SHA-256', privateKey, { message }), name).rejects.toThrow(RangeError);
        await expect(p.rsaVerify('PSS', 'SHA-256', publicKey, { message }, new Uint8Array(256)), name).rejects.toThrow(RangeError);
        await expect(p.rsaOaepEncrypt('SHA-256', publicKey, message), name).rejects.toThrow(RangeError);
        await expect(p.rsaOaepDecrypt('SHA-256', privateKey, new Uint8Array(256)), name).rejects.toThrow(RangeError);
      }
    }
  });
});

describe('noble provider without WebCrypto', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('fails RSA closed with UnsupportedCapabilityError("rsa"), and keeps everything else', async () => {
    const p = nobleProvider();
    const { privateKey, publicKey } = fixtureRsaKeyPair(2048);
    const getRandomValues = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    vi.stubGlobal('crypto', { getRandomValues });
    const message = utf8Encode('m');
    const calls: Promise<unknown>[] = [
      p.generateRsaKeyPair(2048),
      p.rsaSign('PSS', 'SHA-256', privateKey, { message }),
      p.rsaVerify('PKCS1-v1_5', 'SHA-256', publicKey, { message }, new Uint8Array(256)),
      p.rsaOaepEncrypt('SHA-1', publicKey, message),
      p.rsaOaepDecrypt('SHA-256', privateKey, new Uint8Array(256)),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ name: 'UnsupportedCapabilityError', provider: 'noble', capability: 'rsa' });
    await expect(calls[0]).rejects.toBeInstanceOf(UnsupportedCapabilityError);
    expect(p.randomBytes(8)).toHaveLength(8);
    expect(await p.sha256(message)).toHaveLength(32);
  });
});
