/**
 * Nothing that the API returns or throws may carry key material in `JSON.stringify`,
 * `util.inspect` or `String()` output; nor may the `Kms`, its store, key records or `KeyMaterial`
 * objects. Plaintexts must not appear in any error either, nor in responses that do not return them.
 *
 * Key material bytes are read only through `unsafeMaterialBytes`. Each secret is searched for as
 * hex (either case), base64, base64url, Latin-1, the decimal list that `String(uint8Array)` and
 * `JSON.stringify(Array.from(...))` produce, and the `{"0":..,"1":..}` form `JSON.stringify` gives a
 * Uint8Array, in whole and in every 12-byte window, in the rendering as printed and with all
 * whitespace removed (so a multi-line `util.inspect` of a byte array is found too).
 *
 * HMAC keys are covered the same way: their material (the HMAC key itself) must not show in what
 * GenerateMac and VerifyMac return or throw, nor the message, nor (in a refusal of VerifyMac) the
 * MAC that would have verified.
 *
 * Signing keys (ECC_NIST_P256/P384/P521, ECC_SECG_P256K1, ECC_NIST_EDWARDS25519) keep a PKCS#8
 * private key as their material. Its private scalar is searched for like any key material (whole
 * and in windows), and the PKCS#8 document as a whole; its windows are not, since a PKCS#8 document
 * shares its algorithm identifiers and (for EC keys) the public point with the SPKI public key that
 * GetPublicKey rightly returns. Nothing Sign, Verify or GetPublicKey returns or throws may show them,
 * nor the message, nor (in a refusal of Verify) the signature that would have verified.
 */
import { createPrivateKey, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { inspect } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { KmsError } from '../../src/errors.js';
import { unsafeMaterialBytes, type KeyMaterial } from '../../src/keystore/key-material.js';
import type { KeyRecord } from '../../src/keystore/key-record.js';
import type { OperationName } from '../../src/kms.js';
import { CONTEXT, seededWorld, type World } from '../hostile/state.js';

const WINDOW = 12;

interface Secret {
  readonly label: string;
  readonly needles: readonly string[];
}

function needlesOf(bytes: Uint8Array, text?: string, windows = true): string[] {
  const forms = (b: Uint8Array): string[] => {
    const buf = Buffer.from(b);
    const list = Array.from(b).join(',');
    return [
      buf.toString('hex'),
      buf.toString('hex').toUpperCase(),
      buf.toString('base64').replace(/=+$/, ''),
      buf.toString('base64url'),
      buf.toString('latin1'),
      list,
      Array.from(b, (v, i) => `"${i}":${v}`).join(','),
    ];
  };
  const out = new Set(forms(bytes));
  for (let i = 0; windows && i + WINDOW <= bytes.length; i++) {
    const w = bytes.subarray(i, i + WINDOW);
    const buf = Buffer.from(w);
    out.add(buf.toString('hex'));
    out.add(buf.toString('hex').toUpperCase());
    out.add(Array.from(w).join(','));
    if (i % 3 === 0) out.add(buf.toString('base64').slice(0, 16));
  }
  if (text) out.add(text);
  return [...out].filter((n) => n.length >= 8);
}

const secretOf = (label: string, bytes: Uint8Array, text?: string): Secret => ({ label, needles: needlesOf(bytes, text) });

/** A signing key's private scalar (d), from the PKCS#8 document its material holds. */
const privateScalarOf = (pkcs8: Uint8Array): Uint8Array => {
  const jwk = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.d!, 'base64url'));
};

/** What to search for of one key material: all of it; for a signing key, its private scalar and its whole PKCS#8 document. */
const secretsOfMaterial = (record: KeyRecord, m: KeyMaterial): Secret[] => {
  const bytes = unsafeMaterialBytes(m);
  if (record.keyUsage !== 'SIGN_VERIFY') return [secretOf(`key material ${m.id.slice(0, 8)}`, bytes)];
  return [
    secretOf(`${record.keySpec} private scalar ${m.id.slice(0, 8)}`, privateScalarOf(bytes)),
    { label: `${record.keySpec} PKCS#8 ${m.id.slice(0, 8)}`, needles: needlesOf(bytes, undefined, false) },
  ];
};

/** Every way the value can be printed. */
function renderings(value: unknown): string[] {
  const out: string[] = [];
  const attempt = (f: () => unknown) => {
    try {
      const r = f();
      if (typeof r === 'string') out.push(r);
    } catch {
      // a value that cannot be printed this way leaks nothing this way
    }
  };
  attempt(() => JSON.stringify(value));
  attempt(() => inspect(value, { depth: Infinity, showHidden: true }));
  attempt(() => inspect(value, { depth: Infinity, showHidden: true, customInspect: false, getters: true }));
  attempt(() => String(value));
  if (value instanceof Error) {
    attempt(() => value.message);
    attempt(() => value.stack);
    attempt(() => JSON.stringify(value.cause));
    attempt(() => inspect(value.cause, { depth: Infinity, showHidden: true }));
  }
  return out;
}

/** Every Uint8Array reachable from `value`, to check the whole ArrayBuffer behind each. */
function byteArraysIn(value: unknown, seen = new Set<unknown>()): Uint8Array[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  if (value instanceof Uint8Array) return [value];
  return Object.values(value).flatMap((v) => byteArraysIn(v, seen));
}

/** The secrets `value` shows, with the rendering that shows them. Empty when it shows none. */
function leaks(value: unknown, secrets: readonly Secret[]): string[] {
  const found: string[] = [];
  const texts = renderings(value);
  for (const u of byteArraysIn(value)) texts.push(Buffer.from(new Uint8Array(u.buffer)).toString('hex'));
  for (const text of texts) {
    const squeezed = text.replace(/\s+/g, '');
    for (const secret of secrets) {
      const hit = secret.needles.find((n) => text.includes(n) || squeezed.includes(n));
      if (hit) found.push(`${secret.label} as ${JSON.stringify(hit.slice(0, 24))} in ${JSON.stringify(text.slice(0, 120))}`);
    }
  }
  return found;
}

type Outcome = { readonly label: string; readonly ok: boolean; readonly value: unknown };

describe('no key material in anything the API returns or throws', () => {
  let w: World;
  const outcomes: Outcome[] = [];
  const plaintextErrors: Outcome[] = [];
  let userPlaintext: Secret;
  let dataKeyPlaintexts: Secret[] = [];
  const nonPlaintextResponses: Outcome[] = [];
  /** Every outcome of GenerateMac and VerifyMac, and the refusals of VerifyMac alone. */
  const macOutcomes: Outcome[] = [];
  const verifyMacErrors: Outcome[] = [];
  let rightMacs: Secret[] = [];
  let hmacKeyIds: string[] = [];
  /** Every outcome of Sign, Verify and GetPublicKey, and the refusals of Verify alone. */
  const signOutcomes: Outcome[] = [];
  const verifyErrors: Outcome[] = [];
  let rightSignatures: Secret[] = [];
  let signingKeyIds: string[] = [];

  const call = async (label: string, op: OperationName, input: unknown, sink: Outcome[] = outcomes): Promise<Outcome> => {
    const outcome = await w.kms.dispatch(op, input).then(
      (value) => ({ label: `${label} (${op})`, ok: true, value }),
      (value: unknown) => ({ label: `${label} (${op})`, ok: false, value }),
    );
    outcomes.push(outcome);
    if (sink !== outcomes) sink.push(outcome);
    return outcome;
  };

  beforeAll(async () => {
    w = await seededWorld();
    const text = 'pocket-kms user plaintext 7f3a9c51';
    const pt = new TextEncoder().encode(text);
    userPlaintext = secretOf('user plaintext', pt, text);
    const k = w.enabled.id;

    // Every operation, on its success path.
    const created = await call('create', 'CreateKey', { Description: 'secrets', Tags: [{ TagKey: 'a', TagValue: 'b' }] });
    const newId = (created.value as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId;
    await call('describe', 'DescribeKey', { KeyId: 'alias/enabled' });
    await call('list keys', 'ListKeys', { Limit: 2 });
    await call('list aliases', 'ListAliases', {});
    await call('list tags', 'ListResourceTags', { KeyId: k });
    await call('tag', 'TagResource', { KeyId: newId, Tags: [{ TagKey: 'c', TagValue: 'd' }] });
    await call('untag', 'UntagResource', { KeyId: newId, TagKeys: ['a'] });
    await call('update description', 'UpdateKeyDescription', { KeyId: newId, Description: 'changed' });
    await call('create alias', 'CreateAlias', { AliasName: 'alias/secrets', TargetKeyId: newId });
    await call('update alias', 'UpdateAlias', { AliasName: 'alias/secrets', TargetKeyId: k });
    await call('delete alias', 'DeleteAlias', { AliasName: 'alias/secrets' });
    await call('disable', 'DisableKey', { KeyId: newId });
    await call('enable', 'EnableKey', { KeyId: newId });
    await call('schedule deletion', 'ScheduleKeyDeletion', { KeyId: newId, PendingWindowInDays: 7 });
    await call('cancel deletion', 'CancelKeyDeletion', { KeyId: newId });
    await call('enable again', 'EnableKey', { KeyId: newId });
    await call('random', 'GenerateRandom', { NumberOfBytes: 1024 });
    const encrypted = await call('encrypt', 'Encrypt', { KeyId: k, Plaintext: pt, EncryptionContext: { ...CONTEXT } }, nonPlaintextResponses);
    const blob = (encrypted.value as { CiphertextBlob: Uint8Array }).CiphertextBlob;
    await call('decrypt', 'Decrypt', { CiphertextBlob: blob, EncryptionContext: { ...CONTEXT } });
    await call('re-encrypt', 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: newId }, nonPlaintextResponses);
    const dataKey = await call('data key', 'GenerateDataKey', { KeyId: k, KeySpec: 'AES_256', EncryptionContext: { ...CONTEXT } });
    const { Plaintext: dk, CiphertextBlob: dkBlob } = dataKey.value as { Plaintext: Uint8Array; CiphertextBlob: Uint8Array };
    dataKeyPlaintexts.push(secretOf('GenerateDataKey plaintext', dk.slice()));
    const noPlain = await call('data key without plaintext', 'GenerateDataKeyWithoutPlaintext', { KeyId: k, NumberOfBytes: 64 }, nonPlaintextResponses);
    const hidden = await w.kms.decrypt({ CiphertextBlob: (noPlain.value as { CiphertextBlob: Uint8Array }).CiphertextBlob });
    dataKeyPlaintexts.push(secretOf('GenerateDataKeyWithoutPlaintext plaintext', hidden.Plaintext!));

    // HMAC keys: the seeded HMAC_256 key and a new HMAC_512 key (64 bytes of material); the
    // caller's plaintext is the message, so every check on plaintexts covers the message too.
    const hmac512 = await call('create HMAC key', 'CreateKey', { KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC', Description: 'secret hmac' });
    const h512 = (hmac512.value as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId;
    hmacKeyIds = [w.hmac.id, w.hmacDisabled.id, w.hmacPending.id, h512];
    const h = w.hmac.id;
    const macCall = async (label: string, op: 'GenerateMac' | 'VerifyMac', input: unknown) => {
      const o = await call(label, op, input, macOutcomes);
      if (op === 'VerifyMac' && !o.ok) verifyMacErrors.push(o);
      return o;
    };
    const generated = await macCall('mac', 'GenerateMac', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256' });
    const mac = (generated.value as { Mac: Uint8Array }).Mac.slice();
    const generated512 = await macCall('mac 512', 'GenerateMac', { KeyId: h512, Message: pt, MacAlgorithm: 'HMAC_SHA_512' });
    const mac512 = (generated512.value as { Mac: Uint8Array }).Mac.slice();
    rightMacs = [secretOf('the MAC that verifies (HMAC_256)', mac), secretOf('the MAC that verifies (HMAC_512)', mac512)];
    await macCall('verify mac', 'VerifyMac', { KeyId: 'alias/hmac', Message: pt, MacAlgorithm: 'HMAC_SHA_256', Mac: mac });
    await macCall('verify mac 512', 'VerifyMac', { KeyId: h512, Message: pt, MacAlgorithm: 'HMAC_SHA_512', Mac: mac512 });

    // Signing keys: the seeded ECC_NIST_P256 key and new P-384, secp256k1 and Ed25519 keys; the
    // caller's plaintext is the message, as for the HMAC keys.
    const newSigningKey = async (KeySpec: string) => {
      const o = await call(`create ${KeySpec} key`, 'CreateKey', { KeySpec, KeyUsage: 'SIGN_VERIFY', Description: 'secret signing' });
      return (o.value as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId;
    };
    const s384 = await newSigningKey('ECC_NIST_P384');
    const sK1 = await newSigningKey('ECC_SECG_P256K1');
    const sEd = await newSigningKey('ECC_NIST_EDWARDS25519');
    signingKeyIds = [w.signing.id, w.signingDisabled.id, w.signingPending.id, s384, sK1, sEd];
    const s = w.signing.id;
    const signCall = async (label: string, op: 'Sign' | 'Verify' | 'GetPublicKey', input: unknown) => {
      const o = await call(label, op, input, signOutcomes);
      if (op === 'Verify' && !o.ok) verifyErrors.push(o);
      return o;
    };
    const signatureOf = async (label: string, KeyId: string, SigningAlgorithm: string) => {
      const o = await signCall(label, 'Sign', { KeyId, Message: pt, SigningAlgorithm });
      return (o.value as { Signature: Uint8Array }).Signature.slice();
    };
    const signature = await signatureOf('sign', s, 'ECDSA_SHA_256');
    const signature384 = await signatureOf('sign P-384', s384, 'ECDSA_SHA_384');
    const signatureK1 = await signatureOf('sign secp256k1', sK1, 'ECDSA_SHA_256');
    const signatureEd = await signatureOf('sign Ed25519', sEd, 'ED25519_SHA_512');
    rightSignatures = [
      secretOf('the signature that verifies (P-256)', signature),
      secretOf('the signature that verifies (P-384)', signature384),
      secretOf('the signature that verifies (secp256k1)', signatureK1),
      secretOf('the signature that verifies (Ed25519)', signatureEd),
    ];
    await signCall('verify', 'Verify', { KeyId: 'alias/signing', Message: pt, Signature: signature, SigningAlgorithm: 'ECDSA_SHA_256' });
    await signCall('verify P-384', 'Verify', { KeyId: s384, Message: pt, Signature: signature384, SigningAlgorithm: 'ECDSA_SHA_384' });
    await signCall('verify secp256k1', 'Verify', { KeyId: sK1, Message: pt, Signature: signatureK1, SigningAlgorithm: 'ECDSA_SHA_256' });
    await signCall('verify Ed25519', 'Verify', { KeyId: sEd, Message: pt, Signature: signatureEd, SigningAlgorithm: 'ED25519_SHA_512' });
    for (const id of [s, s384, sK1, sEd]) await signCall(`public key of ${id.slice(0, 8)}`, 'GetPublicKey', { KeyId: id });

    // Error paths that hold a plaintext or a ciphertext of one.
    const errorsWith = async (label: string, op: OperationName, input: unknown) => {
      const o = await call(label, op, input, plaintextErrors);
      expect(o.ok, `${label} should fail`).toBe(false);
    };
    for (const [what, blobOf] of [
      ['user ciphertext', blob],
      ['data key ciphertext', dkBlob],
    ] as const) {
      const tampered = blobOf.slice();
      tampered[tampered.length - 1] ^= 1;
      await errorsWith(`${what}: wrong context`, 'Decrypt', { CiphertextBlob: blobOf, EncryptionContext: { purpose: 'other' } });
      await errorsWith(`${what}: no context`, 'Decrypt', { CiphertextBlob: blobOf });
      await errorsWith(`${what}: tampered`, 'Decrypt', { CiphertextBlob: tampered, EncryptionContext: { ...CONTEXT } });
      await errorsWith(`${what}: truncated`, 'Decrypt', { CiphertextBlob: blobOf.slice(0, -3), EncryptionContext: { ...CONTEXT } });
      await errorsWith(`${what}: incorrect key`, 'Decrypt', { CiphertextBlob: blobOf, EncryptionContext: { ...CONTEXT }, KeyId: w.other.id });
      await errorsWith(`${what}: DryRun`, 'Decrypt', { CiphertextBlob: blobOf, EncryptionContext: { ...CONTEXT }, DryRun: true });
      await errorsWith(`${what}: wrong algorithm`, 'Decrypt', { CiphertextBlob: blobOf, EncryptionContext: { ...CONTEXT }, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
      await errorsWith(`${what}: bad grant token`, 'Decrypt', { CiphertextBlob: blobOf, EncryptionContext: { ...CONTEXT }, GrantTokens: ['not a token'] });
      await errorsWith(`${what}: re-encrypt DryRun`, 'ReEncrypt', { CiphertextBlob: blobOf, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: w.other.id, DryRun: true });
      await errorsWith(`${what}: re-encrypt to a disabled key`, 'ReEncrypt', { CiphertextBlob: blobOf, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: w.disabled.id });
      await errorsWith(`${what}: re-encrypt wrong context`, 'ReEncrypt', { CiphertextBlob: blobOf, SourceEncryptionContext: {}, DestinationKeyId: w.other.id });
      await errorsWith(`${what}: re-encrypt bad destination algorithm`, 'ReEncrypt', { CiphertextBlob: blobOf, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: w.other.id, DestinationEncryptionAlgorithm: 'SM2PKE' });
    }
    for (const [what, input] of [
      ['disabled key', { KeyId: w.disabled.id, Plaintext: pt }],
      ['key pending deletion', { KeyId: w.pending.id, Plaintext: pt }],
      ['unknown key', { KeyId: '0b8a5f5c-1d2e-4f3a-9b8c-7d6e5f4a3b2c', Plaintext: pt }],
      ['malformed key id', { KeyId: 'fake-key-id', Plaintext: pt }],
      ['malformed ARN', { KeyId: 'arn:nope', Plaintext: pt }],
      ['DryRun', { KeyId: k, Plaintext: pt, DryRun: true }],
      ['wrong algorithm', { KeyId: k, Plaintext: pt, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }],
      ['context not a map', { KeyId: k, Plaintext: pt, EncryptionContext: 'ctx' }],
      ['context with a number', { KeyId: k, Plaintext: pt, EncryptionContext: { a: 1 } }],
      ['bad grant token', { KeyId: k, Plaintext: pt, GrantTokens: ['not a token'] }],
      ['oversized plaintext', { KeyId: k, Plaintext: new Uint8Array(4097).map((_, i) => pt[i % pt.length]!) }],
      ['oversized plaintext and empty key id', { KeyId: '', Plaintext: new Uint8Array(4097).map((_, i) => pt[i % pt.length]!) }],
      ['plaintext as a string', { KeyId: k, Plaintext: 'pocket-kms user plaintext 7f3a9c51' }],
      ['plaintext as a list', { KeyId: k, Plaintext: Array.from(pt) }],
      ['no key id', { Plaintext: pt }],
    ] as const) {
      await errorsWith(`encrypt: ${what}`, 'Encrypt', input);
    }
    for (const [what, input] of [
      ['DryRun', { KeyId: k, KeySpec: 'AES_256', DryRun: true }],
      ['disabled key', { KeyId: w.disabled.id, KeySpec: 'AES_256' }],
      ['both sizes', { KeyId: k, KeySpec: 'AES_256', NumberOfBytes: 32 }],
      ['Recipient', { KeyId: k, KeySpec: 'AES_256', Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: new Uint8Array(8) } }],
    ] as const) {
      await errorsWith(`data key: ${what}`, 'GenerateDataKey', input);
      // GenerateDataKeyWithoutPlaintext has no Recipient member: it is ignored there.
      if (what !== 'Recipient') await errorsWith(`data key without plaintext: ${what}`, 'GenerateDataKeyWithoutPlaintext', input);
    }

    // HMAC refusals: each one holds the caller's plaintext as the message.
    const macErrorsWith = async (label: string, op: 'GenerateMac' | 'VerifyMac', input: unknown) => {
      await errorsWith(label, op, input);
      const o = outcomes.at(-1)!;
      macOutcomes.push(o);
      if (op === 'VerifyMac') verifyMacErrors.push(o);
    };
    const flipped = (b: Uint8Array, at = 0) => {
      const copy = b.slice();
      copy[at] ^= 1;
      return copy;
    };
    const oversized = new Uint8Array(4097).map((_, i) => pt[i % pt.length]!);
    for (const [what, input] of [
      ['DryRun', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256', DryRun: true }],
      ['disabled key', { KeyId: w.hmacDisabled.id, Message: pt, MacAlgorithm: 'HMAC_SHA_256' }],
      ['key pending deletion', { KeyId: w.hmacPending.arn, Message: pt, MacAlgorithm: 'HMAC_SHA_256' }],
      ['wrong algorithm', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_512' }],
      ['unknown algorithm', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_1' }],
      ['symmetric key', { KeyId: k, Message: pt, MacAlgorithm: 'HMAC_SHA_256' }],
      ['unknown key', { KeyId: '0b8a5f5c-1d2e-4f3a-9b8c-7d6e5f4a3b2c', Message: pt, MacAlgorithm: 'HMAC_SHA_256' }],
      ['bad grant token', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256', GrantTokens: ['not a token'] }],
      ['oversized message', { KeyId: h, Message: oversized, MacAlgorithm: 'HMAC_SHA_256' }],
      ['oversized message and empty key id', { KeyId: '', Message: oversized, MacAlgorithm: 'HMAC_SHA_256' }],
      ['message as a string', { KeyId: h, Message: 'pocket-kms user plaintext 7f3a9c51', MacAlgorithm: 'HMAC_SHA_256' }],
      ['message as a list', { KeyId: h, Message: Array.from(pt), MacAlgorithm: 'HMAC_SHA_256' }],
      ['no key id', { Message: pt, MacAlgorithm: 'HMAC_SHA_256' }],
    ] as const) {
      await macErrorsWith(`generate mac: ${what}`, 'GenerateMac', input);
      await macErrorsWith(`verify mac: ${what}`, 'VerifyMac', { ...input, Mac: mac });
    }
    for (const [what, input] of [
      ['MAC with a byte flipped', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256', Mac: flipped(mac) }],
      ['MAC with its last byte flipped', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256', Mac: flipped(mac, 31) }],
      ['MAC truncated', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256', Mac: mac.slice(0, 20) }],
      ['MAC of the other key', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256', Mac: mac512.slice(0, 32) }],
      ['message changed', { KeyId: h, Message: flipped(pt), MacAlgorithm: 'HMAC_SHA_256', Mac: mac }],
      ['oversized MAC', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256', Mac: new Uint8Array(6145) }],
      ['empty MAC', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256', Mac: new Uint8Array(0) }],
      ['no MAC', { KeyId: h, Message: pt, MacAlgorithm: 'HMAC_SHA_256' }],
      ['HMAC_512 key, wrong MAC', { KeyId: h512, Message: pt, MacAlgorithm: 'HMAC_SHA_512', Mac: flipped(mac512, 40) }],
    ] as const) {
      await macErrorsWith(`verify mac: ${what}`, 'VerifyMac', input);
    }
    // Signing refusals: each one holds the caller's plaintext as the message.
    const signErrorsWith = async (label: string, op: 'Sign' | 'Verify' | 'GetPublicKey', input: unknown) => {
      await errorsWith(label, op, input);
      const o = outcomes.at(-1)!;
      signOutcomes.push(o);
      if (op === 'Verify') verifyErrors.push(o);
    };
    for (const [what, input] of [
      ['DryRun', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true }],
      ['disabled key', { KeyId: w.signingDisabled.id, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['key pending deletion', { KeyId: w.signingPending.arn, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['wrong algorithm', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_384' }],
      ['unknown algorithm', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_1' }],
      ['Ed25519 algorithm on a P-256 key', { KeyId: s, Message: pt, SigningAlgorithm: 'ED25519_SHA_512' }],
      ['ECDSA algorithm on an Ed25519 key', { KeyId: sEd, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['symmetric key', { KeyId: k, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['HMAC key', { KeyId: h, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['unknown key', { KeyId: '0b8a5f5c-1d2e-4f3a-9b8c-7d6e5f4a3b2c', Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['bad grant token', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', GrantTokens: ['not a token'] }],
      ['DIGEST of the wrong length', { KeyId: s, Message: pt, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['DIGEST on an Ed25519 key', { KeyId: sEd, Message: pt.slice(0, 32), MessageType: 'DIGEST', SigningAlgorithm: 'ED25519_SHA_512' }],
      ['EXTERNAL_MU', { KeyId: s, Message: pt, MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['oversized message', { KeyId: s, Message: oversized, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['oversized message and empty key id', { KeyId: '', Message: oversized, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['message as a string', { KeyId: s, Message: 'pocket-kms user plaintext 7f3a9c51', SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['message as a list', { KeyId: s, Message: Array.from(pt), SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['no key id', { Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
    ] as const) {
      await signErrorsWith(`sign: ${what}`, 'Sign', input);
      await signErrorsWith(`verify: ${what}`, 'Verify', { ...input, Signature: signature });
    }
    for (const [what, input] of [
      ['signature with a byte flipped', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', Signature: flipped(signature, 10) }],
      ['signature with its last byte flipped', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', Signature: flipped(signature, signature.length - 1) }],
      ['signature truncated', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', Signature: signature.slice(0, -2) }],
      ['signature not DER', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', Signature: flipped(signature, 0) }],
      ['signature of the secp256k1 key', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', Signature: signatureK1 }],
      ['message changed', { KeyId: s, Message: flipped(pt), SigningAlgorithm: 'ECDSA_SHA_256', Signature: signature }],
      ['oversized signature', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', Signature: new Uint8Array(6145) }],
      ['empty signature', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256', Signature: new Uint8Array(0) }],
      ['no signature', { KeyId: s, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['P-384 key, wrong signature', { KeyId: s384, Message: pt, SigningAlgorithm: 'ECDSA_SHA_384', Signature: flipped(signature384, 20) }],
      ['Ed25519 key, wrong signature', { KeyId: sEd, Message: pt, SigningAlgorithm: 'ED25519_SHA_512', Signature: flipped(signatureEd, 40) }],
      ['Ed25519 key, message changed', { KeyId: sEd, Message: flipped(pt, 3), SigningAlgorithm: 'ED25519_SHA_512', Signature: signatureEd }],
    ] as const) {
      await signErrorsWith(`verify: ${what}`, 'Verify', input);
    }
    for (const [what, input] of [
      ['symmetric key', { KeyId: k }],
      ['HMAC key', { KeyId: 'alias/hmac' }],
      ['disabled key', { KeyId: 'alias/signing-disabled' }],
      ['key pending deletion', { KeyId: w.signingPending.id }],
      ['bad grant token', { KeyId: s, GrantTokens: ['not a token'] }],
    ] as const) {
      await signErrorsWith(`public key: ${what}`, 'GetPublicKey', input);
    }
    // A signing key where an encryption or HMAC key belongs.
    await errorsWith('encrypt: signing key', 'Encrypt', { KeyId: s, Plaintext: pt });
    await errorsWith('data key: signing key', 'GenerateDataKey', { KeyId: 'alias/signing', KeySpec: 'AES_256' });
    await errorsWith('re-encrypt: to a signing key', 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: sEd });
    await macErrorsWith('generate mac: signing key', 'GenerateMac', { KeyId: s, Message: pt, MacAlgorithm: 'HMAC_SHA_256' });

    // An HMAC key where an encryption key belongs.
    await errorsWith('encrypt: HMAC key', 'Encrypt', { KeyId: h, Plaintext: pt });
    await errorsWith('data key: HMAC key', 'GenerateDataKey', { KeyId: 'alias/hmac', KeySpec: 'AES_256' });
    await errorsWith('re-encrypt: to an HMAC key', 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: h512 });


    // The rest of the refusals, once each.
    await call('not found', 'DescribeKey', { KeyId: 'alias/nope' });
    await call('serialization', 'DescribeKey', null);
    await call('validation', 'GenerateRandom', { NumberOfBytes: 0 });
    await call('no NumberOfBytes', 'GenerateRandom', {});
    await call('invalid marker', 'ListKeys', { Marker: 'x' });
    await call('tag exception', 'TagResource', { KeyId: k, Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] });
    await call('already exists', 'CreateAlias', { AliasName: 'alias/enabled', TargetKeyId: k });
    await call('not pending deletion', 'CancelKeyDeletion', { KeyId: k });
    await call('unsupported', 'CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    await call('malformed policy', 'CreateKey', { Policy: 'x' });
    // What dispatch gives back for a name that is not an operation, whatever that is.
    try {
      const r: unknown = w.kms.dispatch('constructor' as OperationName, {});
      outcomes.push({ label: 'dispatch("constructor")', ok: true, value: r instanceof Promise ? await r.catch((e: unknown) => e) : r });
    } catch (error) {
      outcomes.push({ label: 'dispatch("constructor") threw', ok: false, value: error });
    }
  });

  const materials = (): KeyMaterial[] => [...w.store.keys()].flatMap((k) => [...k.materials]);
  const keySecrets = (): Secret[] => [...w.store.keys()].flatMap((r) => r.materials.flatMap((m) => secretsOfMaterial(r, m)));

  it('the detector finds material wherever it is printed (self-check)', () => {
    const [secret] = keySecrets();
    const bytes = unsafeMaterialBytes(materials()[0]!);
    const planted: unknown[] = [
      { leaked: Array.from(bytes) },
      { leaked: bytes.slice() },
      Buffer.from(bytes),
      new Error(`key ${Buffer.from(bytes).toString('base64')}`),
      new Error('wrapped', { cause: { bytes: bytes.slice(3, 20) } }),
      { view: new Uint8Array(Uint8Array.from([...new Uint8Array(7), ...bytes]).buffer, 0, 4) },
      { hex: Buffer.from(bytes.subarray(5, 19)).toString('hex').toUpperCase() },
      new Error(Buffer.from(bytes).toString('latin1')),
      { base64url: Buffer.from(bytes).toString('base64url') },
    ];
    for (const value of planted) expect(leaks(value, [secret!]), inspect(value)).not.toEqual([]);
  });

  it('ran every operation, and both outcomes', () => {
    const ops = new Set(outcomes.flatMap((o) => /\((\w+)\)$/.exec(o.label)?.[1] ?? []));
    expect(ops.size).toBe(26);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(20);
    expect(outcomes.filter((o) => !o.ok).length).toBeGreaterThan(50);
    for (const o of outcomes.filter((x) => !x.ok && !x.label.startsWith('dispatch('))) expect(o.value, o.label).toBeInstanceOf(KmsError);
  });

  it('no response and no error shows key material', () => {
    const secrets = keySecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    const found = outcomes.flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
  });

  it('the Kms, the store, key records, aliases and KeyMaterial objects show no key material', () => {
    const secrets = keySecrets();
    const records: KeyRecord[] = [...w.store.keys()];
    const subjects: [string, unknown][] = [
      ['kms', w.kms],
      ['store', w.store],
      ['records', records],
      ['aliases', [...w.store.aliases()]],
      ['materials', materials()],
      ...records.map((r): [string, unknown] => [`record ${r.keyId}`, r]),
      ...materials().map((m): [string, unknown] => [`material ${m.id}`, m]),
    ];
    const found = subjects.flatMap(([label, value]) => leaks(value, secrets).map((l) => `${label}: ${l}`));
    expect(found).toEqual([]);
    // And the material's own renderings say what they are and nothing more.
    for (const m of materials()) {
      expect(JSON.stringify(m)).toBe(JSON.stringify({ id: m.id, createdAt: m.createdAt.toISOString() }));
      expect(String(m)).toBe(`KeyMaterial(${m.id})`);
      expect(Object.keys(m).sort()).toEqual(['createdAt', 'id']);
      expect(Object.getOwnPropertySymbols(m)).toEqual([]);
    }
  });

  it('no error shows a plaintext: neither the caller\'s nor a data key', () => {
    expect(plaintextErrors.length).toBeGreaterThan(40);
    const secrets = [userPlaintext, ...dataKeyPlaintexts];
    const found = plaintextErrors.flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
    for (const o of plaintextErrors) expect((o.value as Error).message, o.label).not.toContain('pocket-kms user plaintext');
  });

  it('responses that do not return a plaintext do not show one', () => {
    const secrets = [userPlaintext, ...dataKeyPlaintexts];
    const found = nonPlaintextResponses.flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
  });

  it('HMAC key material is among the secrets searched for, at its full length', () => {
    const records = [...w.store.keys()].filter((r) => hmacKeyIds.includes(r.keyId));
    expect(records.map((r) => r.keySpec).sort()).toEqual(['HMAC_256', 'HMAC_256', 'HMAC_256', 'HMAC_512']);
    for (const r of records) {
      for (const m of r.materials) expect(unsafeMaterialBytes(m).length, r.keySpec).toBe(r.keySpec === 'HMAC_512' ? 64 : 32);
    }
  });

  it('nothing GenerateMac or VerifyMac returns or throws shows HMAC key material or the message', () => {
    expect(macOutcomes.filter((o) => o.ok).length).toBe(4);
    expect(macOutcomes.filter((o) => !o.ok).length).toBeGreaterThanOrEqual(35);
    const found = macOutcomes.flatMap((o) => leaks(o.value, [...keySecrets(), userPlaintext]).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
    for (const o of macOutcomes.filter((x) => !x.ok)) expect(o.value, o.label).toBeInstanceOf(KmsError);
  });

  it('no refusal of VerifyMac shows the MAC that would have verified', () => {
    expect(verifyMacErrors.length).toBeGreaterThanOrEqual(20);
    const found = verifyMacErrors.flatMap((o) => leaks(o.value, rightMacs).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
    for (const o of verifyMacErrors.filter((x) => (x.value as Error).name === 'KMSInvalidMacException')) {
      expect((o.value as Error).message, o.label).toBe('');
    }
  });

  it('signing private key material (PKCS#8) is among the secrets searched for, and matches the public key GetPublicKey returns', () => {
    const records = [...w.store.keys()].filter((r) => signingKeyIds.includes(r.keyId));
    expect(records.map((r) => r.keySpec).sort()).toEqual(['ECC_NIST_EDWARDS25519', 'ECC_NIST_P256', 'ECC_NIST_P256', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_SECG_P256K1']);
    const secrets = keySecrets();
    const publicKeys = new Map(
      signOutcomes
        .filter((o) => o.ok && o.label.endsWith('(GetPublicKey)'))
        .map((o) => {
          const v = o.value as { KeyId: string; PublicKey: Uint8Array };
          return [v.KeyId.split('/').pop()!, v.PublicKey] as const;
        }),
    );
    expect(publicKeys.size).toBe(4);
    for (const r of records) {
      const pkcs8 = unsafeMaterialBytes(r.materials[0]!);
      const scalar = privateScalarOf(pkcs8);
      expect(scalar.length, r.keySpec).toBe(r.keySpec === 'ECC_NIST_P384' ? 48 : 32);
      // The detector finds the PKCS#8 document, and its private scalar, wherever they are printed...
      expect(leaks(new Error(Buffer.from(pkcs8).toString('base64')), secrets), r.keySpec).not.toEqual([]);
      expect(leaks({ d: Buffer.from(scalar.subarray(4, 20)).toString('hex') }, secrets), r.keySpec).not.toEqual([]);
      // ...and the public key it holds is the one GetPublicKey returns, which shows none of it.
      const spki = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
      const returned = publicKeys.get(r.keyId);
      if (returned) {
        expect(Buffer.from(returned).equals(spki), r.keySpec).toBe(true);
        expect(leaks({ PublicKey: returned }, secrets), r.keySpec).toEqual([]);
      }
    }
  });

  it('nothing Sign, Verify or GetPublicKey returns or throws shows signing key material or the message', () => {
    expect(signOutcomes.filter((o) => o.ok).length).toBe(12);
    expect(signOutcomes.filter((o) => !o.ok).length).toBeGreaterThanOrEqual(50);
    const found = signOutcomes.flatMap((o) => leaks(o.value, [...keySecrets(), userPlaintext]).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
    for (const o of signOutcomes.filter((x) => !x.ok)) expect(o.value, o.label).toBeInstanceOf(KmsError);
    // Every signature made verifies outside KMS against the public key: it is a signature, not material.
    const publicKeyOf = new Map(
      signOutcomes.filter((o) => o.ok && o.label.endsWith('(GetPublicKey)')).map((o) => {
        const v = o.value as { KeyId: string; PublicKey: Uint8Array };
        return [v.KeyId, createPublicKey({ key: Buffer.from(v.PublicKey), format: 'der', type: 'spki' })] as const;
      }),
    );
    for (const o of signOutcomes.filter((x) => x.ok && x.label.endsWith('(Sign)'))) {
      const v = o.value as { KeyId: string; Signature: Uint8Array; SigningAlgorithm: string };
      const hash = { ECDSA_SHA_256: 'sha256', ECDSA_SHA_384: 'sha384', ED25519_SHA_512: null }[v.SigningAlgorithm as 'ECDSA_SHA_256'];
      const message = new TextEncoder().encode('pocket-kms user plaintext 7f3a9c51');
      expect(cryptoVerify(hash, message, publicKeyOf.get(v.KeyId)!, v.Signature), o.label).toBe(true);
    }
  });

  it('no refusal of Verify shows the signature that would have verified', () => {
    expect(verifyErrors.length).toBeGreaterThanOrEqual(25);
    const found = verifyErrors.flatMap((o) => leaks(o.value, rightSignatures).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
    const invalid = verifyErrors.filter((x) => (x.value as Error).name === 'KMSInvalidSignatureException');
    expect(invalid.length).toBeGreaterThanOrEqual(8);
    for (const o of invalid) expect((o.value as Error).message, o.label).toBe('');
  });

  it('no error of any kind shows a data key or the caller\'s plaintext', () => {
    const secrets = [userPlaintext, ...dataKeyPlaintexts];
    const found = outcomes.filter((o) => !o.ok).flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
  });
});
