/**
 * The v1 ciphertext blob, written straight from docs/FORMAT.md with node:crypto and nothing from
 * src/. It generates the committed vectors and cross-checks them, so the vectors test the spec,
 * not merely agree with the implementation.
 */
import { createCipheriv, createHash, createHmac } from 'node:crypto';

export interface SpecInput {
  accountId: string;
  keyId: string;
  materialId: string;
  material: string;
  salt: string;
  nonce: string;
  plaintext: string;
  context: Record<string, string>;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

export function specEncodeContext(context: Record<string, string>): Buffer {
  const pairs = Object.entries(context)
    .map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')] as const)
    .sort((a, b) => Buffer.compare(a[0], b[0]));
  return Buffer.concat([u32(pairs.length), ...pairs.flatMap(([k, v]) => [u32(k.length), k, u32(v.length), v])]);
}

export function specSeal(input: SpecInput): Buffer {
  const prefix = Buffer.concat([
    Buffer.from([0x70, 0x6b, 0x01, input.keyId.length]),
    Buffer.from(input.accountId, 'ascii'),
    Buffer.from(input.keyId, 'ascii'),
    Buffer.from(input.materialId, 'hex'),
    Buffer.from(input.salt, 'hex'),
    Buffer.from(input.nonce, 'hex'),
  ]);
  const header = Buffer.concat([prefix, createHash('sha256').update(prefix).digest().subarray(0, 4)]);
  // HKDF-Expand with L = 32: T(1) = HMAC(PRK, info ‖ 0x01).
  const info = Buffer.concat([Buffer.from('pocket-kms blob v1'), Buffer.from(input.salt, 'hex'), Buffer.from([1])]);
  const messageKey = createHmac('sha256', Buffer.from(input.material, 'hex')).update(info).digest();
  const cipher = createCipheriv('aes-256-gcm', messageKey, Buffer.from(input.nonce, 'hex'));
  cipher.setAAD(Buffer.concat([header, specEncodeContext(input.context)]));
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(input.plaintext, 'hex')), cipher.final()]);
  return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}
