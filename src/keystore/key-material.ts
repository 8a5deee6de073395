/**
 * One version of a KMS key's secret bytes. A KMS key (the resource: metadata, state, tags) is kept
 * apart from its key material; rotation will add versions, and a ciphertext names the version that
 * sealed it, so decryption never has to try several.
 * @module
 */

/** Node's `util.inspect` hook, named by its registry symbol so the core needs no `node:util`. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

let readBytes: (material: KeyMaterial) => Uint8Array;

export class KeyMaterial {
  /** AWS `KeyMaterialId`: 64 lowercase hex digits. Random, so it says nothing about the bytes. */
  readonly id: string;
  readonly createdAt: Date;
  readonly #bytes: Uint8Array;

  constructor(id: string, bytes: Uint8Array, createdAt: Date) {
    this.id = id;
    this.createdAt = createdAt;
    this.#bytes = bytes;
    Object.freeze(this);
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
