/**
 * The authorization matrix's data model and its one generic runner.
 *
 * A case is data: the key policy (or the default one), identity policies, grants and a little key
 * setup, a caller, one operation and what AWS answers. The runner builds a fresh `Kms` per case:
 * the account root creates the keys (with the case's policy, bypassing the lockout check), its
 * aliases, tags, ciphertexts and grants, then the caller acts.
 *
 * Key ids are random, so inputs and policies may carry placeholders the runner fills in:
 * `$KEY_ID`, `$KEY_ARN`, `$KEY2_ID`, `$KEY2_ARN`, `$AWS_KEY_ID`, `$AWS_KEY_ARN` (in any string), and `$BLOB`, `$MAC`, `$SIGNATURE`,
 * `$PEER_PUBLIC_KEY`, `$GRANT_TOKEN<n>`, `$GRANT_ID<n>` (as whole values).
 *
 * Every `Kms` runs on the noble provider with RSA key pairs from the test fixtures (generating them
 * per case would dominate the suite's run time).
 */
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'vitest';
import { nobleProvider } from '../../src/crypto/noble.js';
import { Kms, KmsError } from '../../src/index.js';
import type { RequestContext } from '../../src/index.js';
import type { CreateGrantRequest, EncryptionContext, KeyUsageType, MacAlgorithmSpec, SigningAlgorithmSpec, Tag } from '../../src/types.js';
import { withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';

const PROVIDER = withFixtureRsaKeys(nobleProvider());

/** A peer's ECC_NIST_P256 public key (SPKI DER), made outside KMS: the `$PEER_PUBLIC_KEY` of DeriveSharedSecret. */
export const PEER_PUBLIC_KEY = new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }));

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const REGION = 'us-east-1';

const iam = (account: string, path: string) => `arn:aws:iam::${account}:${path}`;
const sts = (account: string, path: string) => `arn:aws:sts::${account}:${path}`;

/** The principals the cases use. */
export const P = Object.freeze({
  root: iam(ACCOUNT, 'root'),
  alice: iam(ACCOUNT, 'user/Alice'),
  bob: iam(ACCOUNT, 'user/Bob'),
  carol: iam(ACCOUNT, 'user/Carol'),
  admin: iam(ACCOUNT, 'user/KeyAdmin'),
  appRole: iam(ACCOUNT, 'role/App'),
  appSession: sts(ACCOUNT, 'assumed-role/App/worker-1'),
  appSession2: sts(ACCOUNT, 'assumed-role/App/worker-2'),
  auditorRole: iam(ACCOUNT, 'role/Auditor'),
  auditorSession: sts(ACCOUNT, 'assumed-role/Auditor/audit-1'),
  fed: sts(ACCOUNT, 'federated-user/Fred'),
  xRoot: iam(OTHER_ACCOUNT, 'root'),
  xUser: iam(OTHER_ACCOUNT, 'user/Xena'),
  xUser2: iam(OTHER_ACCOUNT, 'user/Yuri'),
  xRole: iam(OTHER_ACCOUNT, 'role/Partner'),
  xSession: sts(OTHER_ACCOUNT, 'assumed-role/Partner/job-1'),
  logs: 'logs.us-east-1.amazonaws.com',
  cloudtrail: 'cloudtrail.amazonaws.com',
});

export const KEY_ARN_PREFIX = `arn:aws:kms:${REGION}:${ACCOUNT}:key/`;
export const aliasArn = (name: string, account = ACCOUNT) => `arn:aws:kms:${REGION}:${account}:${name}`;

// ---------------------------------------------------------------------------------------------
// Policy builders (plain JSON objects; the runner stringifies them)

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type PolicyDoc = { Version: string; Id?: string; Statement: Statement[] };
export type Statement = { [key: string]: Json };

export const policy = (...Statement: Statement[]): PolicyDoc => ({ Version: '2012-10-17', Statement });

type Principal = string | string[] | { [key: string]: string | string[] };
const principalOf = (p: Principal): Json => (Array.isArray(p) || (typeof p === 'string' && p !== '*') ? { AWS: p } : (p as Json));

export interface StatementExtra {
  Condition?: { [operator: string]: { [key: string]: Json } };
  Resource?: string | string[];
  Sid?: string;
}

/** A key policy statement. `principal` is an ARN / account id (wrapped in {"AWS": ...}), `*`, or a full Principal object. */
export function allow(principal: Principal, action: string | string[], extra: StatementExtra = {}): Statement {
  return keyStatement('Allow', principal, action, extra);
}
export function deny(principal: Principal, action: string | string[], extra: StatementExtra = {}): Statement {
  return keyStatement('Deny', principal, action, extra);
}
function keyStatement(Effect: string, principal: Principal, action: string | string[], extra: StatementExtra): Statement {
  return clean({ Sid: extra.Sid, Effect, Principal: principalOf(principal), Action: action, Resource: extra.Resource ?? '*', Condition: extra.Condition });
}

/** The statement of the default key policy: the account delegates to IAM. */
export const ENABLE_IAM = allow(P.root, 'kms:*', { Sid: 'Enable IAM User Permissions' });
/** The default key policy, written out. */
export const DEFAULT_POLICY = policy(ENABLE_IAM);

/** An identity (IAM) policy statement: no Principal. */
export function iamAllow(action: string | string[], resource: string | string[] = '*', condition?: StatementExtra['Condition']): Statement {
  return clean({ Effect: 'Allow', Action: action, Resource: resource, Condition: condition });
}
export function iamDeny(action: string | string[], resource: string | string[] = '*', condition?: StatementExtra['Condition']): Statement {
  return clean({ Effect: 'Deny', Action: action, Resource: resource, Condition: condition });
}

function clean(statement: { [key: string]: Json | undefined }): Statement {
  const out: Statement = {};
  for (const [k, v] of Object.entries(statement)) if (v !== undefined) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cases

export type DenialReason = 'resourceDeny' | 'identityDeny' | 'noResourceAllow' | 'noIdentityAllow';

export type Expectation =
  | 'allow'
  | {
      readonly error: string;
      /** For AccessDeniedException: which kind of policy decided. */
      readonly reason?: DenialReason;
      /** With `reason` and `resource`: the whole message is asserted. */
      readonly action?: string;
      readonly resource?: string;
      /** The exact message (placeholders allowed). */
      readonly message?: string;
    };

export type GrantSetup = Omit<CreateGrantRequest, 'KeyId'> & {
  /** Which key the grant is on (default: the main key). */
  readonly on?: 'key' | 'key2';
  /** Retire or revoke it right after creating it. */
  readonly then?: 'retire' | 'revoke';
};

export type Operation =
  | 'createKey'
  | 'describeKey'
  | 'listKeys'
  | 'enableKey'
  | 'disableKey'
  | 'scheduleKeyDeletion'
  | 'cancelKeyDeletion'
  | 'updateKeyDescription'
  | 'createAlias'
  | 'updateAlias'
  | 'deleteAlias'
  | 'listAliases'
  | 'tagResource'
  | 'untagResource'
  | 'listResourceTags'
  | 'encrypt'
  | 'decrypt'
  | 'reEncrypt'
  | 'generateDataKey'
  | 'generateDataKeyWithoutPlaintext'
  | 'generateDataKeyPair'
  | 'generateDataKeyPairWithoutPlaintext'
  | 'deriveSharedSecret'
  | 'generateMac'
  | 'verifyMac'
  | 'sign'
  | 'verify'
  | 'getPublicKey'
  | 'generateRandom'
  | 'getKeyPolicy'
  | 'putKeyPolicy'
  | 'listKeyPolicies'
  | 'createGrant'
  | 'listGrants'
  | 'listRetirableGrants'
  | 'retireGrant'
  | 'revokeGrant';

export interface Case {
  readonly name: string;
  /** The AWS documentation the expectation rests on, when it is not the general algorithm. */
  readonly basis?: string;
  /**
   * The main key's spec: SYMMETRIC_DEFAULT when absent. An HMAC spec makes the main key an HMAC key
   * (KeyUsage GENERATE_VERIFY_MAC), and `$MAC` the root's MAC of {@link MAC_MESSAGE} under it.
   * An asymmetric spec makes it a key of {@link Case.keyUsage}: for SIGN_VERIFY, `$SIGNATURE` is the
   * root's signature of {@link SIGN_MESSAGE} (MessageType RAW) under it; for an RSA ENCRYPT_DECRYPT
   * key, `ciphertext` (on the main key) is an RSAES_OAEP_SHA_256 ciphertext of {@link PLAINTEXT}.
   */
  readonly keySpec?: HmacKeySpec | SigningKeySpec;
  /** The main key's usage, for an asymmetric `keySpec`: SIGN_VERIFY when absent. */
  readonly keyUsage?: Exclude<KeyUsageType, 'GENERATE_VERIFY_MAC'>;
  /** The main key's policy; the default policy when absent. */
  readonly keyPolicy?: PolicyDoc;
  /** The second key's policy (ReEncrypt destination, UpdateAlias target). */
  readonly key2Policy?: PolicyDoc;
  readonly keyTags?: Tag[];
  /** Aliases the root points at the main key / the second key. */
  readonly aliases?: string[];
  readonly key2Aliases?: string[];
  /** Identity policies by principal ARN (users, roles, federated users). */
  readonly identityPolicies?: { readonly [principal: string]: PolicyDoc[] };
  readonly grants?: GrantSetup[];
  /** A ciphertext the root makes for `$BLOB`. */
  readonly ciphertext?: { readonly context?: EncryptionContext; readonly on?: 'key' | 'key2' };
  /** AWS managed keys to bring into being first (root DescribeKey on `alias/aws/<service>`). */
  readonly awsManaged?: string[];
  readonly caller: string;
  readonly requestContext?: RequestContext;
  readonly op: Operation;
  readonly input?: unknown;
  readonly expect: Expectation;
}

export const PLAINTEXT = new TextEncoder().encode('matrix plaintext');
/** The message of `$MAC`. */
export const MAC_MESSAGE = new TextEncoder().encode('matrix mac message');

export type HmacKeySpec = 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512';
/** The one MAC algorithm of each HMAC key spec. */
export const MAC_ALGORITHM_OF: Readonly<Record<HmacKeySpec, MacAlgorithmSpec>> = Object.freeze({
  HMAC_224: 'HMAC_SHA_224',
  HMAC_256: 'HMAC_SHA_256',
  HMAC_384: 'HMAC_SHA_384',
  HMAC_512: 'HMAC_SHA_512',
});

/** The message of `$SIGNATURE`. */
export const SIGN_MESSAGE = new TextEncoder().encode('matrix signed message');

/** The asymmetric key specs the cases use (each with its usage in {@link Case.keyUsage}). */
export type SigningKeySpec = 'ECC_NIST_P256' | 'RSA_2048' | 'ML_DSA_44';
/** The signing algorithm the root signs `$SIGNATURE` with, per signing key spec. */
export const SIGNING_ALGORITHM_OF: Readonly<Record<SigningKeySpec, SigningAlgorithmSpec>> = Object.freeze({
  ECC_NIST_P256: 'ECDSA_SHA_256',
  RSA_2048: 'RSASSA_PSS_SHA_256',
  ML_DSA_44: 'ML_DSA_SHAKE_256',
});
const isAsymmetricSpec = (spec: HmacKeySpec | SigningKeySpec): spec is SigningKeySpec => spec in SIGNING_ALGORITHM_OF;
/** The main key's usage: none for a symmetric key (the default), GENERATE_VERIFY_MAC for HMAC. */
const usageOf = (c: Case): KeyUsageType | undefined =>
  c.keySpec === undefined ? undefined : isAsymmetricSpec(c.keySpec) ? (c.keyUsage ?? 'SIGN_VERIFY') : 'GENERATE_VERIFY_MAC';

// ---------------------------------------------------------------------------------------------
// Runner

interface Env {
  keyId: string;
  key2Id: string;
  blob?: Uint8Array;
  /** The root's MAC of MAC_MESSAGE under an HMAC main key. */
  mac?: Uint8Array;
  /** The root's signature of SIGN_MESSAGE under a signing main key. */
  signature?: Uint8Array;
  /** The AWS managed key brought into being by `awsManaged`. */
  awsKeyId?: string;
  grantTokens: string[];
  grantIds: string[];
}

function substitute(value: unknown, env: Env): unknown {
  if (typeof value === 'string') {
    if (value === '$BLOB') return env.blob;
    if (value === '$MAC') return env.mac;
    if (value === '$SIGNATURE') return env.signature;
    if (value === '$PEER_PUBLIC_KEY') return PEER_PUBLIC_KEY.slice();
    const token = /^\$GRANT_TOKEN(\d+)$/.exec(value);
    if (token) return env.grantTokens[Number(token[1])];
    const id = /^\$GRANT_ID(\d+)$/.exec(value);
    if (id) return env.grantIds[Number(id[1])];
    return value
      .replaceAll('$AWS_KEY_ARN', KEY_ARN_PREFIX + env.awsKeyId)
      .replaceAll('$AWS_KEY_ID', env.awsKeyId ?? '')
      .replaceAll('$KEY2_ARN', KEY_ARN_PREFIX + env.key2Id)
      .replaceAll('$KEY2_ID', env.key2Id)
      .replaceAll('$KEY_ARN', KEY_ARN_PREFIX + env.keyId)
      .replaceAll('$KEY_ID', env.keyId);
  }
  if (value instanceof Uint8Array || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env)]));
  }
  return value;
}

const needsSetupUnderDefaultPolicy = (c: Case): boolean =>
  (c.aliases?.length ?? 0) > 0 ||
  (c.grants?.length ?? 0) > 0 ||
  c.ciphertext !== undefined ||
  c.keySpec !== undefined ||
  JSON.stringify(c.keyPolicy ?? {}).includes('$KEY');

/** Builds the world of a case; returns the root handle and a function that runs the caller's request. */
export async function setUp(c: Case): Promise<{ kms: Kms; env: Env; run: () => Promise<unknown> }> {
  const kms = new Kms({ accountId: ACCOUNT, region: REGION, provider: PROVIDER });
  const usage = usageOf(c);
  // The key is created with the case's policy when nothing else needs the root first; otherwise
  // the root sets the key up under the default policy and then puts the case's policy.
  const createWithPolicy = c.keyPolicy !== undefined && !needsSetupUnderDefaultPolicy(c);
  const key = await kms.createKey({
    Description: 'matrix key',
    ...(c.keyTags && { Tags: c.keyTags }),
    ...(c.keySpec && { KeySpec: c.keySpec, KeyUsage: usage }),
    ...(createWithPolicy && { Policy: JSON.stringify(c.keyPolicy), BypassPolicyLockoutSafetyCheck: true }),
  });
  const key2 = await kms.createKey({ Description: 'matrix key 2' });
  const env: Env = { keyId: key.KeyMetadata!.KeyId!, key2Id: key2.KeyMetadata!.KeyId!, grantTokens: [], grantIds: [] };
  const keyOf = (which: 'key' | 'key2' | undefined) => (which === 'key2' ? env.key2Id : env.keyId);

  for (const name of c.aliases ?? []) await kms.createAlias({ AliasName: name, TargetKeyId: env.keyId });
  for (const name of c.key2Aliases ?? []) await kms.createAlias({ AliasName: name, TargetKeyId: env.key2Id });
  if (c.ciphertext) {
    // An RSA key takes no encryption context; its OAEP ciphertext names the algorithm instead.
    const rsa = usage === 'ENCRYPT_DECRYPT' && c.ciphertext.on !== 'key2';
    if (rsa && c.ciphertext.context) throw new Error(`${c.name}: an RSA ciphertext cannot have an encryption context`);
    const { CiphertextBlob } = await kms.encrypt({
      KeyId: keyOf(c.ciphertext.on),
      Plaintext: PLAINTEXT,
      ...(c.ciphertext.context && { EncryptionContext: c.ciphertext.context }),
      ...(rsa && { EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' as const }),
    });
    env.blob = CiphertextBlob;
  }
  if (c.keySpec && usage === 'SIGN_VERIFY') {
    const { Signature } = await kms.sign({ KeyId: env.keyId, Message: SIGN_MESSAGE, MessageType: 'RAW', SigningAlgorithm: SIGNING_ALGORITHM_OF[c.keySpec as SigningKeySpec] });
    env.signature = Signature;
  } else if (c.keySpec && usage === 'GENERATE_VERIFY_MAC') {
    const { Mac } = await kms.generateMac({ KeyId: env.keyId, Message: MAC_MESSAGE, MacAlgorithm: MAC_ALGORITHM_OF[c.keySpec as HmacKeySpec] });
    env.mac = Mac;
  }
  for (const grant of c.grants ?? []) {
    const { on, then, ...request } = grant;
    const keyId = keyOf(on);
    const { GrantToken, GrantId } = await kms.createGrant({ ...request, KeyId: keyId });
    env.grantTokens.push(GrantToken!);
    env.grantIds.push(GrantId!);
    if (then === 'retire') await kms.retireGrant({ GrantToken });
    if (then === 'revoke') await kms.revokeGrant({ KeyId: keyId, GrantId });
  }
  for (const service of c.awsManaged ?? []) env.awsKeyId = (await kms.describeKey({ KeyId: `alias/aws/${service}` })).KeyMetadata!.KeyId!;
  if (c.keyPolicy !== undefined && !createWithPolicy) {
    await kms.putKeyPolicy({ KeyId: env.keyId, Policy: JSON.stringify(substitute(c.keyPolicy, env)), BypassPolicyLockoutSafetyCheck: true });
  }
  if (c.key2Policy !== undefined) {
    await kms.putKeyPolicy({ KeyId: env.key2Id, Policy: JSON.stringify(substitute(c.key2Policy, env)), BypassPolicyLockoutSafetyCheck: true });
  }
  for (const [principal, docs] of Object.entries(c.identityPolicies ?? {})) {
    docs.forEach((doc, i) => kms.iam.putPolicy(principal, `policy-${i}`, JSON.stringify(substitute(doc, env))));
  }

  const handle = kms.as(c.caller, c.requestContext);
  const input = substitute(c.input, env);
  const method = (handle as unknown as Record<Operation, (input: unknown) => Promise<unknown>>)[c.op].bind(handle);
  return { kms, env, run: () => method(input) };
}

const PHRASES: Record<DenialReason, (action: string) => string> = {
  resourceDeny: () => 'with an explicit deny in a resource-based policy',
  identityDeny: () => 'with an explicit deny in an identity-based policy',
  noResourceAllow: (a) => `because no resource-based policy allows the ${a} action`,
  noIdentityAllow: (a) => `because no identity-based policy allows the ${a} action`,
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs one case and asserts AWS's answer. */
export async function runCase(c: Case): Promise<void> {
  const { env, run } = await setUp(c);
  const outcome = await run().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (c.expect === 'allow') {
    if (!outcome.ok) {
      const e = outcome.error as Error;
      expect.fail(`expected the call to be allowed, got ${e?.name}: ${e?.message}`);
    }
    return;
  }
  const want = c.expect;
  if (outcome.ok) expect.fail(`expected ${want.error}${want.reason ? ` (${want.reason})` : ''}, but the call succeeded`);
  const error = outcome.error as KmsError;
  expect(error, String(error)).toBeInstanceOf(KmsError);
  expect(`${error.name}: ${error.message}`).toMatch(new RegExp(`^${escape(want.error)}: `));
  if (want.message !== undefined) expect(error.message).toBe(substitute(want.message, env));
  if (want.reason) {
    const action = want.action ? escape(want.action) : 'kms:\\w+';
    const resource = want.resource !== undefined ? escape(substitute(want.resource, env) as string) : '\\S+';
    const phrase = escape(PHRASES[want.reason]('ACTION')).replace('ACTION', action);
    expect(error.message).toMatch(new RegExp(`^User: ${escape(c.caller)} is not authorized to perform: ${action} on resource: ${resource} ${phrase}$`));
  }
}

/** Shorthand for an AccessDeniedException expectation. */
export const denied = (reason?: DenialReason, action?: string, resource?: string): Expectation => ({
  error: 'AccessDeniedException',
  ...(reason && { reason }),
  ...(action && { action }),
  ...(resource && { resource }),
});
