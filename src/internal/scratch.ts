/**
 * Short-lived buffers for data that is neither secret nor returned to a caller (the additional
 * authenticated data of a blob). V8 allocates every typed array over 64 bytes outside its heap,
 * at about 0.7 µs each, about as much as a whole small Encrypt spends on everything but its
 * cryptography; a view into a shared slab costs a tenth of that.
 *
 * Slab bytes are handed out once and never reused, so a view never sees another caller's data
 * change under it. A view's `.buffer` is the whole slab, which is why nothing secret and nothing
 * a caller receives may come from here.
 * @module
 */
const SLAB_SIZE = 64 * 1024;

let slab = new ArrayBuffer(SLAB_SIZE);
let used = 0;

export function scratch(length: number): Uint8Array {
  if (length > SLAB_SIZE / 16) return new Uint8Array(length);
  if (used + length > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    used = 0;
  }
  const view = new Uint8Array(slab, used, length);
  used += length;
  return view;
}
