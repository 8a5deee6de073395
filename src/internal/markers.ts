/**
 * Pagination markers. A marker is opaque to callers and carries its position with a MAC under a
 * secret of this `Kms` instance, so a marker we did not issue (or issued for another list) is
 * recognised and refused with `InvalidMarkerException`, as AWS does, without remembering every
 * marker ever handed out.
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual, fromHex, toHex, utf8Decode, utf8Encode } from '../crypto/bytes.js';
import { InvalidMarkerException } from '../errors.js';

const TAG_BYTES = 16;

export class MarkerCodec {
  readonly #secret: Uint8Array;

  constructor(secret: Uint8Array) {
    this.#secret = secret;
  }

  /** A marker for `position` in the list named `scope` (e.g. `ListKeys`). */
  issue(scope: string, position: string): string {
    const payload = utf8Encode(position);
    return toHex(payload) + '.' + toHex(this.#tag(scope, payload));
  }

  /** @throws {@link InvalidMarkerException} unless this codec issued `marker` for `scope`. */
  read(scope: string, marker: string): string {
    const dot = marker.indexOf('.');
    try {
      const payload = fromHex(marker.slice(0, dot));
      const tag = fromHex(marker.slice(dot + 1));
      if (dot < 0 || !constantTimeEqual(tag, this.#tag(scope, payload))) throw new InvalidMarkerException();
      return utf8Decode(payload);
    } catch {
      throw new InvalidMarkerException('Invalid marker');
    }
  }

  #tag(scope: string, payload: Uint8Array): Uint8Array {
    const mac = hmac.create(sha256, this.#secret);
    mac.update(utf8Encode(scope)).update(new Uint8Array([0])).update(payload);
    return mac.digest().subarray(0, TAG_BYTES);
  }
}
