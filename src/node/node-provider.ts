/**
 * A provider on `node:crypto` (OpenSSL): the fastest choice in Node. Everything it returns is a
 * plain `Uint8Array`, never a `Buffer`, so results compare, print and serialise like every other
 * provider's.
 *
 * ECDSA over a prehashed `{ digest }` runs on the noble provider: `node:crypto` always hashes the
 * message itself (there is no raw-digest ECDSA in its API). Keys and signatures are the same DER
 * either way.
 *
 * Ed25519ph signing and verification, and all of ML-DSA, run on the noble provider too: Node 20's
 * `node:crypto` has neither (Ed25519 there is pure EdDSA only; ML-DSA arrived in later Node versions).
 * Ed25519ph keys are ordinary Ed25519 keys, so OpenSSL still generates them.
 *
 * RSASSA-PKCS1-v1_5 over a given digest is OpenSSL's own PKCS#1 type-1 padding of the DigestInfo
 * (`privateEncrypt`), which is what the signature scheme signs. RSASSA-PSS has no such entry point in
 * `node:crypto`, so this provider lacks `rsa-pss-digest`.
 * @module
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPair,
  generateKeyPairSync,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  publicEncrypt,
  randomFillSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { constantTimeEqual } from '../crypto/bytes.js';
import { decodeEcdsaSignature, decodeEcPeerSpki, decodeEcPkcs8, decodeEcSpki, decodeEd25519Pkcs8, decodeEd25519Spki } from '../crypto/der.js';
import { nobleProvider } from '../crypto/noble.js';
import {
  ALL_CAPABILITIES,
  AuthenticationError,
  checkEcdhCurve,
  checkMlDsaLevel,
  checkSealOutput,
  checkSignatureCall,
  checkOaepCall,
  checkOaepPlaintext,
  checkRsaModulusBits,
  checkRsaSignatureCall,
  checkSigningCurve,
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
} from '../crypto/provider.js';

const ALGORITHM = 'aes-256-gcm';
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const HASH_LENGTH = 32;
const MAX_HKDF_LENGTH = 255 * HASH_LENGTH;
// Without it, setAuthTag would also accept truncated tags as short as 4 bytes.
const GCM_OPTIONS = { authTagLength: TAG_LENGTH } as const;
/** OpenSSL's names for the HMAC hashes. A Map, so that no inherited property passes for a hash. */
const HMAC_ALGORITHMS: ReadonlyMap<HmacHash, string> = new Map<HmacHash, string>([
  ['SHA-224', 'sha224'],
  ['SHA-256', 'sha256'],
  ['SHA-384', 'sha384'],
  ['SHA-512', 'sha512'],
]);

/** OpenSSL's names for the ECDSA curves. */
const EC_CURVE_NAMES: ReadonlyMap<SigningCurve, string> = new Map<SigningCurve, string>([
  ['P-256', 'prime256v1'],
  ['P-384', 'secp384r1'],
  ['P-521', 'secp521r1'],
  ['secp256k1', 'secp256k1'],
]);
/** OpenSSL's names for the signature hashes. */
const DIGEST_ALGORITHMS: ReadonlyMap<DigestHash, string> = new Map<DigestHash, string>([
  ['SHA-256', 'sha256'],
  ['SHA-384', 'sha384'],
  ['SHA-512', 'sha512'],
]);

/** OpenSSL's errors for key material it refuses become RangeError. */
function importing(what: string, run: () => KeyObject): KeyObject {
  try {
    return run();
  } catch (error) {
    throw new RangeError(`${what} was refused by OpenSSL: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Re-types a Buffer as a plain Uint8Array over the same memory. Only when the Buffer owns its whole
 * ArrayBuffer: a Buffer carved from Node's shared pool would expose unrelated bytes through `.buffer`,
 * so that case is copied instead.
 */
function plain(buffer: Buffer): Uint8Array {
  if (buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length) return new Uint8Array(buffer.buffer, 0, buffer.length);
  return new Uint8Array(buffer);
}

function checkNonce(nonce: Uint8Array): void {
  // OpenSSL accepts any GCM nonce length; the provider contract is exactly 12 bytes.
  if (nonce.length !== NONCE_LENGTH) throw new RangeError(`nonce must be ${NONCE_LENGTH} bytes, got ${nonce.length}`);
}

/**
 * The DER DigestInfo before the digest, for PKCS#1 v1.5 signatures over a given digest (RFC 8017
 * §9.2 note 1): node:crypto's `sign` always hashes, so the encoding is built here and padded and
 * exponentiated by OpenSSL's `privateEncrypt`.
 */
const DIGEST_INFO_PREFIX: ReadonlyMap<DigestHash, Buffer> = new Map<DigestHash, Buffer>([
  ['SHA-256', Buffer.from('3031300d060960864801650304020105000420', 'hex')],
  ['SHA-384', Buffer.from('3041300d060960864801650304020205000430', 'hex')],
  ['SHA-512', Buffer.from('3051300d060960864801650304020305000440', 'hex')],
]);
/** OpenSSL's names for the OAEP hashes. */
const OAEP_ALGORITHMS: ReadonlyMap<OaepHash, string> = new Map<OaepHash, string>([
  ['SHA-1', 'sha1'],
  ['SHA-256', 'sha256'],
]);

/** PSS salts are as long as the digest, on signing and (strictly) on verifying. */
function rsaSignatureOptions(key: KeyObject, padding: RsaSignaturePadding): { key: KeyObject; padding: number; saltLength?: number } {
  return padding === 'PSS'
    ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : { key, padding: constants.RSA_PKCS1_PADDING };
}

const rsaModulusBits = (key: KeyObject): number => key.asymmetricKeyDetails!.modulusLength!;

class NodeProvider implements CryptoProvider {
  readonly name = 'node';
  /** OpenSSL, as node:crypto exposes it, has no RSASSA-PSS over a given digest. */
  readonly capabilities: ReadonlySet<Capability> = new Set(ALL_CAPABILITIES.filter((c) => c !== 'rsa-pss-digest'));

  randomBytes(length: number): Uint8Array {
    return randomFillSync(new Uint8Array(length));
  }

  async aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, output?: Uint8Array): Promise<Uint8Array> {
    checkNonce(nonce);
    checkSealOutput(output, plaintext.length);
    const cipher = createCipheriv(ALGORITHM, key, nonce, GCM_OPTIONS);
    cipher.setAAD(aad);
    const out = output ?? new Uint8Array(plaintext.length + TAG_LENGTH);
    out.set(cipher.update(plaintext));
    cipher.final(); // GCM is a stream mode: final() emits nothing, it computes the tag
    out.set(cipher.getAuthTag(), plaintext.length);
    return out;
  }

  async aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    checkNonce(nonce);
    const decipher = createDecipheriv(ALGORITHM, key, nonce, GCM_OPTIONS);
    if (sealed.length < TAG_LENGTH) throw new AuthenticationError();
    const split = sealed.length - TAG_LENGTH;
    decipher.setAuthTag(sealed.subarray(split));
    decipher.setAAD(aad);
    const plaintext = decipher.update(sealed.subarray(0, split));
    try {
      decipher.final();
    } catch {
      // update() already produced unauthenticated plaintext; it must not outlive this call.
      plaintext.fill(0);
      throw new AuthenticationError();
    }
    return plain(plaintext);
  }

  async hmac(hash: HmacHash, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
    const algorithm = HMAC_ALGORITHMS.get(hash);
    if (algorithm === undefined) throw unsupportedHmacHash(this.name, hash);
    return plain(createHmac(algorithm, key).update(data).digest());
  }

  /** RFC 5869 §2.3 over HMAC-SHA-256: `hkdfSync` always runs Extract first, which would change the PRK. */
  async hkdfSha256Expand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
    if (!Number.isInteger(length) || length < 1 || length > MAX_HKDF_LENGTH) {
      throw new RangeError(`HKDF-Expand length must be an integer in 1..${MAX_HKDF_LENGTH}, got ${length}`);
    }
    if (prk.length < HASH_LENGTH) throw new RangeError(`HKDF-Expand PRK must be at least ${HASH_LENGTH} bytes`);
    const out = new Uint8Array(length);
    const counter = new Uint8Array(1);
    let previous: Uint8Array = new Uint8Array(0);
    for (let i = 1, offset = 0; offset < length; i++, offset += HASH_LENGTH) {
      counter[0] = i;
      const t = createHmac('sha256', prk).update(previous).update(info).update(counter).digest();
      out.set(t.subarray(0, Math.min(HASH_LENGTH, length - offset)), offset);
      previous.fill(0);
      previous = t;
    }
    previous.fill(0);
    return out;
  }

  async sha256(data: Uint8Array): Promise<Uint8Array> {
    return plain(createHash('sha256').update(data).digest());
  }

  /** For what node:crypto cannot do: ECDSA over a prehashed digest, Ed25519ph and ML-DSA. */
  readonly #noble = nobleProvider();
  /**
   * Imported keys by the array they came from. Importing costs far more than signing, and a Kms
   * hands the same material array for every use of a key. The copy catches a caller that changed
   * the array's bytes since; such an array is parsed and imported afresh.
   */
  readonly #imported = new WeakMap<Uint8Array, { readonly use: string; readonly der: Uint8Array; readonly key: KeyObject }>();

  /** `use` (curve and key type) is part of the match: the same bytes offered as another kind of key are parsed afresh, and refused. */
  #cachedKey(use: string, der: Uint8Array, load: () => KeyObject): KeyObject {
    const cached = this.#imported.get(der);
    if (cached && cached.use === use && constantTimeEqual(cached.der, der)) return cached.key;
    const key = load();
    this.#imported.set(der, { use, der: der.slice(), key });
    return key;
  }

  async generateSigningKeyPair(curve: SigningCurve): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> {
    checkSigningCurve(this, curve);
    if (curve === 'Ed25519' || curve === 'Ed25519ph') {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
        publicKeyEncoding: { type: 'spki', format: 'der' },
        privateKeyEncoding: { type: 'pkcs8', format: 'der' },
      });
      return { privateKey: plain(privateKey), publicKey: plain(publicKey) };
    }
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: EC_CURVE_NAMES.get(curve)!,
      publicKeyEncoding: { type: 'spki', format: 'der' },
      privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    });
    return { privateKey: plain(privateKey), publicKey: plain(publicKey) };
  }

  async sign(curve: SigningCurve, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array> {
    checkSignatureCall(this, curve, hash, input);
    if ('digest' in input || curve === 'Ed25519ph') return this.#noble.sign(curve, hash, privateKeyPkcs8, input);
    const key = this.#cachedKey(`${curve} private`, privateKeyPkcs8, () => {
      // The same strict parsing as every provider, before OpenSSL sees the key.
      if (curve === 'Ed25519') decodeEd25519Pkcs8(privateKeyPkcs8).fill(0);
      else decodeEcPkcs8(curve, privateKeyPkcs8).fill(0);
      return importing(`${curve} private key`, () => createPrivateKey({ key: Buffer.from(privateKeyPkcs8), format: 'der', type: 'pkcs8' }));
    });
    if (curve === 'Ed25519') return plain(sign(null, input.message, key));
    return plain(sign(DIGEST_ALGORITHMS.get(hash)!, input.message, { key, dsaEncoding: 'der' }));
  }

  async verify(curve: SigningCurve, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean> {
    checkSignatureCall(this, curve, hash, input);
    if (curve === 'Ed25519ph') return this.#noble.verify(curve, hash, publicKeySpki, input, signature);
    // Imported even for a digest, so that OpenSSL checks the point is on the curve.
    const key = this.#cachedKey(`${curve} public`, publicKeySpki, () => {
      if (curve === 'Ed25519') decodeEd25519Spki(publicKeySpki);
      else decodeEcSpki(curve, publicKeySpki);
      return importing(`${curve} public key`, () => createPublicKey({ key: Buffer.from(publicKeySpki), format: 'der', type: 'spki' }));
    });
    if ('digest' in input) return this.#noble.verify(curve, hash, publicKeySpki, input, signature);
    if (!(signature instanceof Uint8Array)) return false;
    try {
      if (curve === 'Ed25519') return signature.length === 64 && verify(null, input.message, key, signature);
      decodeEcdsaSignature(curve, signature); // OpenSSL is lenient with some encodings; every provider refuses the same
      return verify(DIGEST_ALGORITHMS.get(hash)!, input.message, { key, dsaEncoding: 'der' }, signature);
    } catch {
      return false;
    }
  }
  // --- ECDH ---------------------------------------------------------------------------------------

  async ecdh(curve: EcdhCurve, privateKeyPkcs8: Uint8Array, peerPublicKeySpki: Uint8Array): Promise<Uint8Array> {
    checkEcdhCurve(this, curve);
    const privateKey = this.#cachedKey(`${curve} ECDH private`, privateKeyPkcs8, () => {
      decodeEcPkcs8(curve, privateKeyPkcs8).fill(0);
      return importing(`${curve} private key`, () => createPrivateKey({ key: Buffer.from(privateKeyPkcs8), format: 'der', type: 'pkcs8' }));
    });
    // Not cached: every DeriveSharedSecret brings its peer's key afresh.
    decodeEcPeerSpki(curve, peerPublicKeySpki);
    // OpenSSL checks the point is on the curve here.
    const publicKey = importing(`${curve} peer public key`, () => createPublicKey({ key: Buffer.from(peerPublicKeySpki), format: 'der', type: 'spki' }));
    return plain(diffieHellman({ privateKey, publicKey }));
  }

  // --- RSA ----------------------------------------------------------------------------------------

  async generateRsaKeyPair(bits: RsaModulusBits): Promise<KeyPairDer> {
    checkRsaModulusBits(this, bits);
    // The callback form runs on libuv's thread pool; a 4096-bit key can take seconds.
    const { privateKey, publicKey } = await new Promise<{ privateKey: Buffer; publicKey: Buffer }>((resolve, reject) => {
      const options = {
        modulusLength: bits,
        publicExponent: 65537,
        privateKeyEncoding: { type: 'pkcs8', format: 'der' },
        publicKeyEncoding: { type: 'spki', format: 'der' },
      } as const;
      generateKeyPair('rsa', options, (error: Error | null, publicKey: Buffer, privateKey: Buffer) => (error ? reject(error) : resolve({ privateKey, publicKey })));
    });
    return { privateKey: plain(privateKey), publicKey: plain(publicKey) };
  }

  async rsaSign(padding: RsaSignaturePadding, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array> {
    checkRsaSignatureCall(this, padding, hash, privateKeyPkcs8, input);
    const key = this.#rsaKey('private', privateKeyPkcs8);
    // A digest got through the check only with PKCS#1 v1.5: this provider does not declare rsa-pss-digest.
    if ('digest' in input) {
      const encoded = Buffer.concat([DIGEST_INFO_PREFIX.get(hash)!, input.digest]);
      return plain(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, encoded));
    }
    return plain(sign(DIGEST_ALGORITHMS.get(hash)!, input.message, rsaSignatureOptions(key, padding)));
  }

  async rsaVerify(padding: RsaSignaturePadding, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean> {
    checkRsaSignatureCall(this, padding, hash, publicKeySpki, input);
    const key = this.#rsaKey('public', publicKeySpki);
    // RFC 8017 §8.1.2 and §8.2.2 step 1. OpenSSL would take a PSS signature one byte short of k (a
    // leading zero dropped), and publicDecrypt any shorter input; BoringSSL would not, and every
    // provider must agree.
    if (!(signature instanceof Uint8Array) || signature.length !== Math.ceil(rsaModulusBits(key) / 8)) return false;
    try {
      if ('digest' in input) {
        const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
        return constantTimeEqual(recovered, Buffer.concat([DIGEST_INFO_PREFIX.get(hash)!, input.digest]));
      }
      return verify(DIGEST_ALGORITHMS.get(hash)!, input.message, rsaSignatureOptions(key, padding), signature);
    } catch {
      return false;
    }
  }

  async rsaOaepEncrypt(hash: OaepHash, publicKeySpki: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    checkOaepCall(this, hash, publicKeySpki, plaintext);
    const key = this.#rsaKey('public', publicKeySpki);
    checkOaepPlaintext(rsaModulusBits(key), hash, plaintext);
    return plain(publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_ALGORITHMS.get(hash)! }, plaintext));
  }

  async rsaOaepDecrypt(hash: OaepHash, privateKeyPkcs8: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
    checkOaepCall(this, hash, privateKeyPkcs8, ciphertext);
    const key = this.#rsaKey('private', privateKeyPkcs8);
    // RFC 8017 §7.1.2 step 1, which OpenSSL skips (it opens a ciphertext with its leading zero dropped).
    if (ciphertext.length !== Math.ceil(rsaModulusBits(key) / 8)) throw new AuthenticationError();
    try {
      return plain(privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_ALGORITHMS.get(hash)! }, ciphertext));
    } catch {
      throw new AuthenticationError();
    }
  }

  #rsaKey(kind: 'private' | 'public', der: Uint8Array): KeyObject {
    return this.#cachedKey(`RSA ${kind}`, der, () => {
      const key = importing(`RSA ${kind} key`, () =>
        kind === 'private'
          ? createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' })
          : createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }),
      );
      // OpenSSL imports any key type here, and an EC key would only fail later, as something else.
      if (key.asymmetricKeyType !== 'rsa') throw new RangeError(`expected an RSA ${kind} key, got ${key.asymmetricKeyType ?? 'none'}`);
      return key;
    });
  }

  // --- ML-DSA -------------------------------------------------------------------------------------

  // On the noble provider (see the module comment); checked here first so that errors name this provider.

  async generateMlDsaKeyPair(level: MlDsaLevel): Promise<KeyPairDer> {
    checkMlDsaLevel(this, level);
    return this.#noble.generateMlDsaKeyPair(level);
  }

  async mlDsaSign(level: MlDsaLevel, privateKeyPkcs8: Uint8Array, input: MlDsaInput): Promise<Uint8Array> {
    checkMlDsaLevel(this, level);
    return this.#noble.mlDsaSign(level, privateKeyPkcs8, input);
  }

  async mlDsaVerify(level: MlDsaLevel, publicKeySpki: Uint8Array, input: MlDsaInput, signature: Uint8Array): Promise<boolean> {
    checkMlDsaLevel(this, level);
    return this.#noble.mlDsaVerify(level, publicKeySpki, input, signature);
  }
}

/** Creates the provider on `node:crypto`. Node only: import it from `pocket-kms/node`. */
export function nodeProvider(): CryptoProvider {
  return new NodeProvider();
}
