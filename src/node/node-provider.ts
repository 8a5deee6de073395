/**
 * A provider on `node:crypto` (OpenSSL): the fastest choice in Node. Everything it returns is a
 * plain `Uint8Array`, never a `Buffer`, so results compare, print and serialise like every other
 * provider's.
 * @module
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomFillSync } from 'node:crypto';
import {
  ALL_CAPABILITIES,
  AuthenticationError,
  checkSealOutput,
  unsupportedHmacHash,
  type Capability,
  type CryptoProvider,
  type HmacHash,
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

class NodeProvider implements CryptoProvider {
  readonly name = 'node';
  readonly capabilities: ReadonlySet<Capability> = new Set(ALL_CAPABILITIES);

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
}

/** Creates the provider on `node:crypto`. Node only: import it from `pocket-kms/node`. */
export function nodeProvider(): CryptoProvider {
  return new NodeProvider();
}
