/**
 * RSA on WebCrypto, shared by the WebCrypto provider (on its own `subtle`) and the noble provider,
 * which has no RSA of its own (noble ships none, and RSA is not something to write in-house), so it
 * uses the platform's `crypto.subtle`. WebCrypto always hashes the message itself: a prehashed
 * `{ digest }` is refused with UnsupportedCapabilityError.
 * @module
 */
import {
  AuthenticationError,
  checkOaepCall,
  checkOaepPlaintext,
  checkRsaModulusBits,
  checkRsaSignatureCall,
  DIGEST_LENGTH,
  RSA_DIGEST_CAPABILITY,
  UnsupportedCapabilityError,
  type CryptoProvider,
  type DigestHash,
  type KeyPairDer,
  type OaepHash,
  type RsaModulusBits,
  type RsaSignaturePadding,
  type SignatureInput,
} from './provider.js';
import { cachedImport, importing, source } from './webcrypto-keys.js';

const PUBLIC_EXPONENT_65537 = /* @__PURE__ */ new Uint8Array([0x01, 0x00, 0x01]);

type RsaAlgorithm = 'RSA-PSS' | 'RSASSA-PKCS1-v1_5' | 'RSA-OAEP';

const SIGNATURE_ALGORITHM: Readonly<Record<RsaSignaturePadding, RsaAlgorithm>> = { PSS: 'RSA-PSS', 'PKCS1-v1_5': 'RSASSA-PKCS1-v1_5' };

const modulusBits = (key: CryptoKey): number => (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;

/** RSA for a provider on the WebCrypto `subtle` that `resolveSubtle` returns when first needed. */
export class WebCryptoRsa {
  readonly #provider: CryptoProvider;
  readonly #resolveSubtle: () => SubtleCrypto | undefined;
  // By format, algorithm and hash (a CryptoKey is bound to all three), then by the identity of the
  // caller's key array (never mutated, see provider.ts). Pending imports are cached too, so
  // concurrent calls share one.
  readonly #keys = new Map<string, WeakMap<Uint8Array, Promise<CryptoKey>>>();

  /** `provider` gives the name and capabilities for errors; it is read at call time, so it may still be under construction. */
  constructor(provider: CryptoProvider, resolveSubtle: () => SubtleCrypto | undefined) {
    this.#provider = provider;
    this.#resolveSubtle = resolveSubtle;
  }

  async generateKeyPair(bits: RsaModulusBits): Promise<KeyPairDer> {
    checkRsaModulusBits(this.#provider, bits);
    const subtle = this.#subtle();
    // Any RSA algorithm would do: WebCrypto exports every RSA key with the rsaEncryption identifier.
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: PUBLIC_EXPONENT_65537, hash: 'SHA-256' };
    const pair = (await subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
    const [privateKey, publicKey] = await Promise.all([subtle.exportKey('pkcs8', pair.privateKey), subtle.exportKey('spki', pair.publicKey)]);
    return { privateKey: new Uint8Array(privateKey), publicKey: new Uint8Array(publicKey) };
  }

  async sign(padding: RsaSignaturePadding, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array> {
    const message = this.#message(padding, hash, privateKeyPkcs8, input);
    const key = await this.#import('pkcs8', SIGNATURE_ALGORITHM[padding], hash, privateKeyPkcs8);
    return new Uint8Array(await this.#subtle().sign(signatureParams(padding, hash), key, source(message)));
  }

  async verify(padding: RsaSignaturePadding, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean> {
    const message = this.#message(padding, hash, publicKeySpki, input);
    const key = await this.#import('spki', SIGNATURE_ALGORITHM[padding], hash, publicKeySpki);
    // RFC 8017 §8.1.2 and §8.2.2 step 1. OpenSSL would take a PSS signature one byte short of k (a
    // leading zero dropped); BoringSSL would not, and every provider must agree.
    if (!(signature instanceof Uint8Array) || signature.length !== Math.ceil(modulusBits(key) / 8)) return false;
    try {
      return await this.#subtle().verify(signatureParams(padding, hash), key, source(signature), source(message));
    } catch {
      return false;
    }
  }

  async oaepEncrypt(hash: OaepHash, publicKeySpki: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    checkOaepCall(this.#provider, hash, publicKeySpki, plaintext);
    const key = await this.#import('spki', 'RSA-OAEP', hash, publicKeySpki);
    // WebCrypto's only signal for a too-long plaintext is an OperationError, indistinguishable from others.
    checkOaepPlaintext(modulusBits(key), hash, plaintext);
    return new Uint8Array(await this.#subtle().encrypt({ name: 'RSA-OAEP' }, key, source(plaintext)));
  }

  async oaepDecrypt(hash: OaepHash, privateKeyPkcs8: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
    checkOaepCall(this.#provider, hash, privateKeyPkcs8, ciphertext);
    const key = await this.#import('pkcs8', 'RSA-OAEP', hash, privateKeyPkcs8);
    // RFC 8017 §7.1.2 step 1, which OpenSSL skips (it opens a ciphertext with its leading zero dropped).
    if (ciphertext.length !== Math.ceil(modulusBits(key) / 8)) throw new AuthenticationError();
    try {
      return new Uint8Array(await this.#subtle().decrypt({ name: 'RSA-OAEP' }, key, source(ciphertext)));
    } catch {
      throw new AuthenticationError();
    }
  }

  /** Checks the call and returns the message to sign or verify. */
  #message(padding: RsaSignaturePadding, hash: DigestHash, keyDer: Uint8Array, input: SignatureInput): Uint8Array {
    checkRsaSignatureCall(this.#provider, padding, hash, keyDer, input);
    // Reached only if the host provider declared a digest capability it cannot honour.
    if ('digest' in input) throw new UnsupportedCapabilityError(this.#provider.name, RSA_DIGEST_CAPABILITY[padding]);
    return input.message;
  }

  #subtle(): SubtleCrypto {
    const subtle = this.#resolveSubtle();
    if (subtle === undefined) throw new UnsupportedCapabilityError(this.#provider.name, 'rsa');
    return subtle;
  }

  #import(format: 'pkcs8' | 'spki', name: RsaAlgorithm, hash: DigestHash | OaepHash, der: Uint8Array): Promise<CryptoKey> {
    const kind = `${format} ${name} ${hash}`;
    const cache = this.#keys.get(kind) ?? new WeakMap<Uint8Array, Promise<CryptoKey>>();
    this.#keys.set(kind, cache);
    const usage: KeyUsage = name === 'RSA-OAEP' ? (format === 'pkcs8' ? 'decrypt' : 'encrypt') : format === 'pkcs8' ? 'sign' : 'verify';
    // Outside `importing`: a missing WebCrypto is UnsupportedCapabilityError, not a refused key.
    const subtle = this.#subtle();
    return importing(`RSA ${format === 'pkcs8' ? 'private' : 'public'} key`, () =>
      cachedImport(cache, der, () => subtle.importKey(format, source(der), { name, hash }, false, [usage])),
    );
  }
}

function signatureParams(padding: RsaSignaturePadding, hash: DigestHash): AlgorithmIdentifier | RsaPssParams {
  return padding === 'PSS' ? { name: 'RSA-PSS', saltLength: DIGEST_LENGTH[hash] } : { name: 'RSASSA-PKCS1-v1_5' };
}
