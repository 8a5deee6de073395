/**
 * One version of a KMS key's secret bytes. A KMS key (the resource: metadata, state, tags) is kept
 * apart from its key material; rotation will add versions, and a ciphertext names the version that
 * sealed it, so decryption never has to try several.
 * @module
 */

import { fromHex } from '../crypto/bytes.js';

/** Node's `util.inspect` hook, named by its registry symbol so the core needs no `node:util`. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

let readBytes: (material: KeyMaterial) => Uint8Array;

const MATERIAL_ID = /^[0-9a-f]{64}$/;

export class KeyMaterial {
  /** AWS `KeyMaterialId`: 64 lowercase hex digits. Random, so it says nothing about the bytes. */
  readonly id: string;
  readonly createdAt: Date;
  readonly #bytes: Uint8Array;
  /** `id` as the 32 bytes ciphertexts carry, decoded once rather than on every operation. */
  readonly #idBytes: Uint8Array;

  /** @throws {RangeError} for an id that is not 64 lowercase hex digits */
  constructor(id: string, bytes: Uint8Array, createdAt: Date) {
    if (!MATERIAL_ID.test(id)) throw new RangeError('a key material id is 64 lowercase hex digits');
    this.id = id;
    this.createdAt = createdAt;
    this.#bytes = bytes;
    this.#idBytes = fromHex(id);
    Object.freeze(this);
  }

  /** A copy of the id's 32 bytes. */
  idBytes(): Uint8Array {
    return this.#idBytes.slice();
  }

  /** Whether `idBytes` (from a ciphertext header) names this material. Ids are not secret. */
  hasId(idBytes: Uint8Array): boolean {
    const own = this.#idBytes;
    if (idBytes.length !== own.length) return false;
    for (let i = 0; i < own.length; i++) if (own[i] !== idBytes[i]) return false;
    return true;
  }

  static {
    readBytes = (material) => material.#bytes;
  }

  toJSON(): { id: string; createdAt: string } {
    return { id: this.id, createdAt: this.createdAt.toISOString() };
  }

  toString(): string {
    return `KeyMaterial(${this.id})`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}

/**
 * The one way to reach secret key bytes. Only the crypto operations and (later) sealed persistence
 * call it; grep for it to audit every use. The returned array must never be mutated or returned
 * to a caller.
 */
export function unsafeMaterialBytes(material: KeyMaterial): Uint8Array {
  return readBytes(material);
}
