/**
 * A provider on the platform's WebCrypto (`crypto.subtle`): native AES-GCM, HMAC, SHA-256, ECDSA on
 * P-256/384/521 and (where the runtime has it) Ed25519 in browsers, Deno, Bun and Node. Randomness
 * comes from `crypto.getRandomValues`. What it lacks, and why:
 * - `hmac-sha224`: WebCrypto has no SHA-224 (HMAC_224 keys need another provider);
 * - `ecdsa-secp256k1`: WebCrypto has no secp256k1;
 * - `ed25519` unless the caller says the runtime has it (`{ ed25519: true }`, see
 *   {@link detectWebCryptoEd25519}): support can only be probed asynchronously, and a provider's
 *   capabilities are fixed when it is made;
 * - `ecdsa-digest`, ECDSA over a prehashed `{ digest }`: WebCrypto always hashes the message itself
 *   (message input works);
 * - `ed25519ph`: WebCrypto's Ed25519 is pure EdDSA only, with no prehash variant;
 * - `ml-dsa-44`, `ml-dsa-65`, `ml-dsa-87`: WebCrypto has no ML-DSA (outside experimental flags);
 * - `rsa-pkcs1-digest`, `rsa-pss-digest`: RSA signatures over a prehashed digest, for the same
 *   reason as ECDSA (RSA over messages, and RSA-OAEP, run on WebCrypto's own RSA).
 *
 * ECDH runs on WebCrypto's own ECDH (`deriveBits`) on P-256/384/521.
 * @module
 */
import {
  decodeEcdsaSignature,
  decodeEcPeerSpki,
  decodeEcPkcs8,
  decodeEcSpki,
  decodeEd25519Pkcs8,
  decodeEd25519Spki,
  ecScalarLength,
  encodeEcdsaSignature,
} from './der.js';
import {
  ALL_CAPABILITIES,
  AuthenticationError,
  checkEcdhCurve,
  checkMlDsaLevel,
  checkSealOutput,
  checkSignatureCall,
  checkSigningCurve,
  HMAC_CAPABILITY,
  ML_DSA_CAPABILITY,
  SIGNING_CAPABILITY,
  UnsupportedCapabilityError,
  unsupportedHmacHash,
  type Capability,
  type CryptoProvider,
  type DigestHash,
  type EcdhCurve,
  type HmacHash,
  type KeyPairDer,
  type MlDsaInput,
  type MlDsaLevel,
  type OaepHash,
  type RsaModulusBits,
  type RsaSignaturePadding,
  type SignatureInput,
  type SigningCurve,
} from './provider.js';
import { WebCryptoRsa } from './rsa-webcrypto.js';
import { cachedImport, importing, source } from './webcrypto-keys.js';

/** Options of {@link webCryptoProvider}. */
export interface WebCryptoProviderOptions {
  /**
   * Whether the runtime's WebCrypto has Ed25519, so that the provider declares `ed25519`. Default
   * `false` (fail closed); `await detectWebCryptoEd25519(subtle)` tells.
   */
  readonly ed25519?: boolean;
}

const KEY_LENGTH = 32;
const NONCE_LENGTH = 12;
const HASH_LENGTH = 32;
const MAX_HKDF_LENGTH = 255 * HASH_LENGTH;
/** The most `getRandomValues` fills in one call; more throws QuotaExceededError. */
const MAX_RANDOM_CHUNK = 65_536;
/**
 * WebCrypto refuses empty HMAC keys, but RFC 2104 pads every key shorter than a block with zero
 * bytes, so the empty key and a single zero byte are the same HMAC key.
 */
const EMPTY_HMAC_KEY = new Uint8Array(1);

const AES_GCM = { name: 'AES-GCM', length: 256 } as const;

/**
 * The HMAC hashes WebCrypto has (besides SHA-1). It has no SHA-224, so this provider does not declare
 * `hmac-sha224`, and `hmac('SHA-224', …)` rejects with UnsupportedCapabilityError.
 */
const WEBCRYPTO_HMAC_HASHES: readonly HmacHash[] = ['SHA-256', 'SHA-384', 'SHA-512'];

/** Per HMAC hash: the import parameters, and the keys imported with them. */
interface HmacKeyCache {
  readonly params: { readonly name: 'HMAC'; readonly hash: HmacHash };
  readonly keys: WeakMap<Uint8Array, Promise<CryptoKey>>;
}

/** The public key of RFC 8032 §7.1 test 1, to probe for Ed25519. */
const ED25519_PROBE_KEY = /* @__PURE__ */ Uint8Array.from(
  [0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a],
);

const ed25519Support = new WeakMap<SubtleCrypto, Promise<boolean>>();

/**
 * Whether `subtle` (default `globalThis.crypto.subtle`) has Ed25519: it imports a public key as
 * `{ name: 'Ed25519' }`. Probed once per SubtleCrypto; never rejects.
 */
export function detectWebCryptoEd25519(subtle?: SubtleCrypto): Promise<boolean> {
  const resolved = subtle ?? (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (resolved === undefined) return Promise.resolve(false);
  let support = ed25519Support.get(resolved);
  if (support === undefined) {
    support = resolved.importKey('raw', ED25519_PROBE_KEY, { name: 'Ed25519' }, false, ['verify']).then(
      () => true,
      () => false,
    );
    ed25519Support.set(resolved, support);
  }
  return support;
}

function checkLength(what: string, bytes: Uint8Array, expected: number): void {
  if (bytes.length !== expected) throw new RangeError(`${what} must be ${expected} bytes, got ${bytes.length}`);
}

class WebCryptoProvider implements CryptoProvider {
  readonly name = 'webcrypto';
  readonly capabilities: ReadonlySet<Capability>;

  // Keyed by the identity of the caller's key array (never mutated, see provider.ts), so a key used
  // for many operations is imported once. A pending import is cached too, so concurrent calls share it.
  // An HMAC CryptoKey is bound to its hash, so each hash has its own cache; a Map, so that no
  // inherited property passes for a hash.
  readonly #aesKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
  readonly #hmacKeys: ReadonlyMap<HmacHash, HmacKeyCache> = new Map(
    WEBCRYPTO_HMAC_HASHES.map((hash) => [hash, { params: { name: 'HMAC', hash }, keys: new WeakMap() }]),
  );

  readonly #subtle: SubtleCrypto;
  readonly #random: Crypto;

  constructor(subtle: SubtleCrypto, random: Crypto, ed25519: boolean) {
    this.#subtle = subtle;
    this.#random = random;
    const lacks = new Set<Capability>([
      HMAC_CAPABILITY['SHA-224'],
      SIGNING_CAPABILITY.secp256k1,
      'ecdsa-digest',
      SIGNING_CAPABILITY.Ed25519ph,
      'rsa-pkcs1-digest',
      'rsa-pss-digest',
      ...Object.values(ML_DSA_CAPABILITY),
    ]);
    if (!ed25519) lacks.add(SIGNING_CAPABILITY.Ed25519);
    this.capabilities = new Set(ALL_CAPABILITIES.filter((capability) => !lacks.has(capability)));
  }

  randomBytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let offset = 0; offset < length; offset += MAX_RANDOM_CHUNK) {
      this.#random.getRandomValues(out.subarray(offset, offset + MAX_RANDOM_CHUNK));
    }
    return out;
  }

  async aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, output?: Uint8Array): Promise<Uint8Array> {
    checkLength('nonce', nonce, NONCE_LENGTH);
    checkSealOutput(output, plaintext.length);
    const params = { name: 'AES-GCM', iv: source(nonce), additionalData: source(aad), tagLength: 128 };
    const sealed = new Uint8Array(await this.#subtle.encrypt(params, await this.#aesKey(key), source(plaintext)));
    if (!output) return sealed;
    output.set(sealed);
    return output;
  }

  async aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    checkLength('nonce', nonce, NONCE_LENGTH);
    const cryptoKey = await this.#aesKey(key);
    const params = { name: 'AES-GCM', iv: source(nonce), additionalData: source(aad), tagLength: 128 };
    try {
      return new Uint8Array(await this.#subtle.decrypt(params, cryptoKey, source(sealed)));
    } catch {
      // OperationError is WebCrypto's only signal for a bad tag or a too-short input.
      throw new AuthenticationError();
    }
  }

  async hmac(hash: HmacHash, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await this.#subtle.sign('HMAC', await this.#hmacKey(hash, key), source(data)));
  }

  /**
   * RFC 5869 §2.3 over HMAC-SHA-256. WebCrypto's own HKDF always runs Extract first, which would
   * turn the caller's PRK into a different key.
   */
  async hkdfSha256Expand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
    if (!Number.isInteger(length) || length < 1 || length > MAX_HKDF_LENGTH) {
      throw new RangeError(`HKDF-Expand length must be an integer in 1..${MAX_HKDF_LENGTH}, got ${length}`);
    }
    if (prk.length < HASH_LENGTH) throw new RangeError(`HKDF-Expand PRK must be at least ${HASH_LENGTH} bytes`);
    const key = await this.#hmacKey('SHA-256', prk);
    const out = new Uint8Array(length);
    // One buffer laid out as T(i-1) ‖ info ‖ i; T(0) is empty, so the first block skips the T slot.
    const block = new Uint8Array(HASH_LENGTH + info.length + 1);
    block.set(info, HASH_LENGTH);
    let message = block.subarray(HASH_LENGTH);
    for (let i = 1, offset = 0; offset < length; i++, offset += HASH_LENGTH) {
      block[block.length - 1] = i;
      const t = new Uint8Array(await this.#subtle.sign('HMAC', key, message));
      out.set(t.subarray(0, Math.min(HASH_LENGTH, length - offset)), offset);
      block.set(t);
      message = block;
    }
    block.fill(0);
    return out;
  }

  async sha256(data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await this.#subtle.digest('SHA-256', source(data)));
  }

  async generateSigningKeyPair(curve: SigningCurve): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> {
    checkSigningCurve(this, curve);
    const algorithm = curve === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: curve };
    const pair = (await this.#subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
    const [privateKey, publicKey] = await Promise.all([
      this.#subtle.exportKey('pkcs8', pair.privateKey),
      this.#subtle.exportKey('spki', pair.publicKey),
    ]);
    return { privateKey: new Uint8Array(privateKey), publicKey: new Uint8Array(publicKey) };
  }

  async sign(curve: SigningCurve, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array> {
    const capability = checkSignatureCall(this, curve, hash, input);
    if (curve === 'Ed25519') {
      decodeEd25519Pkcs8(privateKeyPkcs8); // the same strict parsing as every provider
      const key = await importing('Ed25519 private key', () => this.#subtle.importKey('pkcs8', source(privateKeyPkcs8), { name: 'Ed25519' }, false, ['sign']));
      return new Uint8Array(await this.#subtle.sign({ name: 'Ed25519' }, key, source((input as { message: Uint8Array }).message)));
    }
    // Neither is declared, so checkSignatureCall refused both already; this narrows the types.
    if ('digest' in input || curve === 'Ed25519ph') throw new UnsupportedCapabilityError(this.name, capability);
    decodeEcPkcs8(curve, privateKeyPkcs8).fill(0);
    const key = await importing(`${curve} private key`, () =>
      this.#subtle.importKey('pkcs8', source(privateKeyPkcs8), { name: 'ECDSA', namedCurve: curve }, false, ['sign']),
    );
    const raw = new Uint8Array(await this.#subtle.sign({ name: 'ECDSA', hash }, key, source(input.message)));
    return encodeEcdsaSignature(curve, raw);
  }

  async verify(curve: SigningCurve, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean> {
    const capability = checkSignatureCall(this, curve, hash, input);
    if (curve === 'Ed25519') {
      decodeEd25519Spki(publicKeySpki);
      const key = await importing('Ed25519 public key', () => this.#subtle.importKey('spki', source(publicKeySpki), { name: 'Ed25519' }, false, ['verify']));
      if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
      try {
        return await this.#subtle.verify({ name: 'Ed25519' }, key, source(signature), source((input as { message: Uint8Array }).message));
      } catch {
        return false;
      }
    }
    if ('digest' in input || curve === 'Ed25519ph') throw new UnsupportedCapabilityError(this.name, capability);
    decodeEcSpki(curve, publicKeySpki);
    const key = await importing(`${curve} public key`, () =>
      this.#subtle.importKey('spki', source(publicKeySpki), { name: 'ECDSA', namedCurve: curve }, false, ['verify']),
    );
    let raw: Uint8Array;
    try {
      raw = decodeEcdsaSignature(curve, signature);
    } catch {
      return false;
    }
    return this.#subtle.verify({ name: 'ECDSA', hash }, key, source(raw), source(input.message));
  }

  #aesKey(key: Uint8Array): Promise<CryptoKey> {
    // AES-GCM import also takes 16- and 24-byte keys; this provider promises AES-256 only.
    checkLength('AES-256-GCM key', key, KEY_LENGTH);
    return cachedImport(this.#aesKeys, key, () =>
      this.#subtle.importKey('raw', source(key), AES_GCM, false, ['encrypt', 'decrypt']),
    );
  }

  #hmacKey(hash: HmacHash, key: Uint8Array): Promise<CryptoKey> {
    const cache = this.#hmacKeys.get(hash);
    if (cache === undefined) throw unsupportedHmacHash(this.name, hash);
    const raw = key.length === 0 ? EMPTY_HMAC_KEY : key;
    return cachedImport(cache.keys, key, () => this.#subtle.importKey('raw', source(raw), cache.params, false, ['sign']));
  }

  // --- ECDH ---------------------------------------------------------------------------------------

  /**
   * Private keys imported for ECDH, cached like #aesKeys. Every call decodes the array on its curve
   * first, so a cached key is only ever used on the curve it was imported for.
   */
  readonly #ecdhKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

  async ecdh(curve: EcdhCurve, privateKeyPkcs8: Uint8Array, peerPublicKeySpki: Uint8Array): Promise<Uint8Array> {
    checkEcdhCurve(this, curve);
    decodeEcPkcs8(curve, privateKeyPkcs8).fill(0);
    decodeEcPeerSpki(curve, peerPublicKeySpki);
    const algorithm = { name: 'ECDH', namedCurve: curve };
    const [privateKey, publicKey] = await Promise.all([
      importing(`${curve} private key`, () =>
        cachedImport(this.#ecdhKeys, privateKeyPkcs8, () => this.#subtle.importKey('pkcs8', source(privateKeyPkcs8), algorithm, false, ['deriveBits'])),
      ),
      // WebCrypto checks the point is on the curve here (DataError, so RangeError).
      importing(`${curve} peer public key`, () => this.#subtle.importKey('spki', source(peerPublicKeySpki), algorithm, false, [])),
    ]);
    return new Uint8Array(await this.#subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 8 * ecScalarLength(curve)));
  }

  // --- RSA ----------------------------------------------------------------------------------------

  // #subtle is assigned in the constructor, after field initialisers run, hence the closure.
  readonly #rsa = new WebCryptoRsa(this, () => this.#subtle);

  generateRsaKeyPair(bits: RsaModulusBits): Promise<KeyPairDer> {
    return this.#rsa.generateKeyPair(bits);
  }

  rsaSign(padding: RsaSignaturePadding, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array> {
    return this.#rsa.sign(padding, hash, privateKeyPkcs8, input);
  }

  rsaVerify(padding: RsaSignaturePadding, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean> {
    return this.#rsa.verify(padding, hash, publicKeySpki, input, signature);
  }

  rsaOaepEncrypt(hash: OaepHash, publicKeySpki: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    return this.#rsa.oaepEncrypt(hash, publicKeySpki, plaintext);
  }

  rsaOaepDecrypt(hash: OaepHash, privateKeyPkcs8: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
    return this.#rsa.oaepDecrypt(hash, privateKeyPkcs8, ciphertext);
  }

  // --- ML-DSA -------------------------------------------------------------------------------------

  // Never declared (see the module comment), so each call fails closed in checkMlDsaLevel, naming the
  // level's capability, or with RangeError for an unknown level.

  async generateMlDsaKeyPair(level: MlDsaLevel): Promise<KeyPairDer> {
    throw new UnsupportedCapabilityError(this.name, checkMlDsaLevel(this, level));
  }

  async mlDsaSign(level: MlDsaLevel, privateKeyPkcs8: Uint8Array, input: MlDsaInput): Promise<Uint8Array> {
    throw new UnsupportedCapabilityError(this.name, checkMlDsaLevel(this, level));
  }

  async mlDsaVerify(level: MlDsaLevel, publicKeySpki: Uint8Array, input: MlDsaInput, signature: Uint8Array): Promise<boolean> {
    throw new UnsupportedCapabilityError(this.name, checkMlDsaLevel(this, level));
  }
}

/**
 * Creates a provider on WebCrypto: `subtle` if given, otherwise `globalThis.crypto.subtle`.
 * Random bytes always come from `globalThis.crypto.getRandomValues`. It declares `ed25519` only when
 * `options.ed25519` is true:
 *
 * ```ts
 * const provider = webCryptoProvider(undefined, { ed25519: await detectWebCryptoEd25519() });
 * ```
 * @throws Error when the runtime has no WebCrypto (in browsers, `crypto.subtle` exists only in secure contexts).
 */
export function webCryptoProvider(subtle?: SubtleCrypto, options: WebCryptoProviderOptions = {}): CryptoProvider {
  const platform = (globalThis as { crypto?: Crypto }).crypto;
  const resolved = subtle ?? platform?.subtle;
  if (resolved === undefined) {
    throw new Error(
      'webCryptoProvider: globalThis.crypto.subtle is not available (browsers expose it only in secure contexts such as https:// or localhost); use nobleProvider() instead',
    );
  }
  if (typeof platform?.getRandomValues !== 'function') {
    throw new Error('webCryptoProvider: globalThis.crypto.getRandomValues is not available, so there is no CSPRNG to draw from');
  }
  return new WebCryptoProvider(resolved, platform, options.ed25519 === true);
}
