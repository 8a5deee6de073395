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
 *
 * Every other key pair is searched for the same way: RSA keys (encryption and signing) by their
 * private components (d, p, q, dp, dq, qi), ECC_NIST_P256 KEY_AGREEMENT keys by their scalar, ML-DSA
 * keys by their seed (the RFC 9881 seed-form PKCS#8) and by the secret parts of the expanded
 * FIPS 204 key it gives (K, s1, s2, t0), each with the whole PKCS#8 document. The private keys GenerateDataKeyPair returns may show
 * in that response and in the Decrypt of its PrivateKeyCiphertextBlob only; the shared secrets
 * DeriveSharedSecret returns, in that response only. (pocket-kms writes no audit log: what it
 * returns, throws and stores is all there is to search.)
 */
import { constants, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
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

const ML_DSA = { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 } as const;
/** RFC 9881 seed form: a 22-byte header, then the 32-byte seed ξ. */
const mlDsaSeedOf = (pkcs8: Uint8Array): Uint8Array => {
  expect(pkcs8.length, 'ML-DSA PKCS#8 in seed form').toBe(54);
  return pkcs8.slice(22);
};

/**
 * The secret parts of a PKCS#8 private key of `keySpec`: an EC or EdDSA scalar; RSA's d, p, q, dp,
 * dq and qi; an ML-DSA seed and the expanded secret key it gives. Node 20 cannot read ML-DSA keys.
 */
function privatePartsOf(keySpec: string, pkcs8: Uint8Array): [string, Uint8Array][] {
  if (keySpec in ML_DSA) {
    const seed = mlDsaSeedOf(pkcs8);
    // FIPS 204 sk = ρ ‖ K ‖ tr ‖ s1 ‖ s2 ‖ t0: ρ (32 bytes) and tr = H(pk) (64 bytes) are public.
    const sk = ML_DSA[keySpec as keyof typeof ML_DSA].keygen(seed).secretKey;
    return [['seed', seed], ['K', sk.slice(32, 64)], ['s1 s2 t0', sk.slice(128)]];
  }
  const jwk = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  const parts = (['d', 'p', 'q', 'dp', 'dq', 'qi'] as const).filter((k) => jwk[k] !== undefined);
  return parts.map((k) => [k, new Uint8Array(Buffer.from(jwk[k]!, 'base64url'))]);
}

/** A private key as secrets: its secret parts (whole and in windows) and its whole PKCS#8 document (not in windows: it shares runs with the public key). */
const secretsOfPrivateKey = (label: string, keySpec: string, pkcs8: Uint8Array): Secret[] => [
  ...privatePartsOf(keySpec, pkcs8).map(([part, bytes]) => secretOf(`${label} ${part}`, bytes)),
  { label: `${label} PKCS#8`, needles: needlesOf(pkcs8, undefined, false) },
];

/** What to search for of one key material: all of it; for a key pair, its private parts and its whole PKCS#8 document. */
const secretsOfMaterial = (record: KeyRecord, m: KeyMaterial): Secret[] => {
  const bytes = unsafeMaterialBytes(m);
  if (record.publicKey === undefined) return [secretOf(`key material ${m.id.slice(0, 8)}`, bytes)];
  return secretsOfPrivateKey(`${record.keySpec} ${record.keyUsage} ${m.id.slice(0, 8)}`, record.keySpec, bytes);
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
/** Every needle (all at least 8 characters long) by its first 8 characters, with its secret. */
type NeedleIndex = ReadonlyMap<string, readonly { readonly needle: string; readonly secret: number }[]>;
const PREFIX = 8;
const indexes = new WeakMap<readonly Secret[], NeedleIndex>();

/**
 * Key pairs make tens of thousands of needles; searching each text for each one would take minutes.
 * The index finds the same hits in one pass over each text.
 */
function needleIndex(secrets: readonly Secret[]): NeedleIndex {
  let index = indexes.get(secrets);
  if (index) return index;
  const map = new Map<string, { needle: string; secret: number }[]>();
  secrets.forEach((secret, i) => {
    for (const needle of secret.needles) {
      const key = needle.slice(0, PREFIX);
      const list = map.get(key) ?? [];
      list.push({ needle, secret: i });
      map.set(key, list);
    }
  });
  indexes.set(secrets, map);
  index = map;
  return index;
}

/** For each secret found in `text`, the first needle of it found. */
function hitsIn(text: string, index: NeedleIndex, hits: Map<number, string>): void {
  for (let i = 0; i + PREFIX <= text.length; i++) {
    const candidates = index.get(text.slice(i, i + PREFIX));
    if (!candidates) continue;
    for (const { needle, secret } of candidates) {
      if (!hits.has(secret) && text.startsWith(needle, i)) hits.set(secret, needle);
    }
  }
}

/** The secrets `value` shows, with the rendering that shows them. Empty when it shows none. */
function leaks(value: unknown, secrets: readonly Secret[]): string[] {
  const found: string[] = [];
  const index = needleIndex(secrets);
  const texts = renderings(value);
  for (const u of byteArraysIn(value)) texts.push(Buffer.from(new Uint8Array(u.buffer)).toString('hex'));
  for (const text of texts) {
    const hits = new Map<number, string>();
    hitsIn(text, index, hits);
    hitsIn(text.replace(/\s+/g, ''), index, hits);
    for (const [i, hit] of [...hits].sort((a, b) => a[0] - b[0])) {
      found.push(`${secrets[i]!.label} as ${JSON.stringify(hit.slice(0, 24))} in ${JSON.stringify(text.slice(0, 120))}`);
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
  /** Every outcome of the RSA, ML-DSA and key agreement operations (Encrypt/Decrypt/ReEncrypt under RSA, Sign, Verify, GetPublicKey, DeriveSharedSecret). */
  const asymmetricOutcomes: Outcome[] = [];
  let asymmetricKeyIds: string[] = [];
  /** The private keys GenerateDataKeyPair(WithoutPlaintext) made, and the outcomes allowed to show each (by label). */
  const pairSecrets: { readonly pkcs8: Uint8Array; readonly secrets: Secret[]; readonly shownBy: readonly string[] }[] = [];
  const pairOutcomes: Outcome[] = [];
  /** The shared secrets DeriveSharedSecret returned, and the outcome that returned each. */
  const sharedSecrets: { readonly secret: Secret; readonly shownBy: string; readonly value: Uint8Array; readonly expected: Uint8Array }[] = [];

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
    /** An error path that holds a plaintext or a ciphertext of one. */
    const errorsWith = async (label: string, op: OperationName, input: unknown) => {
      const o = await call(label, op, input, plaintextErrors);
      expect(o.ok, `${label} should fail`).toBe(false);
    };
    const flipped = (b: Uint8Array, at = 0) => {
      const copy = b.slice();
      copy[at] ^= 1;
      return copy;
    };

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

    // RSA, ML-DSA and key agreement keys: the seeded ones and a new RSA_3072 signing, ML_DSA_65 and
    // ECC_NIST_P384 KEY_AGREEMENT key; the caller's plaintext is the plaintext and the message.
    const asym = (label: string, op: OperationName, input: unknown) => call(label, op, input, asymmetricOutcomes);
    const newAsymmetricKey = async (KeySpec: string, KeyUsage: string) => {
      const o = await asym(`create ${KeySpec} ${KeyUsage} key`, 'CreateKey', { KeySpec, KeyUsage, Description: 'secret asymmetric' });
      return (o.value as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId;
    };
    const rsa3072Signing = await newAsymmetricKey('RSA_3072', 'SIGN_VERIFY');
    const mlDsa65 = await newAsymmetricKey('ML_DSA_65', 'SIGN_VERIFY');
    const p384Agreement = await newAsymmetricKey('ECC_NIST_P384', 'KEY_AGREEMENT');
    asymmetricKeyIds = [w.rsa.id, w.rsa3072.id, w.rsa4096.id, w.rsaDisabled.id, w.rsaSigning.id, w.agreement.id, w.agreementDisabled.id, w.mlDsa.id, rsa3072Signing, mlDsa65, p384Agreement];
    const disabledAsymmetric = [w.rsaDisabled.id, w.agreementDisabled.id];
    for (const id of asymmetricKeyIds.filter((x) => !disabledAsymmetric.includes(x))) await asym(`public key of ${id.slice(0, 8)}`, 'GetPublicKey', { KeyId: id });
    // RSA encryption: OAEP ciphertexts of the caller's plaintext, and back.
    const rsaCiphertexts: Uint8Array[] = [];
    for (const [KeyId, EncryptionAlgorithm] of [
      [w.rsa.id, 'RSAES_OAEP_SHA_1'],
      [w.rsa.id, 'RSAES_OAEP_SHA_256'],
      [w.rsa3072.arn, 'RSAES_OAEP_SHA_256'],
      [w.rsa4096.id, 'RSAES_OAEP_SHA_1'],
    ] as const) {
      const o = await asym(`RSA encrypt ${EncryptionAlgorithm}`, 'Encrypt', { KeyId, Plaintext: pt, EncryptionAlgorithm });
      nonPlaintextResponses.push(o);
      const CiphertextBlob = (o.value as { CiphertextBlob: Uint8Array }).CiphertextBlob;
      rsaCiphertexts.push(CiphertextBlob);
      await asym(`RSA decrypt ${EncryptionAlgorithm}`, 'Decrypt', { KeyId, CiphertextBlob, EncryptionAlgorithm });
    }
    nonPlaintextResponses.push(await asym('re-encrypt RSA to symmetric', 'ReEncrypt', { CiphertextBlob: rsaCiphertexts[1], SourceKeyId: w.rsa.id, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', DestinationKeyId: k }));
    nonPlaintextResponses.push(await asym('re-encrypt symmetric to RSA', 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: 'alias/rsa', DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }));
    // RSA and ML-DSA signatures of the caller's plaintext.
    const signedBy: [string, string, Uint8Array][] = [];
    for (const [KeyId, SigningAlgorithm] of [
      [w.rsaSigning.id, 'RSASSA_PSS_SHA_256'],
      [w.rsaSigning.arn, 'RSASSA_PKCS1_V1_5_SHA_384'],
      [rsa3072Signing, 'RSASSA_PSS_SHA_512'],
      [w.mlDsa.id, 'ML_DSA_SHAKE_256'],
      [mlDsa65, 'ML_DSA_SHAKE_256'],
    ] as const) {
      const o = await asym(`sign ${SigningAlgorithm}`, 'Sign', { KeyId, Message: pt, SigningAlgorithm });
      const Signature = (o.value as { Signature: Uint8Array }).Signature.slice();
      signedBy.push([KeyId, SigningAlgorithm, Signature]);
      rightSignatures.push(secretOf(`the signature that verifies (${SigningAlgorithm})`, Signature));
      await asym(`verify ${SigningAlgorithm}`, 'Verify', { KeyId, Message: pt, Signature, SigningAlgorithm });
    }
    const mu = new Uint8Array(64).map((_, i) => pt[i % pt.length]!);
    await asym('sign ML-DSA external mu', 'Sign', { KeyId: w.mlDsa.id, Message: mu, MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' });
    // ECDH with peers made outside KMS.
    const peerOf = (namedCurve: string) => {
      const pair = generateKeyPairSync('ec', { namedCurve });
      return { privateKey: pair.privateKey, spki: new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })) };
    };
    const peers: [string, { privateKey: KeyObject; spki: Uint8Array }][] = [
      [w.agreement.id, peerOf('P-256')],
      ['alias/agreement', peerOf('P-256')],
      [p384Agreement, peerOf('P-384')],
    ];
    for (const [KeyId, peer] of peers) {
      const label = `derive ${KeyId.slice(0, 8)}`;
      const o = await asym(label, 'DeriveSharedSecret', { KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer.spki });
      const value = (o.value as { SharedSecret: Uint8Array }).SharedSecret.slice();
      // What it should be: ECDH of the peer's private key and the KMS key's public key, outside KMS.
      const kmsPublicKey = createPublicKey({ key: Buffer.from((await w.kms.getPublicKey({ KeyId })).PublicKey!), format: 'der', type: 'spki' });
      const expected = new Uint8Array(diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPublicKey }));
      sharedSecrets.push({ secret: secretOf(`shared secret of ${label}`, value), shownBy: o.label, value, expected });
    }
    // The refusals, each with the caller's plaintext (or a value derived from it) in the request.
    const asymErrorsWith = async (label: string, op: OperationName, input: unknown) => {
      await errorsWith(label, op, input);
      asymmetricOutcomes.push(outcomes.at(-1)!);
    };
    const oversizedForOaep = new Uint8Array(191).map((_, i) => pt[i % pt.length]!);
    const rsaBlob = rsaCiphertexts[1]!;
    const rsaTampered = rsaBlob.slice();
    rsaTampered[100] ^= 1;
    for (const [what, op, input] of [
      ['public key: disabled RSA key', 'GetPublicKey', { KeyId: w.rsaDisabled.id }],
      ['public key: disabled key agreement key', 'GetPublicKey', { KeyId: w.agreementDisabled.arn }],
      ['RSA encrypt: EncryptionContext', 'Encrypt', { KeyId: w.rsa.id, Plaintext: pt, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', EncryptionContext: { ...CONTEXT } }],
      ['RSA encrypt: no algorithm', 'Encrypt', { KeyId: w.rsa.id, Plaintext: pt }],
      ['RSA encrypt: one byte over the OAEP limit', 'Encrypt', { KeyId: w.rsa.id, Plaintext: oversizedForOaep, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }],
      ['RSA encrypt: DryRun', 'Encrypt', { KeyId: w.rsa.id, Plaintext: pt, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', DryRun: true }],
      ['RSA encrypt: disabled key', 'Encrypt', { KeyId: w.rsaDisabled.id, Plaintext: pt, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }],
      ['RSA encrypt: signing key', 'Encrypt', { KeyId: w.rsaSigning.id, Plaintext: pt, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }],
      ['RSA decrypt: wrong algorithm', 'Decrypt', { KeyId: w.rsa.id, CiphertextBlob: rsaBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }],
      ['RSA decrypt: no KeyId', 'Decrypt', { CiphertextBlob: rsaBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }],
      ['RSA decrypt: no algorithm', 'Decrypt', { KeyId: w.rsa.id, CiphertextBlob: rsaBlob }],
      ['RSA decrypt: EncryptionContext', 'Decrypt', { KeyId: w.rsa.id, CiphertextBlob: rsaBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', EncryptionContext: { ...CONTEXT } }],
      ['RSA decrypt: tampered', 'Decrypt', { KeyId: w.rsa.id, CiphertextBlob: rsaTampered, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }],
      ['RSA decrypt: another RSA key', 'Decrypt', { KeyId: w.rsa4096.id, CiphertextBlob: rsaBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }],
      ['RSA decrypt: DryRun', 'Decrypt', { KeyId: w.rsa.id, CiphertextBlob: rsaBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', DryRun: true }],
      ['RSA re-encrypt: DryRun', 'ReEncrypt', { CiphertextBlob: rsaBlob, SourceKeyId: w.rsa.id, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', DestinationKeyId: k, DryRun: true }],
      ['RSA re-encrypt: to a disabled key', 'ReEncrypt', { CiphertextBlob: rsaBlob, SourceKeyId: w.rsa.id, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', DestinationKeyId: w.disabled.id }],
      ['RSA re-encrypt: to RSA with a context', 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: w.rsa.id, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1', DestinationEncryptionContext: { a: 'b' } }],
      ['RSA re-encrypt: to RSA, over the OAEP limit', 'ReEncrypt', {
        CiphertextBlob: (await w.kms.encrypt({ KeyId: k, Plaintext: oversizedForOaep })).CiphertextBlob,
        DestinationKeyId: w.rsa.id,
        DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }],
      ['RSA sign: wrong algorithm', 'Sign', { KeyId: w.rsaSigning.id, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['RSA sign: DIGEST of the wrong length', 'Sign', { KeyId: w.rsaSigning.id, Message: pt, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' }],
      ['RSA sign: encryption key', 'Sign', { KeyId: w.rsa.id, Message: pt, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }],
      ['RSA verify: signature with a byte flipped', 'Verify', { KeyId: w.rsaSigning.id, Message: pt, SigningAlgorithm: 'RSASSA_PSS_SHA_256', Signature: flipped(signedBy[0]![2], 7) }],
      ['RSA verify: PSS signature as PKCS#1', 'Verify', { KeyId: w.rsaSigning.id, Message: pt, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256', Signature: signedBy[0]![2] }],
      ['RSA verify: message changed', 'Verify', { KeyId: w.rsaSigning.arn, Message: flipped(pt), SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_384', Signature: signedBy[1]![2] }],
      ['ML-DSA sign: DIGEST', 'Sign', { KeyId: w.mlDsa.id, Message: mu, MessageType: 'DIGEST', SigningAlgorithm: 'ML_DSA_SHAKE_256' }],
      ['ML-DSA sign: short external mu', 'Sign', { KeyId: w.mlDsa.id, Message: mu.slice(0, 63), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' }],
      ['ML-DSA sign: DryRun', 'Sign', { KeyId: mlDsa65, Message: pt, SigningAlgorithm: 'ML_DSA_SHAKE_256', DryRun: true }],
      ['ML-DSA verify: signature with a byte flipped', 'Verify', { KeyId: w.mlDsa.id, Message: pt, SigningAlgorithm: 'ML_DSA_SHAKE_256', Signature: flipped(signedBy[3]![2], 100) }],
      ['ML-DSA verify: the ML_DSA_65 signature', 'Verify', { KeyId: w.mlDsa.id, Message: pt, SigningAlgorithm: 'ML_DSA_SHAKE_256', Signature: signedBy[4]![2] }],
      ['ML-DSA verify: message changed', 'Verify', { KeyId: mlDsa65, Message: flipped(pt, 2), SigningAlgorithm: 'ML_DSA_SHAKE_256', Signature: signedBy[4]![2] }],
      ['derive: DryRun', 'DeriveSharedSecret', { KeyId: w.agreement.id, KeyAgreementAlgorithm: 'ECDH', PublicKey: peers[0]![1].spki, DryRun: true }],
      ['derive: disabled key', 'DeriveSharedSecret', { KeyId: w.agreementDisabled.id, KeyAgreementAlgorithm: 'ECDH', PublicKey: peers[0]![1].spki }],
      ['derive: peer on another curve', 'DeriveSharedSecret', { KeyId: w.agreement.id, KeyAgreementAlgorithm: 'ECDH', PublicKey: peers[2]![1].spki }],
      ['derive: peer point off the curve', 'DeriveSharedSecret', { KeyId: w.agreement.id, KeyAgreementAlgorithm: 'ECDH', PublicKey: flipped(peers[0]![1].spki, 90) }],
      ['derive: the caller\'s plaintext as the peer key', 'DeriveSharedSecret', { KeyId: w.agreement.id, KeyAgreementAlgorithm: 'ECDH', PublicKey: pt }],
      ['derive: symmetric key', 'DeriveSharedSecret', { KeyId: k, KeyAgreementAlgorithm: 'ECDH', PublicKey: peers[0]![1].spki }],
      ['derive: signing key on the same curve', 'DeriveSharedSecret', { KeyId: s, KeyAgreementAlgorithm: 'ECDH', PublicKey: peers[0]![1].spki }],
      ['derive: bad grant token', 'DeriveSharedSecret', { KeyId: w.agreement.id, KeyAgreementAlgorithm: 'ECDH', PublicKey: peers[0]![1].spki, GrantTokens: ['not a token'] }],
      ['key agreement key: Sign', 'Sign', { KeyId: w.agreement.id, Message: pt, SigningAlgorithm: 'ECDSA_SHA_256' }],
      ['key agreement key: Encrypt', 'Encrypt', { KeyId: 'alias/agreement', Plaintext: pt }],
    ] as const) {
      await asymErrorsWith(what, op, input);
    }
    for (const o of asymmetricOutcomes.filter((x) => !x.ok && x.label.endsWith('(Verify)'))) verifyErrors.push(o);

    // Data key pairs: every spec, with and without the plaintext private key, under the caller's context.
    const pairCall = (label: string, op: OperationName, input: unknown) => call(label, op, input, pairOutcomes);
    // The fixture provider (test/fixtures) hands out 4 RSA pairs per size, round robin: RSA_3072 and
    // RSA_4096 here get pairs no KMS key of this world holds (checked in the test below).
    for (const KeyPairSpec of ['RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519'] as const) {
      const made = await pairCall(`data key pair ${KeyPairSpec}`, 'GenerateDataKeyPair', { KeyId: k, KeyPairSpec, EncryptionContext: { ...CONTEXT } });
      const pair = made.value as { PrivateKeyPlaintext: Uint8Array; PrivateKeyCiphertextBlob: Uint8Array };
      const opened = await pairCall(`open data key pair ${KeyPairSpec}`, 'Decrypt', { CiphertextBlob: pair.PrivateKeyCiphertextBlob, EncryptionContext: { ...CONTEXT } });
      pairSecrets.push({ pkcs8: pair.PrivateKeyPlaintext.slice(), secrets: secretsOfPrivateKey(`data key pair ${KeyPairSpec}`, KeyPairSpec, pair.PrivateKeyPlaintext.slice()), shownBy: [made.label, opened.label] });
      const hidden = await pairCall(`data key pair without plaintext ${KeyPairSpec}`, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: 'alias/enabled', KeyPairSpec, EncryptionContext: { ...CONTEXT } });
      const sealed = (hidden.value as { PrivateKeyCiphertextBlob: Uint8Array }).PrivateKeyCiphertextBlob;
      const revealed = await pairCall(`open data key pair without plaintext ${KeyPairSpec}`, 'Decrypt', { CiphertextBlob: sealed, EncryptionContext: { ...CONTEXT } });
      const sealedPkcs8 = (revealed.value as { Plaintext: Uint8Array }).Plaintext.slice();
      pairSecrets.push({ pkcs8: sealedPkcs8, secrets: secretsOfPrivateKey(`sealed data key pair ${KeyPairSpec}`, KeyPairSpec, sealedPkcs8), shownBy: [revealed.label] });
      // Refusals that hold the sealed private key.
      const tampered = sealed.slice();
      tampered[tampered.length - 1] ^= 1;
      for (const [what, op, input] of [
        ['wrong context', 'Decrypt', { CiphertextBlob: sealed, EncryptionContext: { purpose: 'other' } }],
        ['tampered', 'Decrypt', { CiphertextBlob: tampered, EncryptionContext: { ...CONTEXT } }],
        ['DryRun', 'Decrypt', { CiphertextBlob: sealed, EncryptionContext: { ...CONTEXT }, DryRun: true }],
        ['incorrect key', 'Decrypt', { CiphertextBlob: sealed, EncryptionContext: { ...CONTEXT }, KeyId: w.other.id }],
        ['re-encrypt DryRun', 'ReEncrypt', { CiphertextBlob: sealed, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: w.other.id, DryRun: true }],
        ['re-encrypt to RSA with a destination context', 'ReEncrypt', { CiphertextBlob: sealed, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: w.rsa.id, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', DestinationEncryptionContext: { ...CONTEXT } }],
      ] as const) {
        const o = await pairCall(`sealed ${KeyPairSpec} private key: ${what}`, op, input);
        expect(o.ok, o.label).toBe(false);
      }
      nonPlaintextResponses.push(
        await pairCall(`re-encrypt sealed ${KeyPairSpec} private key`, 'ReEncrypt', { CiphertextBlob: sealed, SourceEncryptionContext: { ...CONTEXT }, DestinationKeyId: w.other.id }),
      );
    }
    for (const [what, op, input] of [
      ['SM2', 'GenerateDataKeyPair', { KeyId: k, KeyPairSpec: 'SM2' }],
      ['DryRun', 'GenerateDataKeyPair', { KeyId: k, KeyPairSpec: 'RSA_2048', DryRun: true }],
      ['disabled key', 'GenerateDataKeyPair', { KeyId: w.disabled.id, KeyPairSpec: 'ECC_NIST_P256' }],
      ['RSA wrapping key', 'GenerateDataKeyPair', { KeyId: w.rsa.id, KeyPairSpec: 'ECC_NIST_P256' }],
      ['HMAC wrapping key', 'GenerateDataKeyPairWithoutPlaintext', { KeyId: h, KeyPairSpec: 'ECC_NIST_P256' }],
      ['Recipient', 'GenerateDataKeyPair', { KeyId: k, KeyPairSpec: 'ECC_NIST_P256', Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: new Uint8Array(8) } }],
      ['unknown spec', 'GenerateDataKeyPairWithoutPlaintext', { KeyId: k, KeyPairSpec: 'ML_DSA_44' }],
    ] as const) {
      const o = await pairCall(`data key pair: ${what}`, op, input);
      expect(o.ok, o.label).toBe(false);
    }

    // Error paths that hold a plaintext or a ciphertext of one.
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
    await call('unsupported', 'CreateKey', { KeySpec: 'SM2', KeyUsage: 'ENCRYPT_DECRYPT' });
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
  let allKeySecrets: Secret[] | undefined;
  /** Computed once, after beforeAll: the store no longer changes. */
  const keySecrets = (): Secret[] => (allKeySecrets ??= [...w.store.keys()].flatMap((r) => r.materials.flatMap((m) => secretsOfMaterial(r, m))));

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
    // All but the grant and key policy operations (each run elsewhere), the new three included.
    expect([...ops].sort()).toEqual(
      [
        'CancelKeyDeletion', 'CreateAlias', 'CreateKey', 'Decrypt', 'DeleteAlias', 'DeriveSharedSecret', 'DescribeKey', 'DisableKey', 'EnableKey',
        'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'GenerateMac',
        'GenerateRandom', 'GetPublicKey', 'ListAliases', 'ListKeys', 'ListResourceTags', 'ReEncrypt', 'ScheduleKeyDeletion', 'Sign', 'TagResource',
        'UntagResource', 'UpdateAlias', 'UpdateKeyDescription', 'Verify', 'VerifyMac',
      ].sort(),
    );
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

  it('the Kms, the store, key records, aliases and KeyMaterial objects show no key material, no data key pair private key and no shared secret', () => {
    const secrets = [...keySecrets(), ...pairSecrets.flatMap((p) => p.secrets), ...sharedSecrets.map((x) => x.secret)];
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
    const secrets = [...keySecrets(), userPlaintext];
    const found = macOutcomes.flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
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
    const secrets = [...keySecrets(), userPlaintext];
    const found = signOutcomes.flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
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

  it('RSA, key agreement and ML-DSA private keys are among the secrets searched for, and belong to the public keys GetPublicKey returns', () => {
    const records = [...w.store.keys()].filter((r) => asymmetricKeyIds.includes(r.keyId));
    expect(records.map((r) => `${r.keySpec} ${r.keyUsage}`).sort()).toEqual([
      'ECC_NIST_P256 KEY_AGREEMENT',
      'ECC_NIST_P256 KEY_AGREEMENT',
      'ECC_NIST_P384 KEY_AGREEMENT',
      'ML_DSA_44 SIGN_VERIFY',
      'ML_DSA_65 SIGN_VERIFY',
      'RSA_2048 ENCRYPT_DECRYPT',
      'RSA_2048 ENCRYPT_DECRYPT',
      'RSA_2048 SIGN_VERIFY',
      'RSA_3072 ENCRYPT_DECRYPT',
      'RSA_3072 SIGN_VERIFY',
      'RSA_4096 ENCRYPT_DECRYPT',
    ]);
    const secrets = keySecrets();
    const publicKeys = new Map(
      asymmetricOutcomes
        .filter((o) => o.ok && o.label.endsWith('(GetPublicKey)'))
        .map((o) => {
          const v = o.value as { KeyId: string; PublicKey: Uint8Array };
          return [v.KeyId.split('/').pop()!, v.PublicKey] as const;
        }),
    );
    expect(publicKeys.size).toBe(asymmetricKeyIds.length - 2);
    for (const r of records) {
      const pkcs8 = unsafeMaterialBytes(r.materials[0]!);
      const parts = privatePartsOf(r.keySpec, pkcs8);
      expect(parts.map(([name]) => name), r.keySpec).toEqual(
        r.keySpec.startsWith('RSA') ? ['d', 'p', 'q', 'dp', 'dq', 'qi'] : r.keySpec.startsWith('ML_DSA') ? ['seed', 'K', 's1 s2 t0'] : ['d'],
      );
      // The detector finds the PKCS#8 document, and a run from the middle of each private part, wherever they are printed...
      expect(leaks(new Error(Buffer.from(pkcs8).toString('base64')), secrets), r.keySpec).not.toEqual([]);
      for (const [name, part] of parts) expect(leaks({ [name]: Buffer.from(part.subarray(4, 20)).toString('hex') }, secrets), `${r.keySpec} ${name}`).not.toEqual([]);
      // ...and the public key it holds is the one GetPublicKey returns (the disabled keys: the one
      // stored), which shows none of it.
      const returned = publicKeys.get(r.keyId) ?? r.publicKey!;
      if (r.keySpec in ML_DSA) {
        const raw = ML_DSA[r.keySpec as keyof typeof ML_DSA].keygen(mlDsaSeedOf(pkcs8)).publicKey;
        expect(Buffer.from(returned.subarray(returned.length - raw.length)).equals(Buffer.from(raw)), r.keySpec).toBe(true);
      } else {
        const spki = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
        expect(Buffer.from(returned).equals(spki), r.keySpec).toBe(true);
      }
      expect(leaks({ PublicKey: returned }, secrets), r.keySpec).toEqual([]);
    }
  });

  it('nothing RSA, ML-DSA or key agreement operations return or throw shows private key material', () => {
    // 3 CreateKey, a GetPublicKey per enabled key, 4 RSA Encrypt and Decrypt, 2 ReEncrypt, 5 Sign and Verify, 1 external-μ Sign, 3 DeriveSharedSecret.
    expect(asymmetricOutcomes.filter((o) => o.ok).length).toBe(3 + (asymmetricKeyIds.length - 2) + 8 + 2 + 10 + 1 + 3);
    expect(asymmetricOutcomes.filter((o) => !o.ok).length).toBeGreaterThanOrEqual(35);
    const secrets = keySecrets();
    const found = asymmetricOutcomes.flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
    for (const o of asymmetricOutcomes.filter((x) => !x.ok)) expect(o.value, o.label).toBeInstanceOf(KmsError);
    // What they return is what it claims to be: signatures verify outside KMS, OAEP ciphertexts open
    // outside KMS, and each shared secret is the ECDH of the peer's private key and the KMS public key.
    const publicKeyOf = (keyId: string) =>
      (asymmetricOutcomes.find((o) => o.ok && o.label.endsWith('(GetPublicKey)') && (o.value as { KeyId: string }).KeyId.endsWith(keyId.split('/').pop()!))!.value as { PublicKey: Uint8Array }).PublicKey;
    const message = new TextEncoder().encode('pocket-kms user plaintext 7f3a9c51');
    for (const o of asymmetricOutcomes.filter((x) => x.ok && x.label.endsWith('(Sign)') && !x.label.includes('external mu'))) {
      const v = o.value as { KeyId: string; Signature: Uint8Array; SigningAlgorithm: string };
      const spki = publicKeyOf(v.KeyId);
      if (v.SigningAlgorithm === 'ML_DSA_SHAKE_256') {
        const dsa = v.Signature.length === 2420 ? ml_dsa44 : ml_dsa65;
        const raw = spki.subarray(spki.length - (dsa === ml_dsa44 ? 1312 : 1952));
        expect(dsa.verify(v.Signature, message, raw), o.label).toBe(true);
      } else {
        const [, padding, bits] = /^RSASSA_(PSS|PKCS1_V1_5)_SHA_(\d+)$/.exec(v.SigningAlgorithm)!;
        const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
        const options = padding === 'PSS' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 } : { key, padding: constants.RSA_PKCS1_PADDING };
        expect(cryptoVerify(`sha${bits}`, message, options, v.Signature), o.label).toBe(true);
      }
    }
    const derived = asymmetricOutcomes.filter((o) => o.ok && o.label.endsWith('(DeriveSharedSecret)'));
    expect(derived.map((o) => (o.value as { SharedSecret: Uint8Array }).SharedSecret.length)).toEqual([32, 32, 48]);
    for (const { shownBy, value, expected } of sharedSecrets) expect(Buffer.from(value).equals(Buffer.from(expected)), shownBy).toBe(true);
  });

  it('the shared secrets DeriveSharedSecret returns show in the response that returned each, and nowhere else', () => {
    expect(sharedSecrets.length).toBe(3);
    for (const { secret, shownBy } of sharedSecrets) {
      const own = outcomes.find((o) => o.label === shownBy)!;
      // The detector sees it where it belongs...
      expect(leaks(own.value, [secret]), shownBy).not.toEqual([]);
      // ...and nowhere else: no other response, no error (DryRun and refusals of the same request included).
      const found = outcomes.filter((o) => o !== own).flatMap((o) => leaks(o.value, [secret]).map((l) => `${o.label}: ${l}`));
      expect(found).toEqual([]);
    }
  });

  it("a data key pair's private key shows only in the GenerateDataKeyPair response that returned it and the Decrypt of its PrivateKeyCiphertextBlob", () => {
    expect(pairSecrets.length).toBe(12);
    // Each pair is fresh: no two alike, and none the material of a KMS key (else a "leak" below would be the fixture provider's reuse).
    const distinct = new Set([...pairSecrets.map((p) => Buffer.from(p.pkcs8).toString('hex')), ...materials().map((m) => Buffer.from(unsafeMaterialBytes(m)).toString('hex'))]);
    expect(distinct.size).toBe(pairSecrets.length + materials().length);
    expect(pairOutcomes.filter((o) => !o.ok).length).toBe(6 * 6 + 7);
    for (const o of pairOutcomes.filter((x) => !x.ok)) expect(o.value, o.label).toBeInstanceOf(KmsError);
    for (const o of pairOutcomes.filter((x) => x.ok && x.label.endsWith('(GenerateDataKeyPairWithoutPlaintext)'))) {
      expect(Object.keys(o.value as object).sort(), o.label).toEqual(['KeyId', 'KeyMaterialId', 'KeyPairSpec', 'PrivateKeyCiphertextBlob', 'PublicKey']);
    }
    for (const { secrets, shownBy } of pairSecrets) {
      for (const label of shownBy) expect(leaks(outcomes.find((o) => o.label === label)!.value, secrets), label).not.toEqual([]);
      const found = outcomes.filter((o) => !shownBy.includes(o.label)).flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
      expect(found).toEqual([]);
    }
  });

  it('no error of any kind shows a data key or the caller\'s plaintext', () => {
    const secrets = [userPlaintext, ...dataKeyPlaintexts];
    const found = outcomes.filter((o) => !o.ok).flatMap((o) => leaks(o.value, secrets).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
  });
});
