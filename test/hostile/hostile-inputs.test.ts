/**
 * The hostile-input table: missing members, wrong types, oversized values, unknown and malformed
 * key ids in every form, wrong key states and operation-specific refusals, run against every
 * operation in OPERATIONS. Each case must reject with the AWS exception (a KmsError subclass of
 * that name) and leave the state byte-identical, compared before and after.
 *
 * Expected messages are written out where AWS's wording is known; elsewhere the case checks the
 * exception name (and, for validation, the member path) only.
 */
import { createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, verify as cryptoVerify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as errors from '../../src/errors.js';
import { KmsError } from '../../src/errors.js';
import { encodeGrantToken, type GrantTokenFields } from '../../src/grants/grant-token.js';
import type { Rule } from '../../src/internal/validate.js';
import { OPERATIONS, type OperationName } from '../../src/kms.js';
import { SHAPES } from '../../src/ops/shapes.js';
import { fixtureRsaKeyPair } from '../fixtures/fixture-rsa-provider.js';
import {
  ACCOUNT,
  aliasArnOf,
  AUDITOR,
  cloneWorld,
  CONTEXT,
  GRANT_NAME,
  GRANTEE,
  keyArnOf,
  MAC_MESSAGE,
  OTHER_ACCOUNT,
  PLAINTEXT,
  REGION,
  RETIRER,
  ROOT_ARN,
  seededWorld,
  SIGN_MESSAGE,
  stateOf,
  type SeededKey,
  type World,
} from './state.js';

type Message = string | RegExp;
type Input = Record<string, unknown>;

interface Case {
  readonly op: OperationName;
  readonly label: string;
  readonly input: (w: World) => unknown;
  /** The AWS exception name. */
  readonly name: string;
  readonly message?: Message | ((w: World) => Message);
}

const OPS = Object.keys(OPERATIONS) as OperationName[];
const UNKNOWN_UUID = '0b8a5f5c-1d2e-4f3a-9b8c-7d6e5f4a3b2c';
const UNKNOWN_MRK = 'mrk-0123456789abcdef0123456789abcdef';
/** Built once (top-level await), so that tables can hold a real grant token; every case runs on a clone. */
const template: World = await seededWorld();
/** A token CreateGrant issued, for the seeded grant on the enabled key: valid in every clone. */
const TOKEN = template.grant.token;
/** The shape of a real AWS token, which names no grant here. */
const AWS_STYLE_TOKEN = 'AQpAM2RhZTk1MGMyNTk2ZmZmMzEyYWVhOWViN2QxY2VlYjc';
/** A well-formed grant id (64 lowercase hex digits) that names no grant. */
const UNKNOWN_GRANT_ID = 'ab'.repeat(32);
/** A key policy that keeps the caller (the account root) able to manage the key. */
const ROOT_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Id: 'hostile-policy',
  Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: ROOT_ARN }, Action: 'kms:*', Resource: '*' }],
});
const DRY_RUN_MESSAGE = 'The request would have succeeded, but the DryRun option is set.';
const INCORRECT_KEY = 'The key ID in the request does not identify a CMK that can perform this operation.';
const CIPHERTEXT_KEY_MISSING =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';
/** AWS offers SM2 only in the China Regions. */
const SM2_KEY_SPEC = 'KeySpec SM2 is not supported in this Region';
const SM2_KEY_PAIR_SPEC = 'KeyPairSpec SM2 is not supported in this Region';

const bytes = (n: number, fill = 0x41): Uint8Array => new Uint8Array(n).fill(fill);
const camel = (member: string): string => member.charAt(0).toLowerCase() + member.slice(1);
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const one = (violation: string): string => `1 validation error detected: ${violation}`;
const nullAt = (path: string): string => `Value null at '${path}' failed to satisfy constraint: Member must not be null`;
const tooLong = (shown: string, path: string, max: number): string =>
  `Value '${shown}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;

/** A request to each operation that succeeds on a fresh seeded world. Cases change one thing. */
const BASE: Readonly<Record<OperationName, (w: World) => Input>> = {
  CreateKey: () => ({
    Description: 'new key',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    Origin: 'AWS_KMS',
    Policy: ROOT_POLICY,
    BypassPolicyLockoutSafetyCheck: false,
    MultiRegion: false,
    Tags: [{ TagKey: 'Team', TagValue: 'blue' }],
  }),
  DescribeKey: (w) => ({ KeyId: w.enabled.id, GrantTokens: [TOKEN] }),
  ListKeys: () => ({ Limit: 10 }),
  EnableKey: (w) => ({ KeyId: w.disabled.id }),
  DisableKey: (w) => ({ KeyId: w.enabled.id }),
  ScheduleKeyDeletion: (w) => ({ KeyId: w.enabled.id, PendingWindowInDays: 7 }),
  CancelKeyDeletion: (w) => ({ KeyId: w.pending.id }),
  UpdateKeyDescription: (w) => ({ KeyId: w.enabled.id, Description: 'changed' }),
  CreateAlias: (w) => ({ AliasName: 'alias/new', TargetKeyId: w.enabled.id }),
  UpdateAlias: (w) => ({ AliasName: 'alias/enabled', TargetKeyId: w.other.id }),
  DeleteAlias: () => ({ AliasName: 'alias/other' }),
  ListAliases: (w) => ({ KeyId: w.enabled.id, Limit: 10 }),
  TagResource: (w) => ({ KeyId: w.enabled.id, Tags: [{ TagKey: 'Team', TagValue: 'blue' }] }),
  UntagResource: (w) => ({ KeyId: w.enabled.id, TagKeys: ['Env'] }),
  ListResourceTags: (w) => ({ KeyId: w.enabled.id, Limit: 10 }),
  Encrypt: (w) => ({
    KeyId: w.enabled.id,
    Plaintext: PLAINTEXT.slice(),
    EncryptionContext: { ...CONTEXT },
    GrantTokens: [TOKEN],
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DryRun: false,
  }),
  Decrypt: (w) => ({
    CiphertextBlob: w.blobs.enabled,
    EncryptionContext: { ...CONTEXT },
    GrantTokens: [TOKEN],
    KeyId: w.enabled.id,
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DryRun: false,
    DryRunModifiers: [],
  }),
  ReEncrypt: (w) => ({
    CiphertextBlob: w.blobs.enabled,
    SourceEncryptionContext: { ...CONTEXT },
    SourceKeyId: w.enabled.id,
    DestinationKeyId: w.other.id,
    DestinationEncryptionContext: { to: 'other' },
    SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    GrantTokens: [TOKEN],
    DryRun: false,
    DryRunModifiers: [],
  }),
  GenerateDataKey: (w) => ({ KeyId: w.enabled.id, EncryptionContext: { ...CONTEXT }, KeySpec: 'AES_256', GrantTokens: [TOKEN], DryRun: false }),
  GenerateDataKeyWithoutPlaintext: (w) => ({
    KeyId: w.enabled.id,
    EncryptionContext: { ...CONTEXT },
    KeySpec: 'AES_256',
    GrantTokens: [TOKEN],
    DryRun: false,
  }),
  GenerateRandom: () => ({ NumberOfBytes: 32 }),
  GetKeyPolicy: (w) => ({ KeyId: w.enabled.id, PolicyName: 'default' }),
  PutKeyPolicy: (w) => ({ KeyId: w.enabled.id, PolicyName: 'default', Policy: ROOT_POLICY, BypassPolicyLockoutSafetyCheck: false }),
  ListKeyPolicies: (w) => ({ KeyId: w.enabled.id, Limit: 10 }),
  CreateGrant: (w) => ({
    KeyId: w.enabled.id,
    GranteePrincipal: GRANTEE,
    RetiringPrincipal: RETIRER,
    Operations: ['Encrypt', 'Decrypt'],
    Constraints: { EncryptionContextSubset: { tenant: 'a' } },
    GrantTokens: [TOKEN],
    Name: 'new-grant',
    DryRun: false,
  }),
  ListGrants: (w) => ({ KeyId: w.enabled.id, GrantId: w.grant.id, GranteePrincipal: GRANTEE, Limit: 10 }),
  ListRetirableGrants: () => ({ RetiringPrincipal: RETIRER, Limit: 10 }),
  // By key and grant id, so that each case can change one of them; cases by token replace both.
  RetireGrant: (w) => ({ KeyId: w.enabled.arn, GrantId: w.grant.id, DryRun: false }),
  RevokeGrant: (w) => ({ KeyId: w.enabled.id, GrantId: w.grant.id, DryRun: false }),
  GenerateMac: (w) => ({ Message: MAC_MESSAGE.slice(), KeyId: w.hmac.id, MacAlgorithm: 'HMAC_SHA_256', GrantTokens: [TOKEN], DryRun: false }),
  VerifyMac: (w) => ({
    Message: MAC_MESSAGE.slice(),
    KeyId: w.hmac.id,
    MacAlgorithm: 'HMAC_SHA_256',
    Mac: w.mac.slice(),
    GrantTokens: [TOKEN],
    DryRun: false,
  }),
  Sign: (w) => ({
    KeyId: w.signing.id,
    Message: SIGN_MESSAGE.slice(),
    MessageType: 'RAW',
    GrantTokens: [TOKEN],
    SigningAlgorithm: 'ECDSA_SHA_256',
    DryRun: false,
  }),
  Verify: (w) => ({
    KeyId: w.signing.id,
    Message: SIGN_MESSAGE.slice(),
    MessageType: 'RAW',
    Signature: w.signature.slice(),
    SigningAlgorithm: 'ECDSA_SHA_256',
    GrantTokens: [TOKEN],
    DryRun: false,
  }),
  GetPublicKey: (w) => ({ KeyId: w.signing.id, GrantTokens: [TOKEN] }),
  GenerateDataKeyPair: (w) => ({
    EncryptionContext: { ...CONTEXT },
    KeyId: w.enabled.id,
    KeyPairSpec: 'ECC_NIST_P256',
    GrantTokens: [TOKEN],
    DryRun: false,
  }),
  GenerateDataKeyPairWithoutPlaintext: (w) => ({
    EncryptionContext: { ...CONTEXT },
    KeyId: w.enabled.id,
    KeyPairSpec: 'ECC_NIST_P256',
    GrantTokens: [TOKEN],
    DryRun: false,
  }),
  DeriveSharedSecret: (w) => ({
    KeyId: w.agreement.id,
    KeyAgreementAlgorithm: 'ECDH',
    PublicKey: w.peer.publicKey.slice(),
    GrantTokens: [TOKEN],
    DryRun: false,
  }),
};

const withMember = (op: OperationName, member: string, value: unknown) => (w: World) => ({ ...BASE[op](w), [member]: value });
const withMembers = (op: OperationName, members: (w: World) => Input) => (w: World) => ({ ...BASE[op](w), ...members(w) });
const without = (op: OperationName, ...members: string[]) => (w: World) => {
  const input = BASE[op](w);
  for (const m of members) delete input[m];
  return input;
};

const cases: Case[] = [];
const add = (...more: Case[]) => cases.push(...more);

// ---------------------------------------------------------------------------------------------
// The request is not a structure.
// ---------------------------------------------------------------------------------------------
const NOT_A_STRUCTURE: readonly [string, unknown][] = [
  ['null', null],
  ['a number', 42],
  ['a string', 'str'],
  ['an array', []],
  ['an array of members', [{ KeyId: 'x' }]],
  ['a boolean', true],
  ['a blob', new Uint8Array(4)],
];
for (const op of OPS) {
  for (const [what, input] of NOT_A_STRUCTURE) {
    add({ op, label: `request is ${what}`, input: () => input, name: 'SerializationException' });
  }
}

// ---------------------------------------------------------------------------------------------
// Missing required members (as AWS requires them, written out independently of SHAPES).
// ---------------------------------------------------------------------------------------------
/** Model-required members; CiphertextBlob and NumberOfBytes are enforced by the service. */
const REQUIRED: Readonly<Record<OperationName, readonly string[]>> = {
  CreateKey: [],
  DescribeKey: ['KeyId'],
  ListKeys: [],
  EnableKey: ['KeyId'],
  DisableKey: ['KeyId'],
  ScheduleKeyDeletion: ['KeyId'],
  CancelKeyDeletion: ['KeyId'],
  UpdateKeyDescription: ['KeyId', 'Description'],
  CreateAlias: ['AliasName', 'TargetKeyId'],
  UpdateAlias: ['AliasName', 'TargetKeyId'],
  DeleteAlias: ['AliasName'],
  ListAliases: [],
  TagResource: ['KeyId', 'Tags'],
  UntagResource: ['KeyId', 'TagKeys'],
  ListResourceTags: ['KeyId'],
  Encrypt: ['KeyId', 'Plaintext'],
  Decrypt: [],
  ReEncrypt: ['DestinationKeyId'],
  GenerateDataKey: ['KeyId'],
  GenerateDataKeyWithoutPlaintext: ['KeyId'],
  GenerateRandom: [],
  GetKeyPolicy: ['KeyId'],
  PutKeyPolicy: ['KeyId', 'Policy'],
  ListKeyPolicies: ['KeyId'],
  // The model makes GranteePrincipal optional (GranteeServicePrincipal is the alternative), but
  // pocket-kms has no service grantees yet, so its shape requires it.
  CreateGrant: ['KeyId', 'GranteePrincipal', 'Operations'],
  ListGrants: ['KeyId'],
  ListRetirableGrants: ['RetiringPrincipal'],
  // GrantToken, or KeyId and GrantId: enforced by the service, below.
  RetireGrant: [],
  RevokeGrant: ['KeyId', 'GrantId'],
  GenerateMac: ['Message', 'KeyId', 'MacAlgorithm'],
  VerifyMac: ['Message', 'KeyId', 'MacAlgorithm', 'Mac'],
  Sign: ['KeyId', 'Message', 'SigningAlgorithm'],
  Verify: ['KeyId', 'Message', 'Signature', 'SigningAlgorithm'],
  GetPublicKey: ['KeyId'],
  GenerateDataKeyPair: ['KeyId', 'KeyPairSpec'],
  GenerateDataKeyPairWithoutPlaintext: ['KeyId', 'KeyPairSpec'],
  DeriveSharedSecret: ['KeyId', 'KeyAgreementAlgorithm', 'PublicKey'],
};
for (const op of OPS) {
  const required = REQUIRED[op];
  for (const member of required) {
    const message = one(nullAt(camel(member)));
    add({ op, label: `${member} missing`, input: without(op, member), name: 'ValidationException', message });
    add({ op, label: `${member} null`, input: withMember(op, member, null), name: 'ValidationException', message });
    add({ op, label: `${member} undefined`, input: withMember(op, member, undefined), name: 'ValidationException', message });
  }
  if (required.length > 0) {
    const n = required.length;
    const all = `${n} validation error${n === 1 ? '' : 's'} detected: ${required.map((m) => nullAt(camel(m))).join('; ')}`;
    add({ op, label: 'empty request', input: () => ({}), name: 'ValidationException', message: all });
    add({ op, label: 'no request at all', input: () => undefined, name: 'ValidationException', message: all });
    add({ op, label: 'only unknown members', input: () => ({ keyid: 'x', KEYID: 'y', Bogus: 1 }), name: 'ValidationException', message: all });
  }
}
for (const op of ['Decrypt', 'ReEncrypt'] as const) {
  add({
    op,
    label: 'CiphertextBlob missing',
    input: without(op, 'CiphertextBlob'),
    name: 'ValidationException',
    message: one(nullAt('ciphertextBlob')),
  });
}
add(
  { op: 'GenerateRandom', label: 'NumberOfBytes missing', input: () => ({}), name: 'ValidationException', message: 'NumberOfBytes is required.' },
  { op: 'GenerateRandom', label: 'no request at all', input: () => undefined, name: 'ValidationException', message: 'NumberOfBytes is required.' },
  { op: 'GenerateRandom', label: 'NumberOfBytes null', input: () => ({ NumberOfBytes: null }), name: 'ValidationException', message: 'NumberOfBytes is required.' },
  {
    op: 'Encrypt',
    label: 'empty request reports both members in model order',
    input: () => ({}),
    name: 'ValidationException',
    message: `2 validation errors detected: ${nullAt('keyId')}; ${nullAt('plaintext')}`,
  },
);

// ---------------------------------------------------------------------------------------------
// Wrong types for every member of every operation, by the member's kind.
// ---------------------------------------------------------------------------------------------
const WRONG_TYPES: Readonly<Record<Rule['type'], readonly [string, unknown][]>> = {
  string: [['a number', 42], ['a boolean', true], ['an object', {}], ['a list', ['x']], ['a blob', new Uint8Array(1)]],
  blob: [
    ['a string', 'QUFBQQ=='],
    ['a list of numbers', [1, 2, 3]],
    ['a number', 42],
    ['an object', { 0: 1, length: 1 }],
    ['a Uint16Array', new Uint16Array(2)],
    ['an ArrayBuffer', new ArrayBuffer(2)],
  ],
  integer: [['1.5', 1.5], ['NaN', Number.NaN], ["'5'", '5'], ['Infinity', Number.POSITIVE_INFINITY], ['true', true], ['a list', [5]]],
  boolean: [["'yes'", 'yes'], ["'true'", 'true'], ['1', 1], ['an object', {}]],
  enum: [['a number', 42], ['a boolean', true], ['a list', ['SYMMETRIC_DEFAULT']]],
  stringMap: [
    ['a list', [['k', 'v']]],
    ['a number', 42],
    ['a string', 'k=v'],
    ['a number value', { k: 1 }],
    ['a null value', { k: null }],
    ['an object value', { k: {} }],
    ['a list value', { k: ['v'] }],
    ['a boolean value', { k: true }],
  ],
  list: [['a string', TOKEN], ['a number', 42], ['an object', {}], ['a list of numbers', [1]], ['a list with null', [null]], ['a list of objects', [{}]]],
  tags: [
    ['an object', { TagKey: 'k', TagValue: 'v' }],
    ['a string', 'k=v'],
    ['a list of strings', ['k']],
    ['a list with null', [null]],
    ['a list of lists', [['k', 'v']]],
    ['a numeric TagKey', [{ TagKey: 1, TagValue: 'v' }]],
    ['a numeric TagValue', [{ TagKey: 'k', TagValue: 2 }]],
  ],
  structure: [['a string', 'x'], ['a number', 42], ['a list', []], ['a boolean', true]],
};
for (const op of OPS) {
  for (const field of SHAPES[op] as readonly { name: string; rule: Rule }[]) {
    for (const [what, value] of WRONG_TYPES[field.rule.type]) {
      add({
        op,
        label: `${field.name} is ${what}`,
        input: withMember(op, field.name, value),
        name: 'SerializationException',
        message: new RegExp(`'${escape(camel(field.name))}[.']`),
      });
    }
  }
}
add(
  { op: 'GenerateDataKey', label: 'GrantTokens is a list of numbers', input: withMember('GenerateDataKey', 'GrantTokens', [1, 2]), name: 'SerializationException' },
  { op: 'Decrypt', label: 'Recipient.AttestationDocument is a string', input: withMember('Decrypt', 'Recipient', { AttestationDocument: 'doc' }), name: 'SerializationException', message: /recipient\.attestationDocument/ },
  { op: 'Decrypt', label: 'Recipient.KeyEncryptionAlgorithm is a number', input: withMember('Decrypt', 'Recipient', { KeyEncryptionAlgorithm: 1 }), name: 'SerializationException', message: /recipient\.keyEncryptionAlgorithm/ },
  { op: 'ReEncrypt', label: 'DryRunModifiers holds a number', input: withMember('ReEncrypt', 'DryRunModifiers', [1]), name: 'SerializationException', message: /dryRunModifiers/ },
);

// ---------------------------------------------------------------------------------------------
// Out-of-range lengths and values (limits written out from the AWS API reference).
// ---------------------------------------------------------------------------------------------
const STRING_LENGTHS: Readonly<Record<string, readonly [min: number, max: number]>> = {
  KeyId: [1, 2048],
  TargetKeyId: [1, 2048],
  SourceKeyId: [1, 2048],
  DestinationKeyId: [1, 2048],
  AliasName: [1, 256],
  Description: [0, 8192],
  Marker: [1, 1024],
  CustomKeyStoreId: [1, 64],
  XksKeyId: [1, 128],
  Policy: [1, 131072],
  PolicyName: [1, 128],
  GranteePrincipal: [1, 256],
  RetiringPrincipal: [1, 256],
  GrantId: [1, 128],
  GrantToken: [1, 8192],
  Name: [1, 256],
};
const BLOB_LENGTHS: Readonly<Record<string, readonly [number, number]>> = {
  Plaintext: [1, 4096],
  CiphertextBlob: [1, 6144],
  Message: [1, 4096],
  Mac: [1, 6144],
  Signature: [1, 6144],
  PublicKey: [1, 8192],
};
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  NumberOfBytes: [1, 1024],
  Limit: [1, 1000],
  PendingWindowInDays: [7, 30],
};
/** A value of `length` characters that satisfies the member's pattern, if it has one. */
const longValue = (member: string, length: number): string =>
  member === 'AliasName' ? 'alias/' + 'a'.repeat(length - 6) : 'a'.repeat(length);
/** AWS prints blobs oddly (`java.nio.HeapByteBuffer[...]`); accept that or no value at all. */
const blobViolation = (path: string, constraint: string) =>
  new RegExp(`^1 validation error detected: Value (?:'[^']*' )?at '${path}' failed to satisfy constraint: Member must have ${constraint}$`);

for (const op of OPS) {
  for (const { name: member } of SHAPES[op] as readonly { name: string }[]) {
    const path = camel(member);
    const s = STRING_LENGTHS[member];
    if (s) {
      const [min, max] = s;
      const long = longValue(member, max + 1);
      add({ op, label: `${member} of ${max + 1} characters`, input: withMember(op, member, long), name: 'ValidationException', message: one(tooLong(long, path, max)) });
      if (min > 0) {
        add({
          op,
          label: `${member} empty`,
          input: withMember(op, member, ''),
          name: 'ValidationException',
          message: new RegExp(`^\\d validation errors? detected: Value '' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`),
        });
      }
    }
    const b = BLOB_LENGTHS[member];
    if (b) {
      add({ op, label: `${member} of ${b[1] + 1} bytes`, input: withMember(op, member, bytes(b[1] + 1)), name: 'ValidationException', message: blobViolation(path, `length less than or equal to ${b[1]}`) });
      add({ op, label: `${member} of 0 bytes`, input: withMember(op, member, new Uint8Array(0)), name: 'ValidationException', message: blobViolation(path, `length greater than or equal to ${b[0]}`) });
    }
    const i = INTEGER_RANGES[member];
    if (i) {
      const [min, max] = i;
      for (const [value, text] of [
        [min - 1, `greater than or equal to ${min}`],
        [max + 1, `less than or equal to ${max}`],
      ] as const) {
        add({
          op,
          label: `${member} ${value}`,
          input: withMember(op, member, value),
          name: 'ValidationException',
          message: one(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value ${text}`),
        });
      }
      add({ op, label: `${member} -1`, input: withMember(op, member, -1), name: 'ValidationException', message: new RegExp(`Value '-1' at '${path}'.*greater than or equal to ${min}$`) });
    }
  }
}
const elevenTokens = Array.from({ length: 11 }, () => TOKEN);
for (const op of OPS.filter((o) => (SHAPES[o] as readonly { name: string }[]).some((f) => f.name === 'GrantTokens'))) {
  add(
    {
      op,
      label: 'GrantTokens with 11 tokens',
      input: withMember(op, 'GrantTokens', elevenTokens),
      name: 'ValidationException',
      message: one(tooLong(`[${elevenTokens.join(', ')}]`, 'grantTokens', 10)),
    },
    {
      op,
      label: 'GrantTokens with a token of 8193 characters',
      input: withMember(op, 'GrantTokens', ['a'.repeat(8193)]),
      name: 'ValidationException',
      message: one(tooLong('a'.repeat(8193), 'grantTokens.1.member', 8192)),
    },
    {
      op,
      label: 'GrantTokens with an empty token',
      input: withMember(op, 'GrantTokens', [TOKEN, '']),
      name: 'ValidationException',
      message: one(`Value '' at 'grantTokens.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1`),
    },
    { op, label: 'GrantTokens with an unparseable token', input: withMember(op, 'GrantTokens', ['not a token!']), name: 'InvalidGrantTokenException' },
  );
}
for (const op of ['CreateKey', 'TagResource'] as const) {
  add(
    {
      op,
      label: 'TagKey of 129 characters',
      input: withMember(op, 'Tags', [{ TagKey: 'k'.repeat(129), TagValue: 'v' }]),
      name: 'ValidationException',
      message: one(tooLong('k'.repeat(129), 'tags.1.member.tagKey', 128)),
    },
    {
      op,
      label: 'TagValue of 257 characters',
      input: withMember(op, 'Tags', [{ TagKey: 'k', TagValue: 'v'.repeat(257) }]),
      name: 'ValidationException',
      message: one(tooLong('v'.repeat(257), 'tags.1.member.tagValue', 256)),
    },
    {
      op,
      label: 'empty TagKey',
      input: withMember(op, 'Tags', [{ TagKey: '', TagValue: 'v' }]),
      name: 'ValidationException',
      message: one(`Value '' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1`),
    },
    {
      op,
      label: 'tag without TagValue',
      input: withMember(op, 'Tags', [{ TagKey: 'a', TagValue: 'b' }, { TagKey: 'k' }]),
      name: 'ValidationException',
      message: one(nullAt('tags.2.member.tagValue')),
    },
    {
      op,
      label: 'tag without either member',
      input: withMember(op, 'Tags', [{}]),
      name: 'ValidationException',
      message: `2 validation errors detected: ${nullAt('tags.1.member.tagKey')}; ${nullAt('tags.1.member.tagValue')}`,
    },
  );
}
add(
  {
    op: 'UntagResource',
    label: 'TagKeys entry of 129 characters',
    input: withMember('UntagResource', 'TagKeys', ['k'.repeat(129)]),
    name: 'ValidationException',
    message: one(tooLong('k'.repeat(129), 'tagKeys.1.member', 128)),
  },
  {
    op: 'Encrypt',
    label: 'several violations are reported together',
    input: withMembers('Encrypt', () => ({ KeyId: '', Plaintext: new Uint8Array(0), EncryptionAlgorithm: 'NOPE' })),
    name: 'ValidationException',
    message: /^3 validation errors detected: Value '' at 'keyId' .*; Value .*at 'plaintext' .*; Value 'NOPE' at 'encryptionAlgorithm' .*$/,
  },
  {
    op: 'GenerateRandom',
    label: 'NumberOfBytes 0 and an empty CustomKeyStoreId',
    input: () => ({ NumberOfBytes: 0, CustomKeyStoreId: '' }),
    name: 'ValidationException',
    message: /^2 validation errors detected: Value '0' at 'numberOfBytes'.*; Value '' at 'customKeyStoreId'.*$/,
  },
  {
    op: 'CreateKey',
    label: 'Policy with a character outside the model pattern',
    input: withMember('CreateKey', 'Policy', '{"a":"\u0100"}'),
    name: 'ValidationException',
    message: /at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  },
  {
    op: 'CreateKey',
    label: 'XksKeyId with a character outside the model pattern',
    input: withMember('CreateKey', 'XksKeyId', 'bad id'),
    name: 'ValidationException',
    message: /at 'xksKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  },
);

// ---------------------------------------------------------------------------------------------
// Enum values outside the set.
// ---------------------------------------------------------------------------------------------
for (const op of OPS) {
  for (const field of SHAPES[op] as readonly { name: string; rule: Rule }[]) {
    const path = camel(field.name);
    const enumMessage = (value: string, p = path) =>
      new RegExp(`^1 validation error detected: Value '${value}' at '${escape(p)}' failed to satisfy constraint: Member must satisfy enum value set: \\[[A-Za-z0-9_]+(, [A-Za-z0-9_]+)*\\]$`);
    if (field.rule.type === 'enum') {
      for (const value of ['NOPE', '', 'symmetric_default', 'SYMMETRIC_DEFAULT ']) {
        if (field.rule.values.includes(value)) continue;
        add({ op, label: `${field.name} '${value}'`, input: withMember(op, field.name, value), name: 'ValidationException', message: enumMessage(value) });
      }
    }
    if (field.rule.type === 'list' && field.rule.item.type === 'enum') {
      add({ op, label: `${field.name} ['NOPE']`, input: withMember(op, field.name, ['NOPE']), name: 'ValidationException', message: enumMessage('NOPE', `${path}.1.member`) });
    }
    if (field.rule.type === 'structure' && field.rule.shape.some((f) => f.name === 'KeyEncryptionAlgorithm')) {
      add({
        op,
        label: `${field.name}.KeyEncryptionAlgorithm 'NOPE'`,
        input: withMember(op, field.name, { KeyEncryptionAlgorithm: 'NOPE' }),
        name: 'ValidationException',
        message: enumMessage('NOPE', `${path}.keyEncryptionAlgorithm`),
      });
    }
  }
}
const enumSet = (path: string, values: string) =>
  one(`Value 'NOPE' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${values}]`);
add(
  { op: 'GenerateDataKey', label: 'KeySpec NOPE (exact AWS message)', input: withMember('GenerateDataKey', 'KeySpec', 'NOPE'), name: 'ValidationException', message: enumSet('keySpec', 'AES_256, AES_128') },
  {
    op: 'Encrypt',
    label: 'EncryptionAlgorithm NOPE (exact AWS message)',
    input: withMember('Encrypt', 'EncryptionAlgorithm', 'NOPE'),
    name: 'ValidationException',
    message: enumSet('encryptionAlgorithm', 'SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE'),
  },
  {
    op: 'CreateKey',
    label: 'KeyUsage NOPE (exact AWS message)',
    input: withMember('CreateKey', 'KeyUsage', 'NOPE'),
    name: 'ValidationException',
    message: enumSet('keyUsage', 'SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT'),
  },
  {
    op: 'CreateKey',
    label: 'Origin NOPE (exact AWS message)',
    input: withMember('CreateKey', 'Origin', 'NOPE'),
    name: 'ValidationException',
    message: enumSet('origin', 'AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE'),
  },
  ...(['GenerateMac', 'VerifyMac'] as const).map((op) => ({
    op,
    label: 'MacAlgorithm NOPE (exact AWS message)',
    input: withMember(op, 'MacAlgorithm', 'NOPE'),
    name: 'ValidationException',
    message: enumSet('macAlgorithm', 'HMAC_SHA_224, HMAC_SHA_256, HMAC_SHA_384, HMAC_SHA_512'),
  })),
  ...(['Sign', 'Verify'] as const).flatMap((op) => [
    {
      op,
      label: 'SigningAlgorithm NOPE (exact AWS message)',
      input: withMember(op, 'SigningAlgorithm', 'NOPE'),
      name: 'ValidationException',
      message: enumSet(
        'signingAlgorithm',
        'RSASSA_PSS_SHA_256, RSASSA_PSS_SHA_384, RSASSA_PSS_SHA_512, RSASSA_PKCS1_V1_5_SHA_256, RSASSA_PKCS1_V1_5_SHA_384, RSASSA_PKCS1_V1_5_SHA_512, ECDSA_SHA_256, ECDSA_SHA_384, ECDSA_SHA_512, SM2DSA, ML_DSA_SHAKE_256, ED25519_SHA_512, ED25519_PH_SHA_512',
      ),
    },
    { op, label: 'MessageType NOPE (exact AWS message)', input: withMember(op, 'MessageType', 'NOPE'), name: 'ValidationException', message: enumSet('messageType', 'RAW, DIGEST, EXTERNAL_MU') },
  ]),
  ...(['GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'] as const).map((op) => ({
    op,
    label: 'KeyPairSpec NOPE (exact AWS message)',
    input: withMember(op, 'KeyPairSpec', 'NOPE'),
    name: 'ValidationException',
    message: enumSet('keyPairSpec', 'RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SM2, ECC_NIST_EDWARDS25519'),
  })),
  {
    op: 'DeriveSharedSecret',
    label: 'KeyAgreementAlgorithm NOPE (exact AWS message)',
    input: withMember('DeriveSharedSecret', 'KeyAgreementAlgorithm', 'NOPE'),
    name: 'ValidationException',
    message: enumSet('keyAgreementAlgorithm', 'ECDH'),
  },
);

// ---------------------------------------------------------------------------------------------
// Key identifiers in every form.
// ---------------------------------------------------------------------------------------------
/** Every key-naming member, and whether it takes all four forms or key id / key ARN only. */
const KEY_MEMBERS: readonly [OperationName, string, 'any' | 'idOrArn'][] = [
  ['DescribeKey', 'KeyId', 'any'],
  ['Encrypt', 'KeyId', 'any'],
  ['Decrypt', 'KeyId', 'any'],
  ['ReEncrypt', 'SourceKeyId', 'any'],
  ['ReEncrypt', 'DestinationKeyId', 'any'],
  ['GenerateDataKey', 'KeyId', 'any'],
  ['GenerateDataKeyWithoutPlaintext', 'KeyId', 'any'],
  ['GenerateMac', 'KeyId', 'any'],
  ['VerifyMac', 'KeyId', 'any'],
  ['Sign', 'KeyId', 'any'],
  ['Verify', 'KeyId', 'any'],
  ['GetPublicKey', 'KeyId', 'any'],
  ['GenerateDataKeyPair', 'KeyId', 'any'],
  ['GenerateDataKeyPairWithoutPlaintext', 'KeyId', 'any'],
  ['DeriveSharedSecret', 'KeyId', 'any'],
  ['EnableKey', 'KeyId', 'idOrArn'],
  ['DisableKey', 'KeyId', 'idOrArn'],
  ['ScheduleKeyDeletion', 'KeyId', 'idOrArn'],
  ['CancelKeyDeletion', 'KeyId', 'idOrArn'],
  ['UpdateKeyDescription', 'KeyId', 'idOrArn'],
  ['TagResource', 'KeyId', 'idOrArn'],
  ['UntagResource', 'KeyId', 'idOrArn'],
  ['ListResourceTags', 'KeyId', 'idOrArn'],
  ['ListAliases', 'KeyId', 'idOrArn'],
  ['CreateAlias', 'TargetKeyId', 'idOrArn'],
  ['UpdateAlias', 'TargetKeyId', 'idOrArn'],
  ['GetKeyPolicy', 'KeyId', 'idOrArn'],
  ['PutKeyPolicy', 'KeyId', 'idOrArn'],
  ['ListKeyPolicies', 'KeyId', 'idOrArn'],
  ['CreateGrant', 'KeyId', 'idOrArn'],
  ['ListGrants', 'KeyId', 'idOrArn'],
  ['RetireGrant', 'KeyId', 'idOrArn'],
  ['RevokeGrant', 'KeyId', 'idOrArn'],
];
interface IdForm {
  readonly label: string;
  readonly value: (w: World) => string;
  readonly name: string;
  readonly message?: (w: World, value: string) => Message;
}
const invalidKeyId = (_w: World, value: string) => `Invalid keyId '${value}'`;
const COMMON_FORMS: readonly IdForm[] = [
  { label: "malformed id 'fake-key-id'", value: () => 'fake-key-id', name: 'NotFoundException', message: invalidKeyId },
  { label: 'UUID in upper case', value: (w) => w.enabled.id.toUpperCase(), name: 'NotFoundException' },
  { label: 'UUID with surrounding spaces', value: (w) => ` ${w.enabled.id} `, name: 'NotFoundException', message: invalidKeyId },
  { label: 'UUID with a trailing newline', value: (w) => `${w.enabled.id}\n`, name: 'NotFoundException', message: invalidKeyId },
  { label: 'UUID missing its last digit', value: (w) => w.enabled.id.slice(0, -1), name: 'NotFoundException', message: invalidKeyId },
  { label: 'id with a NUL byte', value: (w) => `${w.enabled.id}\u0000`, name: 'NotFoundException', message: invalidKeyId },
  {
    label: 'well-formed unknown UUID',
    value: () => UNKNOWN_UUID,
    name: 'NotFoundException',
    message: () => `Key '${keyArnOf(UNKNOWN_UUID)}' does not exist`,
  },
  {
    label: 'well-formed unknown multi-Region id',
    value: () => UNKNOWN_MRK,
    name: 'NotFoundException',
    message: () => `Key '${keyArnOf(UNKNOWN_MRK)}' does not exist`,
  },
  {
    label: 'key ARN of an unknown key',
    value: () => keyArnOf(UNKNOWN_UUID),
    name: 'NotFoundException',
    message: () => `Key '${keyArnOf(UNKNOWN_UUID)}' does not exist`,
  },
  {
    label: 'key ARN in another Region',
    value: (w) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${w.enabled.id}`,
    name: 'NotFoundException',
    message: () => 'Invalid arn eu-west-1',
  },
  {
    label: 'key ARN in another account',
    value: (w) => `arn:aws:kms:${REGION}:444455556666:key/${w.enabled.id}`,
    name: 'NotFoundException',
    message: () => /does not exist/,
  },
  { label: 'key ARN whose id is malformed', value: () => keyArnOf('fake-key-id'), name: 'NotFoundException' },
  { label: 'ARN of another service', value: () => 'arn:aws:s3:::my-bucket', name: 'InvalidArnException' },
  { label: 'ARN without a resource', value: () => `arn:aws:kms:${REGION}:${ACCOUNT}:key`, name: 'InvalidArnException' },
  { label: 'ARN with an empty key id', value: () => `arn:aws:kms:${REGION}:${ACCOUNT}:key/`, name: 'InvalidArnException' },
  { label: 'ARN with a short account id', value: (w) => `arn:aws:kms:${REGION}:1234:key/${w.enabled.id}`, name: 'InvalidArnException' },
  { label: "bare 'arn:'", value: () => 'arn:', name: 'InvalidArnException' },
  { label: 'ARN of an unknown resource type', value: (w) => `arn:aws:kms:${REGION}:${ACCOUNT}:grant/${w.enabled.id}`, name: 'InvalidArnException' },
];
const ALIAS_FORMS_ANY: readonly IdForm[] = [
  {
    label: 'unknown alias name',
    value: () => 'alias/nope',
    name: 'NotFoundException',
    message: () => `Alias ${aliasArnOf('alias/nope')} is not found.`,
  },
  {
    label: 'unknown alias ARN',
    value: () => aliasArnOf('alias/nope'),
    name: 'NotFoundException',
    message: () => `Alias ${aliasArnOf('alias/nope')} is not found.`,
  },
  {
    // DescribeKey of a predefined alias (alias/aws/ebs) creates the AWS managed key, as in AWS.
    label: 'AWS managed alias of no service',
    value: () => 'alias/aws/nope',
    name: 'NotFoundException',
    message: () => `Alias ${aliasArnOf('alias/aws/nope')} is not found.`,
  },
  { label: "bare 'alias/'", value: () => 'alias/', name: 'NotFoundException' },
  {
    label: 'alias name differing only in case',
    value: () => 'alias/ENABLED',
    name: 'NotFoundException',
    message: () => `Alias ${aliasArnOf('alias/ENABLED')} is not found.`,
  },
  {
    label: 'alias ARN in another Region',
    value: () => `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/enabled`,
    name: 'NotFoundException',
    message: () => 'Invalid arn eu-west-1',
  },
  { label: 'alias ARN in another account', value: () => `arn:aws:kms:${REGION}:444455556666:alias/enabled`, name: 'NotFoundException' },
];
const ALIAS_FORMS_ID_OR_ARN: readonly IdForm[] = [
  { label: "alias name 'alias/x'", value: () => 'alias/x', name: 'NotFoundException', message: invalidKeyId },
  { label: 'name of an existing alias', value: () => 'alias/enabled', name: 'NotFoundException', message: invalidKeyId },
  { label: 'ARN of an existing alias', value: () => aliasArnOf('alias/enabled'), name: 'NotFoundException' },
  { label: 'unknown alias ARN', value: () => aliasArnOf('alias/nope'), name: 'NotFoundException' },
];
/** Only DescribeKey, or a request through the service, may create an AWS managed key. */
const PREDEFINED_ALIAS: IdForm = {
  label: 'predefined AWS managed alias not yet created, not through its service',
  value: () => 'alias/aws/ebs',
  name: 'NotFoundException',
  message: () => `Alias ${aliasArnOf('alias/aws/ebs')} is not found.`,
};
for (const [op, member, forms] of KEY_MEMBERS) {
  const predefined = forms === 'any' && op !== 'DescribeKey' ? [PREDEFINED_ALIAS] : [];
  for (const form of [...COMMON_FORMS, ...(forms === 'any' ? ALIAS_FORMS_ANY : ALIAS_FORMS_ID_OR_ARN), ...predefined]) {
    add({
      op,
      label: `${member}: ${form.label}`,
      input: (w) => ({ ...BASE[op](w), [member]: form.value(w) }),
      name: form.name,
      ...(form.message && { message: (w: World) => form.message!(w, form.value(w)) }),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Key states.
// ---------------------------------------------------------------------------------------------
const disabled = (w: World) => `${w.disabled.arn} is disabled.`;
const pendingDeletion = (w: World) => `${w.pending.arn} is pending deletion.`;
for (const op of ['Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'] as const) {
  for (const [form, id] of [
    ['key id', (w: World) => w.disabled.id],
    ['key ARN', (w: World) => w.disabled.arn],
    ['alias', () => 'alias/disabled'],
    ['alias ARN', () => aliasArnOf('alias/disabled')],
  ] as const) {
    add({ op, label: `disabled key by ${form}`, input: (w) => ({ ...BASE[op](w), KeyId: id(w) }), name: 'DisabledException', message: disabled });
  }
  add({ op, label: 'key pending deletion', input: (w) => ({ ...BASE[op](w), KeyId: w.pending.id }), name: 'KMSInvalidStateException', message: pendingDeletion });
  add({ op, label: 'key pending deletion, by alias', input: (w) => ({ ...BASE[op](w), KeyId: 'alias/pending' }), name: 'KMSInvalidStateException', message: pendingDeletion });
  add({ op, label: 'disabled key with DryRun', input: (w) => ({ ...BASE[op](w), KeyId: w.disabled.id, DryRun: true }), name: 'DisabledException', message: disabled });
}
add(
  { op: 'Decrypt', label: 'ciphertext of a disabled key', input: (w) => ({ CiphertextBlob: w.blobs.disabled, EncryptionContext: { ...CONTEXT } }), name: 'DisabledException', message: disabled },
  { op: 'Decrypt', label: 'ciphertext of a disabled key, KeyId given', input: (w) => ({ CiphertextBlob: w.blobs.disabled, EncryptionContext: { ...CONTEXT }, KeyId: 'alias/disabled' }), name: 'DisabledException', message: disabled },
  { op: 'Decrypt', label: 'ciphertext of a key pending deletion', input: (w) => ({ CiphertextBlob: w.blobs.pending, EncryptionContext: { ...CONTEXT } }), name: 'KMSInvalidStateException', message: pendingDeletion },
  { op: 'Decrypt', label: 'ciphertext of a disabled key with DryRun', input: (w) => ({ CiphertextBlob: w.blobs.disabled, EncryptionContext: { ...CONTEXT }, DryRun: true }), name: 'DisabledException', message: disabled },
  {
    op: 'ReEncrypt',
    label: 'source key disabled',
    input: (w) => ({ ...BASE.ReEncrypt(w), CiphertextBlob: w.blobs.disabled, SourceKeyId: w.disabled.id }),
    name: 'DisabledException',
    message: disabled,
  },
  {
    op: 'ReEncrypt',
    label: 'source key pending deletion',
    input: (w) => ({ ...BASE.ReEncrypt(w), CiphertextBlob: w.blobs.pending, SourceKeyId: undefined }),
    name: 'KMSInvalidStateException',
    message: pendingDeletion,
  },
  { op: 'ReEncrypt', label: 'destination key disabled', input: (w) => ({ ...BASE.ReEncrypt(w), DestinationKeyId: 'alias/disabled' }), name: 'DisabledException', message: disabled },
  { op: 'ReEncrypt', label: 'destination key pending deletion', input: (w) => ({ ...BASE.ReEncrypt(w), DestinationKeyId: w.pending.arn }), name: 'KMSInvalidStateException', message: pendingDeletion },
);
for (const op of ['EnableKey', 'DisableKey', 'ScheduleKeyDeletion', 'UpdateKeyDescription', 'TagResource', 'UntagResource'] as const) {
  add({ op, label: 'key pending deletion', input: (w) => ({ ...BASE[op](w), KeyId: w.pending.id }), name: 'KMSInvalidStateException', message: pendingDeletion });
}
for (const op of ['CreateAlias', 'UpdateAlias'] as const) {
  add({ op, label: 'target key pending deletion', input: (w) => ({ ...BASE[op](w), TargetKeyId: w.pending.arn }), name: 'KMSInvalidStateException', message: pendingDeletion });
}
const hmacDisabled = (w: World) => `${w.hmacDisabled.arn} is disabled.`;
const hmacPendingDeletion = (w: World) => `${w.hmacPending.arn} is pending deletion.`;
for (const op of ['GenerateMac', 'VerifyMac'] as const) {
  for (const [form, id] of [
    ['key id', (w: World) => w.hmacDisabled.id],
    ['key ARN', (w: World) => w.hmacDisabled.arn],
    ['alias', () => 'alias/hmac-disabled'],
    ['alias ARN', () => aliasArnOf('alias/hmac-disabled')],
  ] as const) {
    add({ op, label: `disabled HMAC key by ${form}`, input: (w) => ({ ...BASE[op](w), KeyId: id(w) }), name: 'DisabledException', message: hmacDisabled });
  }
  add(
    { op, label: 'HMAC key pending deletion', input: (w) => ({ ...BASE[op](w), KeyId: w.hmacPending.id }), name: 'KMSInvalidStateException', message: hmacPendingDeletion },
    { op, label: 'HMAC key pending deletion, by ARN', input: (w) => ({ ...BASE[op](w), KeyId: w.hmacPending.arn }), name: 'KMSInvalidStateException', message: hmacPendingDeletion },
    { op, label: 'disabled HMAC key with DryRun', input: (w) => ({ ...BASE[op](w), KeyId: w.hmacDisabled.id, DryRun: true }), name: 'DisabledException', message: hmacDisabled },
    { op, label: 'disabled symmetric key (state before key usage)', input: (w) => ({ ...BASE[op](w), KeyId: w.disabled.id }), name: 'DisabledException', message: disabled },
  );
}
const signingDisabled = (w: World) => `${w.signingDisabled.arn} is disabled.`;
const signingPendingDeletion = (w: World) => `${w.signingPending.arn} is pending deletion.`;
for (const op of ['Sign', 'Verify', 'GetPublicKey'] as const) {
  for (const [form, id] of [
    ['key id', (w: World) => w.signingDisabled.id],
    ['key ARN', (w: World) => w.signingDisabled.arn],
    ['alias', () => 'alias/signing-disabled'],
    ['alias ARN', () => aliasArnOf('alias/signing-disabled')],
  ] as const) {
    add({ op, label: `disabled signing key by ${form}`, input: (w) => ({ ...BASE[op](w), KeyId: id(w) }), name: 'DisabledException', message: signingDisabled });
  }
  add(
    { op, label: 'signing key pending deletion', input: (w) => ({ ...BASE[op](w), KeyId: w.signingPending.id }), name: 'KMSInvalidStateException', message: signingPendingDeletion },
    { op, label: 'signing key pending deletion, by ARN', input: (w) => ({ ...BASE[op](w), KeyId: w.signingPending.arn }), name: 'KMSInvalidStateException', message: signingPendingDeletion },
    { op, label: 'disabled symmetric key (state before key usage)', input: (w) => ({ ...BASE[op](w), KeyId: w.disabled.id }), name: 'DisabledException', message: disabled },
    { op, label: 'symmetric key pending deletion (state before key usage)', input: (w) => ({ ...BASE[op](w), KeyId: 'alias/pending' }), name: 'KMSInvalidStateException', message: pendingDeletion },
    { op, label: 'disabled HMAC key (state before key usage)', input: (w) => ({ ...BASE[op](w), KeyId: w.hmacDisabled.id }), name: 'DisabledException', message: hmacDisabled },
  );
}
for (const op of ['Sign', 'Verify'] as const) {
  add(
    { op, label: 'disabled signing key with DryRun', input: (w) => ({ ...BASE[op](w), KeyId: w.signingDisabled.id, DryRun: true }), name: 'DisabledException', message: signingDisabled },
    {
      op,
      label: 'disabled signing key with a wrong SigningAlgorithm (state before algorithm)',
      input: (w) => ({ ...BASE[op](w), KeyId: w.signingDisabled.id, SigningAlgorithm: 'ECDSA_SHA_384' }),
      name: 'DisabledException',
      message: signingDisabled,
    },
  );
}
add(
  {
    op: 'Verify',
    label: 'disabled signing key with the signature it made before it was disabled',
    input: (w) => ({ ...BASE.Verify(w), KeyId: w.signingDisabled.id, Signature: w.otherKeySignature.slice() }),
    name: 'DisabledException',
    message: signingDisabled,
  },
  { op: 'Verify', label: 'signing key pending deletion with a wrong Signature', input: (w) => ({ ...BASE.Verify(w), KeyId: w.signingPending.id }), name: 'KMSInvalidStateException', message: signingPendingDeletion },
);
add(
  {
    op: 'VerifyMac',
    label: 'disabled HMAC key with the MAC it made before it was disabled',
    input: (w) => ({ ...BASE.VerifyMac(w), KeyId: w.hmacDisabled.id, Mac: w.otherKeyMac.slice() }),
    name: 'DisabledException',
    message: hmacDisabled,
  },
  { op: 'VerifyMac', label: 'HMAC key pending deletion with a wrong Mac', input: (w) => ({ ...BASE.VerifyMac(w), KeyId: w.hmacPending.id }), name: 'KMSInvalidStateException', message: hmacPendingDeletion },
);
add(
  { op: 'CancelKeyDeletion', label: 'enabled key', input: (w) => ({ KeyId: w.enabled.id }), name: 'KMSInvalidStateException', message: (w) => `${w.enabled.arn} is not pending deletion.` },
  { op: 'CancelKeyDeletion', label: 'disabled key', input: (w) => ({ KeyId: w.disabled.arn }), name: 'KMSInvalidStateException', message: (w) => `${w.disabled.arn} is not pending deletion.` },
);

// ---------------------------------------------------------------------------------------------
// Operation-specific refusals.
// ---------------------------------------------------------------------------------------------
const EITHER = 'Please specify either number of bytes or key spec.';
for (const op of ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'] as const) {
  add(
    { op, label: 'both KeySpec and NumberOfBytes', input: withMember(op, 'NumberOfBytes', 32), name: 'ValidationException', message: EITHER },
    { op, label: 'neither KeySpec nor NumberOfBytes', input: without(op, 'KeySpec'), name: 'ValidationException', message: EITHER },
  );
}
const NO_PREFIX = 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html';
for (const op of ['CreateAlias', 'UpdateAlias'] as const) {
  add(
    { op, label: 'alias name without the prefix', input: withMember(op, 'AliasName', 'enabled'), name: 'ValidationException', message: NO_PREFIX },
    { op, label: "alias name 'ALIAS/x'", input: withMember(op, 'AliasName', 'ALIAS/enabled'), name: 'ValidationException', message: NO_PREFIX },
    { op, label: 'alias/aws/ prefix', input: withMember(op, 'AliasName', 'alias/aws/mine'), name: 'InvalidAliasNameException' },
    { op, label: "':' after the prefix", input: withMember(op, 'AliasName', 'alias/a:b'), name: 'InvalidAliasNameException' },
    {
      op,
      label: 'a space in the name',
      input: withMember(op, 'AliasName', 'alias/a b'),
      name: 'ValidationException',
      message: /^1 validation error detected: Value 'alias\/a b' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    },
    { op, label: 'a non-ASCII name', input: withMember(op, 'AliasName', 'alias/é'), name: 'ValidationException', message: /at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern/ },
  );
}
add(
  { op: 'CreateAlias', label: 'duplicate alias', input: (w) => ({ AliasName: 'alias/enabled', TargetKeyId: w.other.id }), name: 'AlreadyExistsException', message: `An alias with the name ${aliasArnOf('alias/enabled')} already exists` },
  { op: 'CreateAlias', label: 'duplicate alias on its own key', input: (w) => ({ AliasName: 'alias/other', TargetKeyId: w.other.id }), name: 'AlreadyExistsException', message: `An alias with the name ${aliasArnOf('alias/other')} already exists` },
  { op: 'UpdateAlias', label: 'unknown alias', input: (w) => ({ AliasName: 'alias/nope', TargetKeyId: w.other.id }), name: 'NotFoundException', message: `Alias ${aliasArnOf('alias/nope')} is not found.` },
  { op: 'DeleteAlias', label: 'unknown alias', input: () => ({ AliasName: 'alias/nope' }), name: 'NotFoundException', message: `Alias ${aliasArnOf('alias/nope')} is not found.` },
  { op: 'DeleteAlias', label: 'alias name differing only in case', input: () => ({ AliasName: 'alias/OTHER' }), name: 'NotFoundException' },
  { op: 'DeleteAlias', label: 'reserved AWS alias', input: () => ({ AliasName: 'alias/aws/ebs' }), name: 'NotFoundException' },
  { op: 'DeleteAlias', label: 'a space in the name', input: () => ({ AliasName: 'alias/a b' }), name: 'ValidationException', message: /at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern/ },
);
// Tags.
for (const op of ['CreateKey', 'TagResource'] as const) {
  const tags = (t: unknown) => withMember(op, 'Tags', t);
  add(
    { op, label: "'aws:' tag key", input: tags([{ TagKey: 'aws:owner', TagValue: 'me' }]), name: 'TagException' },
    { op, label: "'AWS:' tag key", input: tags([{ TagKey: 'AWS:owner', TagValue: 'me' }]), name: 'TagException' },
    { op, label: "'Aws:' tag key after a good one", input: tags([{ TagKey: 'ok', TagValue: 'v' }, { TagKey: 'Aws:x', TagValue: 'v' }]), name: 'TagException' },
    { op, label: 'duplicate tag keys', input: tags([{ TagKey: 'k', TagValue: '1' }, { TagKey: 'k', TagValue: '2' }]), name: 'TagException' },
    { op, label: '51 tags', input: tags(Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }))), name: 'TagException' },
  );
}
add(
  {
    op: 'TagResource',
    label: '49 new tags on a key that has 2 (51 in all)',
    input: withMember('TagResource', 'Tags', Array.from({ length: 49 }, (_, i) => ({ TagKey: `new${i}`, TagValue: 'v' }))),
    name: 'TagException',
  },
  { op: 'UntagResource', label: "'aws:' tag key", input: withMember('UntagResource', 'TagKeys', ['Env', 'aws:owner']), name: 'TagException' },
);
// Markers.
for (const op of ['ListKeys', 'ListAliases', 'ListResourceTags', 'ListKeyPolicies', 'ListGrants', 'ListRetirableGrants'] as const) {
  for (const [what, marker] of [
    ['garbage', 'garbage'],
    ['a dot', '.'],
    ['hex without a tag', '30.'],
    ['hex with a forged tag', `30.${'00'.repeat(16)}`],
    ['a marker of the AWS form', 'eyJ2ZXJzaW9uIjoiMiIsImRhdGEiOiJ4In0='],
  ] as const) {
    add({ op, label: `Marker: ${what}`, input: withMember(op, 'Marker', marker), name: 'InvalidMarkerException' });
  }
  add({
    op,
    label: 'Marker with a character outside the model pattern',
    input: withMember(op, 'Marker', 'a\u0100'),
    name: 'ValidationException',
    message: /at 'marker' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  });
}
/** Markers that are genuine, but for another list: they must be refused all the same. */
const markerFrom = async (w: World, op: OperationName, input: Input): Promise<string> => {
  const page = (await w.kms.dispatch(op, { ...input, Limit: 1 })) as { NextMarker?: string };
  if (!page.NextMarker) throw new Error(`no marker from ${op}`);
  return page.NextMarker;
};
add(
  { op: 'ListAliases', label: 'Marker issued by ListKeys', input: async (w) => ({ Marker: await markerFrom(w, 'ListKeys', {}) }), name: 'InvalidMarkerException' },
  { op: 'ListKeys', label: 'Marker issued by ListAliases', input: async (w) => ({ Marker: await markerFrom(w, 'ListAliases', {}) }), name: 'InvalidMarkerException' },
  {
    op: 'ListAliases',
    label: 'Marker issued for another KeyId filter',
    input: async (w) => ({ KeyId: w.other.id, Marker: await markerFrom(w, 'ListAliases', { KeyId: w.enabled.id }) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListResourceTags',
    label: 'Marker issued for another key',
    input: async (w) => ({ KeyId: w.other.id, Marker: await markerFrom(w, 'ListResourceTags', { KeyId: w.enabled.id }) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListGrants',
    label: 'Marker issued for another key',
    input: async (w) => ({ KeyId: w.other.id, Marker: await markerFrom(w, 'ListGrants', { KeyId: w.enabled.id }) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListGrants',
    label: 'Marker issued for another GranteePrincipal filter',
    input: async (w) => ({ KeyId: w.enabled.id, GranteePrincipal: AUDITOR, Marker: await markerFrom(w, 'ListGrants', { KeyId: w.enabled.id }) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListGrants',
    label: 'Marker issued by ListRetirableGrants',
    input: async (w) => ({ KeyId: w.enabled.id, Marker: await markerFrom(w, 'ListRetirableGrants', { RetiringPrincipal: RETIRER }) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListRetirableGrants',
    label: 'Marker issued for another RetiringPrincipal',
    input: async (w) => ({ RetiringPrincipal: GRANTEE, Marker: await markerFrom(w, 'ListRetirableGrants', { RetiringPrincipal: RETIRER }) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListRetirableGrants',
    label: 'Marker issued by ListGrants',
    input: async (w) => ({ RetiringPrincipal: RETIRER, Marker: await markerFrom(w, 'ListGrants', { KeyId: w.enabled.id }) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListKeyPolicies',
    label: 'Marker issued by ListKeys',
    input: async (w) => ({ KeyId: w.enabled.id, Marker: await markerFrom(w, 'ListKeys', {}) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListKeys',
    label: 'Marker issued by another Kms instance',
    input: async (w) => ({ Marker: await markerFrom(cloneWorld(w), 'ListKeys', {}) }),
    name: 'InvalidMarkerException',
  },
  {
    op: 'ListKeys',
    label: 'genuine Marker with its last character changed',
    input: async (w) => {
      const m = await markerFrom(w, 'ListKeys', {});
      return { Marker: m.slice(0, -1) + (m.endsWith('0') ? '1' : '0') };
    },
    name: 'InvalidMarkerException',
  },
);
// DryRun.
for (const op of [
  'Encrypt',
  'Decrypt',
  'ReEncrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'DeriveSharedSecret',
  'GenerateMac',
  'VerifyMac',
  'Sign',
  'Verify',
  'CreateGrant',
  'RetireGrant',
  'RevokeGrant',
] as const) {
  add({ op, label: 'DryRun on a request that would succeed', input: withMember(op, 'DryRun', true), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE });
}
add(
  {
    op: 'Decrypt',
    label: 'DryRun with IGNORE_CIPHERTEXT and no ciphertext',
    input: (w) => ({ KeyId: w.enabled.id, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    name: 'DryRunOperationException',
    message: DRY_RUN_MESSAGE,
  },
  {
    op: 'Decrypt',
    label: 'DryRun with IGNORE_CIPHERTEXT and a garbage ciphertext',
    input: (w) => ({ KeyId: 'alias/enabled', CiphertextBlob: bytes(40), DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    name: 'DryRunOperationException',
    message: DRY_RUN_MESSAGE,
  },
  {
    op: 'Decrypt',
    label: 'DryRun with IGNORE_CIPHERTEXT and no KeyId',
    input: () => ({ DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    name: 'ValidationException',
    message: one(nullAt('keyId')),
  },
  {
    op: 'Decrypt',
    label: 'DryRun with IGNORE_CIPHERTEXT on a disabled key',
    input: (w) => ({ KeyId: w.disabled.id, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    name: 'DisabledException',
    message: disabled,
  },
  {
    op: 'ReEncrypt',
    label: 'DryRun with IGNORE_CIPHERTEXT and no ciphertext',
    input: (w) => ({ SourceKeyId: w.enabled.id, DestinationKeyId: w.other.id, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    name: 'DryRunOperationException',
    message: DRY_RUN_MESSAGE,
  },
  {
    op: 'ReEncrypt',
    label: 'DryRun with IGNORE_CIPHERTEXT and no SourceKeyId',
    input: (w) => ({ DestinationKeyId: w.other.id, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    name: 'ValidationException',
    message: one(nullAt('sourceKeyId')),
  },
  { op: 'Decrypt', label: 'DryRun with a garbage ciphertext', input: (w) => ({ ...BASE.Decrypt(w), CiphertextBlob: bytes(200), DryRun: true }), name: 'InvalidCiphertextException', message: '' },
  { op: 'Encrypt', label: 'DryRun on an unknown key', input: (w) => ({ ...BASE.Encrypt(w), KeyId: UNKNOWN_UUID, DryRun: true }), name: 'NotFoundException' },
);
// Ciphertexts.
const tamper = (blob: Uint8Array, at: number): Uint8Array => {
  const copy = blob.slice();
  const i = at < 0 ? copy.length + at : at;
  copy[i] = copy[i]! ^ 0x01;
  return copy;
};
const GARBAGE: readonly [string, (w: World) => Uint8Array][] = [
  ['one byte', () => new Uint8Array([0x70])],
  ['200 random-looking bytes', () => Uint8Array.from({ length: 200 }, (_, i) => (i * 151 + 7) & 0xff)],
  ['6144 zero bytes', () => new Uint8Array(6144)],
  ['the header only', (w) => w.blobs.enabled.slice(0, 116)],
  ['truncated by one byte', (w) => w.blobs.enabled.slice(0, -1)],
  ['truncated to 20 bytes', (w) => w.blobs.enabled.slice(0, 20)],
  ['one byte appended', (w) => Uint8Array.from([...w.blobs.enabled, 0])],
  ['last tag byte flipped', (w) => tamper(w.blobs.enabled, -1)],
  ['first ciphertext byte flipped', (w) => tamper(w.blobs.enabled, 116)],
  ['format version changed', (w) => tamper(w.blobs.enabled, 2)],
  ['magic changed', (w) => tamper(w.blobs.enabled, 0)],
  ['key-id length changed', (w) => tamper(w.blobs.enabled, 3)],
  ['account digit changed', (w) => tamper(w.blobs.enabled, 4)],
  ['key id character changed', (w) => tamper(w.blobs.enabled, 16)],
  ['material id changed', (w) => tamper(w.blobs.enabled, 60)],
  ['salt changed', (w) => tamper(w.blobs.enabled, 90)],
  ['header check changed', (w) => tamper(w.blobs.enabled, 113)],
];
for (const op of ['Decrypt', 'ReEncrypt'] as const) {
  for (const [what, blob] of GARBAGE) {
    add({ op, label: `ciphertext: ${what}`, input: (w) => ({ ...BASE[op](w), CiphertextBlob: blob(w) }), name: 'InvalidCiphertextException', message: '' });
  }
  const ctx = op === 'Decrypt' ? 'EncryptionContext' : 'SourceEncryptionContext';
  for (const [what, context] of [
    ['missing', undefined],
    ['empty', {}],
    ['with a pair removed', { purpose: CONTEXT.purpose }],
    ['with a pair added', { ...CONTEXT, extra: 'x' }],
    ['with a value changed', { ...CONTEXT, tenant: 'b' }],
    ['with a key in another case', { PURPOSE: CONTEXT.purpose, tenant: 'a' }],
  ] as const) {
    add({ op, label: `encryption context ${what}`, input: withMember(op, ctx, context), name: 'InvalidCiphertextException', message: '' });
  }
  add(
    { op, label: 'ciphertext of a key this store does not hold', input: (w) => ({ ...without(op, op === 'Decrypt' ? 'KeyId' : 'SourceKeyId')(w), CiphertextBlob: w.foreignBlob }), name: 'AccessDeniedException', message: CIPHERTEXT_KEY_MISSING },
    { op, label: 'ciphertext from another account', input: (w) => ({ ...without(op, op === 'Decrypt' ? 'KeyId' : 'SourceKeyId')(w), CiphertextBlob: w.otherAccountBlob }), name: 'AccessDeniedException', message: CIPHERTEXT_KEY_MISSING },
    { op, label: 'foreign ciphertext with a KeyId', input: (w) => ({ ...BASE[op](w), CiphertextBlob: w.foreignBlob }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
  );
}
add(
  { op: 'Decrypt', label: 'KeyId of another key', input: (w) => ({ ...BASE.Decrypt(w), KeyId: w.other.id }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
  { op: 'Decrypt', label: 'KeyId of another key, by alias', input: (w) => ({ ...BASE.Decrypt(w), KeyId: 'alias/other' }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
  { op: 'Decrypt', label: 'KeyId of a disabled other key', input: (w) => ({ ...BASE.Decrypt(w), KeyId: w.disabled.arn }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
  { op: 'ReEncrypt', label: 'SourceKeyId of another key', input: (w) => ({ ...BASE.ReEncrypt(w), SourceKeyId: 'alias/other' }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
);
for (const op of ['Encrypt', 'Decrypt'] as const) {
  for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE']) {
    add({ op, label: `EncryptionAlgorithm ${algorithm} on a symmetric key`, input: withMember(op, 'EncryptionAlgorithm', algorithm), name: 'InvalidKeyUsageException' });
  }
}
add(
  { op: 'ReEncrypt', label: 'SourceEncryptionAlgorithm RSAES_OAEP_SHA_256', input: withMember('ReEncrypt', 'SourceEncryptionAlgorithm', 'RSAES_OAEP_SHA_256'), name: 'InvalidKeyUsageException' },
  { op: 'ReEncrypt', label: 'DestinationEncryptionAlgorithm SM2PKE', input: withMember('ReEncrypt', 'DestinationEncryptionAlgorithm', 'SM2PKE'), name: 'InvalidKeyUsageException' },
);
// HMAC keys: the MAC algorithm must be the key's, the key must be for GENERATE_VERIFY_MAC, a MAC
// that does not verify is KMSInvalidMacException (with AWS's empty message), and an HMAC key is no
// encryption key.
const MAC_OPS = ['GenerateMac', 'VerifyMac'] as const;
const usageRefused = (arn: (w: World) => string, usage: string, op: string) => (w: World) => `${arn(w)} key usage is ${usage} which is not valid for ${op}.`;
for (const op of MAC_OPS) {
  for (const algorithm of ['HMAC_SHA_224', 'HMAC_SHA_384', 'HMAC_SHA_512']) {
    add({
      op,
      label: `MacAlgorithm ${algorithm} on an HMAC_256 key`,
      input: withMember(op, 'MacAlgorithm', algorithm),
      name: 'InvalidKeyUsageException',
      message: `Algorithm ${algorithm} is incompatible with key spec HMAC_256.`,
    });
  }
  for (const [form, id, arn] of [
    ['key id', (w: World) => w.enabled.id, (w: World) => w.enabled.arn],
    ['key ARN', (w: World) => w.enabled.arn, (w: World) => w.enabled.arn],
    ['alias', () => 'alias/enabled', (w: World) => w.enabled.arn],
    ['alias ARN', () => aliasArnOf('alias/other'), (w: World) => w.other.arn],
  ] as const) {
    add({
      op,
      label: `symmetric encryption key by ${form}`,
      input: (w) => ({ ...BASE[op](w), KeyId: id(w) }),
      name: 'InvalidKeyUsageException',
      message: usageRefused(arn, 'ENCRYPT_DECRYPT', op),
    });
  }
  add(
    {
      op,
      label: 'symmetric encryption key with DryRun',
      input: (w) => ({ ...BASE[op](w), KeyId: w.enabled.id, DryRun: true }),
      name: 'InvalidKeyUsageException',
      message: usageRefused((w) => w.enabled.arn, 'ENCRYPT_DECRYPT', op),
    },
    {
      op,
      label: 'MacAlgorithm HMAC_SHA_512 with DryRun',
      input: withMembers(op, () => ({ MacAlgorithm: 'HMAC_SHA_512', DryRun: true })),
      name: 'InvalidKeyUsageException',
      message: 'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.',
    },
    {
      op,
      label: 'symmetric key and a wrong MacAlgorithm (key usage first)',
      input: withMembers(op, (w) => ({ KeyId: w.other.id, MacAlgorithm: 'HMAC_SHA_224' })),
      name: 'InvalidKeyUsageException',
      message: usageRefused((w) => w.other.arn, 'ENCRYPT_DECRYPT', op),
    },
    {
      op,
      label: 'Message of 4097 bytes and an unknown key (validation first)',
      input: withMembers(op, () => ({ Message: bytes(4097), KeyId: UNKNOWN_UUID })),
      name: 'ValidationException',
      message: blobViolation('message', 'length less than or equal to 4096'),
    },
  );
}
/** The seeded MAC with the byte at `at` flipped. */
const macFlipped = (at: number) => (w: World) => tamper(w.mac, at);
const WRONG_MACS: readonly [string, (w: World) => Uint8Array | Promise<Uint8Array>][] = [
  ['first byte flipped', macFlipped(0)],
  ['last byte flipped', macFlipped(-1)],
  ['a bit in the middle flipped', macFlipped(16)],
  ['truncated by one byte', (w) => w.mac.slice(0, -1)],
  ['truncated to 16 bytes', (w) => w.mac.slice(0, 16)],
  ['one byte appended', (w) => Uint8Array.from([...w.mac, 0])],
  ['doubled', (w) => Uint8Array.from([...w.mac, ...w.mac])],
  ['one byte', () => new Uint8Array([0x01])],
  ['32 zero bytes', () => new Uint8Array(32)],
  ['6144 bytes (the longest Mac)', () => bytes(6144)],
  ['the MAC of the message under another HMAC key', (w) => w.otherKeyMac.slice()],
  ['the MAC of another message under the same key', async (w) => (await w.kms.generateMac({ KeyId: w.hmac.id, Message: PLAINTEXT, MacAlgorithm: 'HMAC_SHA_256' })).Mac!],
  ['the message itself', () => MAC_MESSAGE.slice()],
];
for (const [what, mac] of WRONG_MACS) {
  add({ op: 'VerifyMac', label: `Mac: ${what}`, input: async (w) => ({ ...BASE.VerifyMac(w), Mac: await mac(w) }), name: 'KMSInvalidMacException', message: '' });
}
for (const [what, message] of [
  ['a byte changed', () => tamper(MAC_MESSAGE, 0)],
  ['a byte appended', () => Uint8Array.from([...MAC_MESSAGE, 0])],
  ['truncated by one byte', () => MAC_MESSAGE.slice(0, -1)],
  ['of 4096 bytes', () => bytes(4096)],
] as const) {
  add({ op: 'VerifyMac', label: `Message ${what}`, input: withMember('VerifyMac', 'Message', message()), name: 'KMSInvalidMacException', message: '' });
}
add(
  { op: 'VerifyMac', label: 'Mac: the MAC of another HMAC key, this key named by alias', input: (w) => ({ ...BASE.VerifyMac(w), KeyId: 'alias/hmac', Mac: w.otherKeyMac.slice() }), name: 'KMSInvalidMacException', message: '' },
  { op: 'VerifyMac', label: 'a wrong Mac on a symmetric key (key usage first)', input: (w) => ({ ...BASE.VerifyMac(w), KeyId: w.enabled.id, Mac: bytes(32) }), name: 'InvalidKeyUsageException' },
  { op: 'VerifyMac', label: 'a wrong Mac with a wrong MacAlgorithm (algorithm first)', input: (w) => ({ ...BASE.VerifyMac(w), MacAlgorithm: 'HMAC_SHA_384', Mac: bytes(48) }), name: 'InvalidKeyUsageException' },
  { op: 'VerifyMac', label: 'an oversized Mac on an unknown key (validation first)', input: (w) => ({ ...BASE.VerifyMac(w), KeyId: UNKNOWN_UUID, Mac: bytes(6145) }), name: 'ValidationException', message: blobViolation('mac', 'length less than or equal to 6144') },
  {
    op: 'VerifyMac',
    label: 'empty Message and empty Mac report both',
    input: withMembers('VerifyMac', () => ({ Message: new Uint8Array(0), Mac: new Uint8Array(0) })),
    name: 'ValidationException',
    message: /^2 validation errors detected: Value .*at 'message' .*; Value .*at 'mac' .*$/,
  },
);
// An HMAC key where an encryption key is wanted.
const hmacUsage = (op: string) => usageRefused((w) => w.hmac.arn, 'GENERATE_VERIFY_MAC', op);
for (const op of ['Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'] as const) {
  add(
    { op, label: 'HMAC key', input: (w) => ({ ...BASE[op](w), KeyId: w.hmac.id }), name: 'InvalidKeyUsageException', message: hmacUsage(op) },
    { op, label: 'HMAC key by alias', input: (w) => ({ ...BASE[op](w), KeyId: 'alias/hmac' }), name: 'InvalidKeyUsageException', message: hmacUsage(op) },
    { op, label: 'HMAC key with DryRun', input: (w) => ({ ...BASE[op](w), KeyId: w.hmac.arn, DryRun: true }), name: 'InvalidKeyUsageException', message: hmacUsage(op) },
  );
}
add(
  {
    op: 'Decrypt',
    label: 'HMAC key with DryRun and IGNORE_CIPHERTEXT',
    input: (w) => ({ KeyId: w.hmac.id, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    name: 'InvalidKeyUsageException',
    message: hmacUsage('Decrypt'),
  },
  { op: 'Decrypt', label: 'KeyId of an HMAC key for a ciphertext of another key', input: (w) => ({ ...BASE.Decrypt(w), KeyId: 'alias/hmac' }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
  { op: 'Decrypt', label: 'a MAC as the ciphertext', input: (w) => ({ CiphertextBlob: w.mac.slice(), KeyId: w.hmac.id }), name: 'InvalidCiphertextException', message: '' },
  { op: 'ReEncrypt', label: 'DestinationKeyId of an HMAC key', input: (w) => ({ ...BASE.ReEncrypt(w), DestinationKeyId: 'alias/hmac' }), name: 'InvalidKeyUsageException', message: /^arn:aws:kms:\S+ key usage is GENERATE_VERIFY_MAC which is not valid for \w+\.$/ },
  { op: 'ReEncrypt', label: 'SourceKeyId of an HMAC key', input: (w) => ({ ...BASE.ReEncrypt(w), SourceKeyId: w.hmac.id }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
);
// Signing keys: the signing algorithm must be the key spec's, the key must be for SIGN_VERIFY, a
// digest must be as long as the algorithm's hash, a signature that does not verify is
// KMSInvalidSignatureException (with an empty message), and a signing key is no encryption or
// HMAC key. The seeded signing key is ECC_NIST_P256 (ECDSA_SHA_256 only).
const SIGN_OPS = ['Sign', 'Verify'] as const;
const DIGEST_OF_MESSAGE = new Uint8Array(createHash('sha256').update(SIGN_MESSAGE).digest());
for (const op of SIGN_OPS) {
  for (const algorithm of ['ECDSA_SHA_384', 'ECDSA_SHA_512', 'ED25519_SHA_512', 'ED25519_PH_SHA_512', 'RSASSA_PSS_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256', 'SM2DSA', 'ML_DSA_SHAKE_256']) {
    add({
      op,
      label: `SigningAlgorithm ${algorithm} on an ECC_NIST_P256 key`,
      input: withMember(op, 'SigningAlgorithm', algorithm),
      name: 'InvalidKeyUsageException',
      message: `Algorithm ${algorithm} is incompatible with key spec ECC_NIST_P256.`,
    });
  }
  for (const [form, id, arn] of [
    ['key id', (w: World) => w.enabled.id, (w: World) => w.enabled.arn],
    ['key ARN', (w: World) => w.enabled.arn, (w: World) => w.enabled.arn],
    ['alias', () => 'alias/enabled', (w: World) => w.enabled.arn],
    ['alias ARN', () => aliasArnOf('alias/other'), (w: World) => w.other.arn],
  ] as const) {
    add({
      op,
      label: `symmetric encryption key by ${form}`,
      input: (w) => ({ ...BASE[op](w), KeyId: id(w) }),
      name: 'InvalidKeyUsageException',
      message: usageRefused(arn, 'ENCRYPT_DECRYPT', op),
    });
  }
  add(
    { op, label: 'HMAC key', input: (w) => ({ ...BASE[op](w), KeyId: w.hmac.id }), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.hmac.arn, 'GENERATE_VERIFY_MAC', op) },
    { op, label: 'HMAC key by alias', input: (w) => ({ ...BASE[op](w), KeyId: 'alias/hmac' }), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.hmac.arn, 'GENERATE_VERIFY_MAC', op) },
    {
      op,
      label: 'symmetric encryption key with DryRun',
      input: (w) => ({ ...BASE[op](w), KeyId: w.enabled.id, DryRun: true }),
      name: 'InvalidKeyUsageException',
      message: usageRefused((w) => w.enabled.arn, 'ENCRYPT_DECRYPT', op),
    },
    {
      op,
      label: 'SigningAlgorithm ECDSA_SHA_384 with DryRun',
      input: withMembers(op, () => ({ SigningAlgorithm: 'ECDSA_SHA_384', DryRun: true })),
      name: 'InvalidKeyUsageException',
      message: 'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
    },
    {
      op,
      label: 'symmetric key and a wrong SigningAlgorithm (key usage first)',
      input: withMembers(op, (w) => ({ KeyId: w.other.id, SigningAlgorithm: 'ECDSA_SHA_512' })),
      name: 'InvalidKeyUsageException',
      message: usageRefused((w) => w.other.arn, 'ENCRYPT_DECRYPT', op),
    },
    {
      op,
      label: 'Message of 4097 bytes and an unknown key (validation first)',
      input: withMembers(op, () => ({ Message: bytes(4097), KeyId: UNKNOWN_UUID })),
      name: 'ValidationException',
      message: blobViolation('message', 'length less than or equal to 4096'),
    },
    {
      op,
      label: 'a wrong SigningAlgorithm and a DIGEST of the wrong length (algorithm first)',
      input: withMembers(op, () => ({ SigningAlgorithm: 'ECDSA_SHA_384', MessageType: 'DIGEST', Message: bytes(31) })),
      name: 'InvalidKeyUsageException',
      message: 'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
    },
    {
      op,
      label: 'a 48-byte DIGEST with ECDSA_SHA_384 (the algorithm is refused, not the length)',
      input: withMembers(op, () => ({ SigningAlgorithm: 'ECDSA_SHA_384', MessageType: 'DIGEST', Message: bytes(48) })),
      name: 'InvalidKeyUsageException',
      message: 'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
    },
    { op, label: 'MessageType EXTERNAL_MU', input: withMember(op, 'MessageType', 'EXTERNAL_MU'), name: 'ValidationException', message: /EXTERNAL_MU/ },
    { op, label: 'MessageType EXTERNAL_MU with DryRun', input: withMembers(op, () => ({ MessageType: 'EXTERNAL_MU', DryRun: true })), name: 'ValidationException', message: /EXTERNAL_MU/ },
    {
      op,
      label: 'MessageType EXTERNAL_MU with a 64-byte mu',
      input: withMembers(op, () => ({ MessageType: 'EXTERNAL_MU', Message: bytes(64) })),
      name: 'ValidationException',
      message: /EXTERNAL_MU/,
    },
    {
      op,
      label: 'MessageType EXTERNAL_MU on a symmetric key (key usage first)',
      input: withMembers(op, (w) => ({ MessageType: 'EXTERNAL_MU', KeyId: w.enabled.id })),
      name: 'InvalidKeyUsageException',
      message: usageRefused((w) => w.enabled.arn, 'ENCRYPT_DECRYPT', op),
    },
  );
  for (const length of [1, 20, 31, 33, 48, 64, 4096]) {
    add({
      op,
      label: `DIGEST of ${length} bytes`,
      input: withMembers(op, () => ({ MessageType: 'DIGEST', Message: bytes(length) })),
      name: 'ValidationException',
      message: 'Digest is invalid length for algorithm ECDSA_SHA_256.',
    });
  }
  add(
    {
      op,
      label: 'DIGEST of the wrong length with DryRun',
      input: withMembers(op, () => ({ MessageType: 'DIGEST', Message: bytes(33), DryRun: true })),
      name: 'ValidationException',
      message: 'Digest is invalid length for algorithm ECDSA_SHA_256.',
    },
    {
      op,
      label: 'DIGEST of the wrong length on a disabled signing key (state first)',
      input: (w) => ({ ...BASE[op](w), KeyId: w.signingDisabled.id, MessageType: 'DIGEST', Message: bytes(33) }),
      name: 'DisabledException',
      message: signingDisabled,
    },
    { op, label: 'DIGEST with DryRun', input: withMembers(op, () => ({ MessageType: 'DIGEST', Message: DIGEST_OF_MESSAGE.slice(), DryRun: true })), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE },
  );
}
/** The seeded signature with the byte at `at` flipped. */
const signatureFlipped = (at: number) => (w: World) => tamper(w.signature, at);
const WRONG_SIGNATURES: readonly [string, (w: World) => Uint8Array | Promise<Uint8Array>][] = [
  ['first byte (the DER SEQUENCE tag) flipped', signatureFlipped(0)],
  ['DER length byte flipped', signatureFlipped(1)],
  ['last byte flipped', signatureFlipped(-1)],
  ['a byte of r flipped', signatureFlipped(10)],
  ['a byte in the middle flipped', signatureFlipped(36)],
  ['truncated by one byte', (w) => w.signature.slice(0, -1)],
  ['truncated to 8 bytes', (w) => w.signature.slice(0, 8)],
  ['one byte appended', (w) => Uint8Array.from([...w.signature, 0])],
  ['doubled', (w) => Uint8Array.from([...w.signature, ...w.signature])],
  ['one byte', () => new Uint8Array([0x30])],
  ['64 zero bytes (the raw r||s form)', () => new Uint8Array(64)],
  ['a DER signature with r = s = 0', () => new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00])],
  ['a DER signature with r = s = 1', () => new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01])],
  ['an empty DER SEQUENCE', () => new Uint8Array([0x30, 0x00])],
  ['6144 bytes (the longest Signature)', () => bytes(6144)],
  ['the signature of the message under another signing key', (w) => w.otherKeySignature.slice()],
  [
    'the signature of another message under the same key',
    async (w) => (await w.kms.sign({ KeyId: w.signing.id, Message: PLAINTEXT, SigningAlgorithm: 'ECDSA_SHA_256' })).Signature!,
  ],
  ['the message itself', () => SIGN_MESSAGE.slice()],
  ['an HMAC MAC', (w) => w.mac.slice()],
];
for (const [what, signature] of WRONG_SIGNATURES) {
  add({ op: 'Verify', label: `Signature: ${what}`, input: async (w) => ({ ...BASE.Verify(w), Signature: await signature(w) }), name: 'KMSInvalidSignatureException', message: '' });
}
for (const [what, message] of [
  ['a byte changed', () => tamper(SIGN_MESSAGE, 0)],
  ['a byte appended', () => Uint8Array.from([...SIGN_MESSAGE, 0])],
  ['truncated by one byte', () => SIGN_MESSAGE.slice(0, -1)],
  ['of 4096 bytes', () => bytes(4096)],
  ['its own SHA-256 digest (as RAW)', () => DIGEST_OF_MESSAGE.slice()],
] as const) {
  add({ op: 'Verify', label: `Message ${what}`, input: withMember('Verify', 'Message', message()), name: 'KMSInvalidSignatureException', message: '' });
}
add(
  { op: 'Verify', label: 'Signature: the signature of another signing key, this key named by alias', input: (w) => ({ ...BASE.Verify(w), KeyId: 'alias/signing', Signature: w.otherKeySignature.slice() }), name: 'KMSInvalidSignatureException', message: '' },
  { op: 'Verify', label: 'MessageType DIGEST with a digest of another message', input: withMembers('Verify', () => ({ MessageType: 'DIGEST', Message: tamper(DIGEST_OF_MESSAGE, 0) })), name: 'KMSInvalidSignatureException', message: '' },
  { op: 'Verify', label: 'MessageType DIGEST with the message itself padded to 32 bytes', input: withMembers('Verify', () => ({ MessageType: 'DIGEST', Message: Uint8Array.from({ length: 32 }, (_, i) => SIGN_MESSAGE[i] ?? 0) })), name: 'KMSInvalidSignatureException', message: '' },
  { op: 'Verify', label: 'a wrong Signature on a symmetric key (key usage first)', input: (w) => ({ ...BASE.Verify(w), KeyId: w.enabled.id, Signature: bytes(64) }), name: 'InvalidKeyUsageException' },
  { op: 'Verify', label: 'a wrong Signature with a wrong SigningAlgorithm (algorithm first)', input: (w) => ({ ...BASE.Verify(w), SigningAlgorithm: 'ECDSA_SHA_384', Signature: bytes(64) }), name: 'InvalidKeyUsageException' },
  { op: 'Verify', label: 'a wrong Signature with DryRun (DryRun before the signature)', input: (w) => ({ ...BASE.Verify(w), Signature: bytes(64), DryRun: true }), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE },
  { op: 'Verify', label: 'an oversized Signature on an unknown key (validation first)', input: (w) => ({ ...BASE.Verify(w), KeyId: UNKNOWN_UUID, Signature: bytes(6145) }), name: 'ValidationException', message: blobViolation('signature', 'length less than or equal to 6144') },
  {
    op: 'Verify',
    label: 'empty Message and empty Signature report both',
    input: withMembers('Verify', () => ({ Message: new Uint8Array(0), Signature: new Uint8Array(0) })),
    name: 'ValidationException',
    message: /^2 validation errors detected: Value .*at 'message' .*; Value .*at 'signature' .*$/,
  },
);
// GetPublicKey: only asymmetric keys have a public key.
const noPublicKey = (arn: (w: World) => string) => (w: World) => new RegExp(`^${escape(arn(w))}\\b`);
add(
  { op: 'GetPublicKey', label: 'symmetric encryption key', input: (w) => ({ KeyId: w.enabled.id }), name: 'UnsupportedOperationException', message: noPublicKey((w) => w.enabled.arn) },
  { op: 'GetPublicKey', label: 'symmetric encryption key by alias', input: () => ({ KeyId: 'alias/other' }), name: 'UnsupportedOperationException', message: noPublicKey((w) => w.other.arn) },
  { op: 'GetPublicKey', label: 'symmetric encryption key by alias ARN, with a grant token', input: () => ({ KeyId: aliasArnOf('alias/enabled'), GrantTokens: [TOKEN] }), name: 'UnsupportedOperationException', message: noPublicKey((w) => w.enabled.arn) },
  { op: 'GetPublicKey', label: 'HMAC key', input: (w) => ({ KeyId: w.hmac.arn }), name: 'UnsupportedOperationException', message: noPublicKey((w) => w.hmac.arn) },
  { op: 'GetPublicKey', label: 'HMAC key by alias', input: () => ({ KeyId: 'alias/hmac' }), name: 'UnsupportedOperationException', message: noPublicKey((w) => w.hmac.arn) },
  { op: 'GetPublicKey', label: 'DryRun (not a member of GetPublicKey) is ignored, the symmetric key refused', input: (w) => ({ KeyId: w.enabled.id, DryRun: true }), name: 'UnsupportedOperationException' },
);
// A signing key where an encryption or HMAC key is wanted.
const signingUsage = (op: string) => usageRefused((w) => w.signing.arn, 'SIGN_VERIFY', op);
for (const op of ['Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateMac', 'VerifyMac'] as const) {
  add(
    { op, label: 'signing key', input: (w) => ({ ...BASE[op](w), KeyId: w.signing.id }), name: 'InvalidKeyUsageException', message: signingUsage(op) },
    { op, label: 'signing key by alias', input: (w) => ({ ...BASE[op](w), KeyId: 'alias/signing' }), name: 'InvalidKeyUsageException', message: signingUsage(op) },
    { op, label: 'signing key with DryRun', input: (w) => ({ ...BASE[op](w), KeyId: w.signing.arn, DryRun: true }), name: 'InvalidKeyUsageException', message: signingUsage(op) },
  );
}
add(
  { op: 'VerifyMac', label: 'a signature as the Mac, on the signing key', input: (w) => ({ ...BASE.VerifyMac(w), KeyId: w.signing.id, Message: SIGN_MESSAGE.slice(), Mac: w.signature.slice() }), name: 'InvalidKeyUsageException', message: signingUsage('VerifyMac') },
  {
    op: 'Decrypt',
    label: 'signing key with DryRun and IGNORE_CIPHERTEXT',
    input: (w) => ({ KeyId: w.signing.id, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    name: 'InvalidKeyUsageException',
    message: signingUsage('Decrypt'),
  },
  { op: 'Decrypt', label: 'KeyId of a signing key for a ciphertext of another key', input: (w) => ({ ...BASE.Decrypt(w), KeyId: 'alias/signing' }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
  { op: 'Decrypt', label: 'a signature as the ciphertext', input: (w) => ({ CiphertextBlob: w.signature.slice(), KeyId: w.signing.id }), name: 'InvalidCiphertextException', message: '' },
  { op: 'ReEncrypt', label: 'DestinationKeyId of a signing key', input: (w) => ({ ...BASE.ReEncrypt(w), DestinationKeyId: 'alias/signing' }), name: 'InvalidKeyUsageException', message: /^arn:aws:kms:\S+ key usage is SIGN_VERIFY which is not valid for \w+\.$/ },
  { op: 'ReEncrypt', label: 'SourceKeyId of a signing key', input: (w) => ({ ...BASE.ReEncrypt(w), SourceKeyId: w.signing.id }), name: 'IncorrectKeyException', message: INCORRECT_KEY },
);
// CreateKey.
add(
  { op: 'CreateKey', label: 'KeySpec SM2 (outside China) for ENCRYPT_DECRYPT', input: () => ({ KeySpec: 'SM2', KeyUsage: 'ENCRYPT_DECRYPT' }), name: 'UnsupportedOperationException', message: SM2_KEY_SPEC },
  { op: 'CreateKey', label: 'KeySpec SM2 (outside China) for SIGN_VERIFY', input: () => ({ KeySpec: 'SM2', KeyUsage: 'SIGN_VERIFY' }), name: 'UnsupportedOperationException', message: SM2_KEY_SPEC },
  { op: 'CreateKey', label: 'KeySpec SM2 (outside China) for KEY_AGREEMENT', input: () => ({ KeySpec: 'SM2', KeyUsage: 'KEY_AGREEMENT' }), name: 'UnsupportedOperationException', message: SM2_KEY_SPEC },
  { op: 'CreateKey', label: 'KeyUsage KEY_AGREEMENT for an RSA_2048 key', input: () => ({ KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' }), name: 'ValidationException', message: 'KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048' },
  { op: 'CreateKey', label: 'KeyUsage GENERATE_VERIFY_MAC for an RSA_4096 key', input: () => ({ KeySpec: 'RSA_4096', KeyUsage: 'GENERATE_VERIFY_MAC' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage ENCRYPT_DECRYPT for an ML_DSA_44 key', input: () => ({ KeySpec: 'ML_DSA_44', KeyUsage: 'ENCRYPT_DECRYPT' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage KEY_AGREEMENT for an ML_DSA_65 key', input: () => ({ KeySpec: 'ML_DSA_65', KeyUsage: 'KEY_AGREEMENT' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage KEY_AGREEMENT for an ECC_SECG_P256K1 key', input: () => ({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'KEY_AGREEMENT' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage KEY_AGREEMENT for an ECC_NIST_EDWARDS25519 key', input: () => ({ KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'KEY_AGREEMENT' }), name: 'ValidationException' },
  {
    op: 'CreateKey',
    label: 'ML_DSA_44 without KeyUsage',
    input: () => ({ KeySpec: 'ML_DSA_44' }),
    name: 'ValidationException',
    message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
  },
  { op: 'CreateKey', label: 'key agreement key with MultiRegion', input: () => ({ KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT', MultiRegion: true }), name: 'UnsupportedOperationException' },
  {
    op: 'CreateKey',
    label: 'signing KeySpec ECC_NIST_P256 without KeyUsage',
    input: () => ({ KeySpec: 'ECC_NIST_P256' }),
    name: 'ValidationException',
    message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
  },
  { op: 'CreateKey', label: 'KeyUsage ENCRYPT_DECRYPT for an ECC_NIST_P256 key', input: () => ({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'ENCRYPT_DECRYPT' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage GENERATE_VERIFY_MAC for an ECC_SECG_P256K1 key', input: () => ({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'GENERATE_VERIFY_MAC' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage ENCRYPT_DECRYPT for an ECC_NIST_EDWARDS25519 key', input: () => ({ KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'ENCRYPT_DECRYPT' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage SIGN_VERIFY for an HMAC_256 key given as CustomerMasterKeySpec', input: () => ({ CustomerMasterKeySpec: 'HMAC_256', KeyUsage: 'SIGN_VERIFY' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'signing key with MultiRegion', input: () => ({ KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY', MultiRegion: true }), name: 'UnsupportedOperationException' },
  { op: 'CreateKey', label: 'signing key with Origin EXTERNAL', input: () => ({ KeySpec: 'ECC_NIST_P521', KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' }), name: 'UnsupportedOperationException' },
  { op: 'CreateKey', label: 'CustomerMasterKeySpec SM2 (outside China)', input: () => ({ CustomerMasterKeySpec: 'SM2', KeyUsage: 'SIGN_VERIFY' }), name: 'UnsupportedOperationException', message: SM2_KEY_SPEC },
  {
    op: 'CreateKey',
    label: 'HMAC KeySpec without KeyUsage',
    input: () => ({ KeySpec: 'HMAC_256' }),
    name: 'ValidationException',
    message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
  },
  {
    op: 'CreateKey',
    label: 'CustomerMasterKeySpec HMAC_512 without KeyUsage',
    input: () => ({ CustomerMasterKeySpec: 'HMAC_512' }),
    name: 'ValidationException',
    message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
  },
  { op: 'CreateKey', label: 'KeyUsage ENCRYPT_DECRYPT for an HMAC key', input: () => ({ KeySpec: 'HMAC_256', KeyUsage: 'ENCRYPT_DECRYPT' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage SIGN_VERIFY for an HMAC key', input: () => ({ KeySpec: 'HMAC_384', KeyUsage: 'SIGN_VERIFY' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage GENERATE_VERIFY_MAC for a symmetric key', input: withMember('CreateKey', 'KeyUsage', 'GENERATE_VERIFY_MAC'), name: 'ValidationException' },
  { op: 'CreateKey', label: 'HMAC key with Origin EXTERNAL', input: () => ({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' }), name: 'UnsupportedOperationException' },
  { op: 'CreateKey', label: 'HMAC key with MultiRegion', input: () => ({ KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC', MultiRegion: true }), name: 'UnsupportedOperationException' },
  {
    op: 'CreateKey',
    label: 'asymmetric KeySpec without KeyUsage',
    input: () => ({ KeySpec: 'RSA_2048' }),
    name: 'ValidationException',
    message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
  },
  { op: 'CreateKey', label: 'both KeySpec and CustomerMasterKeySpec', input: () => ({ KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' }), name: 'ValidationException' },
  { op: 'CreateKey', label: 'KeyUsage SIGN_VERIFY for a symmetric key', input: withMember('CreateKey', 'KeyUsage', 'SIGN_VERIFY'), name: 'ValidationException' },
  { op: 'CreateKey', label: 'CustomKeyStoreId', input: withMember('CreateKey', 'CustomKeyStoreId', 'cks-1234567890abcdef0'), name: 'CustomKeyStoreNotFoundException' },
  { op: 'CreateKey', label: 'Origin AWS_CLOUDHSM with a CustomKeyStoreId', input: withMembers('CreateKey', () => ({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: 'cks-1234567890abcdef0' })), name: 'CustomKeyStoreNotFoundException' },
  { op: 'CreateKey', label: 'Origin AWS_CLOUDHSM without a CustomKeyStoreId', input: withMember('CreateKey', 'Origin', 'AWS_CLOUDHSM'), name: 'ValidationException' },
  { op: 'CreateKey', label: 'Origin EXTERNAL_KEY_STORE without a CustomKeyStoreId', input: withMember('CreateKey', 'Origin', 'EXTERNAL_KEY_STORE'), name: 'ValidationException' },
  { op: 'CreateKey', label: 'Origin EXTERNAL', input: withMember('CreateKey', 'Origin', 'EXTERNAL'), name: 'UnsupportedOperationException' },
  { op: 'CreateKey', label: 'XksKeyId without Origin EXTERNAL_KEY_STORE', input: withMember('CreateKey', 'XksKeyId', 'xks-key-1'), name: 'ValidationException' },
  { op: 'CreateKey', label: 'MultiRegion', input: withMember('CreateKey', 'MultiRegion', true), name: 'UnsupportedOperationException' },
);
// Key policies: CreateKey and PutKeyPolicy refuse the same documents (policy-documents.test.ts
// has the full grammar; these are the ones every policy-taking operation must refuse).
const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';
const policyOf = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allowRoot = { Effect: 'Allow', Principal: { AWS: ROOT_ARN }, Action: 'kms:*', Resource: '*' };
const POLICY_REFUSALS: readonly [string, string, string, Message?][] = [
  ['not JSON', 'not json', 'MalformedPolicyDocumentException'],
  ['truncated JSON', ROOT_POLICY.slice(0, -1), 'MalformedPolicyDocumentException'],
  ['a JSON array', '[]', 'MalformedPolicyDocumentException'],
  ['JSON null', 'null', 'MalformedPolicyDocumentException'],
  ['a JSON string', '"policy"', 'MalformedPolicyDocumentException'],
  ['only whitespace', ' \t\r\n', 'MalformedPolicyDocumentException'],
  ['an empty Statement list', policyOf(), 'MalformedPolicyDocumentException'],
  ['no Statement', '{"Version":"2012-10-17"}', 'MalformedPolicyDocumentException'],
  ['a statement without Effect', policyOf({ Principal: { AWS: ROOT_ARN }, Action: 'kms:*', Resource: '*' }), 'MalformedPolicyDocumentException'],
  ['an unknown top-level element', JSON.stringify({ Version: '2012-10-17', Statement: [allowRoot], Extra: 1 }), 'MalformedPolicyDocumentException'],
  ['a __proto__ element', `{"Version":"2012-10-17","__proto__":{"Statement":[]},"Statement":[${JSON.stringify(allowRoot)}]}`, 'MalformedPolicyDocumentException'],
  ['Version 2012-10-18', JSON.stringify({ Version: '2012-10-18', Statement: [allowRoot] }), 'MalformedPolicyDocumentException'],
  ['duplicate Sids', policyOf({ Sid: 'a', ...allowRoot }, { Sid: 'a', ...allowRoot }), 'MalformedPolicyDocumentException'],
  ['an invalid principal', policyOf(allowRoot, { ...allowRoot, Principal: { AWS: 'arn:aws:iam::111122223333:group/admins' } }), 'MalformedPolicyDocumentException'],
  ['an escaped lone surrogate', policyOf({ ...allowRoot, Sid: 'x\uD800' }), 'MalformedPolicyDocumentException'],
  ['one that locks the caller out', policyOf({ ...allowRoot, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` } }), 'MalformedPolicyDocumentException', LOCKOUT],
  ['one that denies the caller kms:PutKeyPolicy', policyOf(allowRoot, { Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*' }), 'MalformedPolicyDocumentException', LOCKOUT],
  ['one that allows only another account', policyOf({ ...allowRoot, Principal: { AWS: OTHER_ACCOUNT } }), 'MalformedPolicyDocumentException', LOCKOUT],
  ['one that allows the caller only under a condition the request fails', policyOf({ ...allowRoot, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), 'MalformedPolicyDocumentException', LOCKOUT],
  ['one that allows nothing (no Action)', policyOf({ Effect: 'Allow', Principal: { AWS: ROOT_ARN }, Resource: '*' }), 'MalformedPolicyDocumentException', LOCKOUT],
  ['over 32 KiB', `{"Sid":"${'a'.repeat(40000)}"}`, 'LimitExceededException'],
  ['32,769 bytes', policyOf({ ...allowRoot, Sid: 'a'.repeat(32769 - policyOf({ ...allowRoot, Sid: '' }).length) }), 'LimitExceededException'],
  // 16,500 characters, but 33,000 bytes of UTF-8: the quota counts bytes.
  ['over 32 KiB only in UTF-8', policyOf({ ...allowRoot, Sid: '\u00e9'.repeat(16500) }), 'LimitExceededException'],
  ['a character outside the model pattern', policyOf({ ...allowRoot, Sid: '\u0100' }), 'ValidationException', /at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern/],
  ['a raw lone surrogate', policyOf({ ...allowRoot, Sid: '\uD800' }).replace('\\ud800', '\uD800'), 'ValidationException', /at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern/],
  ['a NUL character', `${ROOT_POLICY}\u0000`, 'ValidationException', /at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern/],
  ['a byte order mark', `\uFEFF${ROOT_POLICY}`, 'ValidationException', /at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern/],
];
for (const op of ['CreateKey', 'PutKeyPolicy'] as const) {
  for (const [what, policy, name, message] of POLICY_REFUSALS) {
    add({ op, label: `Policy: ${what}`, input: withMember(op, 'Policy', policy), name, ...(message !== undefined && { message }) });
  }
  add(
    {
      op,
      label: 'lockout with BypassPolicyLockoutSafetyCheck omitted',
      input: (w) => {
        const input = withMember(op, 'Policy', policyOf({ ...allowRoot, Principal: { AWS: AUDITOR } }))(w);
        delete input.BypassPolicyLockoutSafetyCheck;
        return input;
      },
      name: 'MalformedPolicyDocumentException',
      message: LOCKOUT,
    },
    {
      op,
      label: 'a malformed policy with BypassPolicyLockoutSafetyCheck',
      input: withMembers(op, () => ({ Policy: '{"Statement":"x"}', BypassPolicyLockoutSafetyCheck: true })),
      name: 'MalformedPolicyDocumentException',
    },
  );
}
// The policy name: "default" is the only key policy there is.
for (const op of ['GetKeyPolicy', 'PutKeyPolicy'] as const) {
  for (const name of ['other', 'Default', 'DEFAULT', 'default_', 'key_default_1']) {
    add({ op, label: `PolicyName '${name}'`, input: withMember(op, 'PolicyName', name), name: 'NotFoundException', message: `No such policy exists: ${name}` });
  }
  for (const name of ['default ', 'de-fault', 'default\n', 'd\u00e9faut']) {
    add({
      op,
      label: `PolicyName ${JSON.stringify(name)} (outside the model pattern)`,
      input: withMember(op, 'PolicyName', name),
      name: 'ValidationException',
      message: /at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\w\]\+$/,
    });
  }
}
add(
  {
    op: 'PutKeyPolicy',
    label: 'PolicyName other with a malformed Policy (the name is checked first)',
    input: withMembers('PutKeyPolicy', () => ({ PolicyName: 'other', Policy: 'not json' })),
    name: 'NotFoundException',
  },
  {
    op: 'PutKeyPolicy',
    label: 'lockout policy on a key pending deletion',
    input: (w) => ({ KeyId: w.pending.id, Policy: policyOf({ ...allowRoot, Principal: { AWS: AUDITOR } }) }),
    name: 'MalformedPolicyDocumentException',
    message: LOCKOUT,
  },
  {
    op: 'PutKeyPolicy',
    label: 'malformed policy on a disabled key',
    input: (w) => ({ KeyId: w.disabled.arn, Policy: '[]' }),
    name: 'MalformedPolicyDocumentException',
  },
);
// Another account's key, which exists (in the same partition): the key-policy operations are not
// cross-account, so it is not found; the grant operations are, and its key policy refuses us.
const foreignMissing = (w: World) => `Key '${w.foreign.arn}' does not exist`;
for (const op of ['GetKeyPolicy', 'PutKeyPolicy', 'ListKeyPolicies'] as const) {
  add({ op, label: "another account's key by ARN", input: (w) => ({ ...BASE[op](w), KeyId: w.foreign.arn }), name: 'NotFoundException', message: foreignMissing });
  add({ op, label: "another account's key by bare id", input: (w) => ({ ...BASE[op](w), KeyId: w.foreign.id }), name: 'NotFoundException' });
}
const denied = (action: string, reason: string) => (w: World) =>
  `User: ${ROOT_ARN} is not authorized to perform: kms:${action} on resource: ${w.foreign.arn} because no ${reason}-based policy allows the kms:${action} action`;
add(
  { op: 'CreateGrant', label: "another account's key by ARN", input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('CreateGrant', 'resource') },
  { op: 'ListGrants', label: "another account's key by ARN", input: (w) => ({ KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('ListGrants', 'resource') },
  {
    op: 'RevokeGrant',
    label: "another account's grant, by its key ARN",
    input: (w) => ({ KeyId: w.foreign.arn, GrantId: w.foreignGrant.id }),
    name: 'AccessDeniedException',
    message: denied('RevokeGrant', 'resource'),
  },
  {
    op: 'RetireGrant',
    label: "another account's grant, by its key ARN",
    input: (w) => ({ KeyId: w.foreign.arn, GrantId: w.foreignGrant.id }),
    name: 'AccessDeniedException',
    message: denied('RetireGrant', 'identity'),
  },
  { op: 'RetireGrant', label: "another account's grant, by its token", input: (w) => ({ GrantToken: w.foreignGrant.token }), name: 'AccessDeniedException', message: denied('RetireGrant', 'identity') },
  { op: 'DescribeKey', label: "another account's key by ARN", input: (w) => ({ KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('DescribeKey', 'resource') },
  { op: 'Encrypt', label: "another account's key by ARN", input: (w) => ({ ...BASE.Encrypt(w), KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('Encrypt', 'resource') },
  { op: 'GenerateDataKey', label: "another account's key by ARN", input: (w) => ({ ...BASE.GenerateDataKey(w), KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('GenerateDataKey', 'resource') },
  // Authorization comes before the key usage check: the foreign key is symmetric.
  { op: 'GenerateMac', label: "another account's key by ARN", input: (w) => ({ ...BASE.GenerateMac(w), KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('GenerateMac', 'resource') },
  { op: 'VerifyMac', label: "another account's key by ARN", input: (w) => ({ ...BASE.VerifyMac(w), KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('VerifyMac', 'resource') },
  { op: 'Sign', label: "another account's key by ARN", input: (w) => ({ ...BASE.Sign(w), KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('Sign', 'resource') },
  { op: 'Verify', label: "another account's key by ARN", input: (w) => ({ ...BASE.Verify(w), KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('Verify', 'resource') },
  { op: 'GetPublicKey', label: "another account's key by ARN", input: (w) => ({ ...BASE.GetPublicKey(w), KeyId: w.foreign.arn }), name: 'AccessDeniedException', message: denied('GetPublicKey', 'resource') },
  { op: 'Decrypt', label: "ciphertext of another account's key", input: (w) => ({ CiphertextBlob: w.blobs.foreign, EncryptionContext: { ...CONTEXT } }), name: 'AccessDeniedException', message: denied('Decrypt', 'resource') },
);

// CreateGrant.
const grantFor = (changes: Input) => withMembers('CreateGrant', () => changes);
const NOT_GRANTABLE = /^Grant operations .+ are not valid for arn:aws:kms:us-east-1:111122223333:key\/[-0-9a-f]+, a SYMMETRIC_DEFAULT key for ENCRYPT_DECRYPT\.$/;
const notPrincipal = (value: string, member: string) =>
  `${value} is not a valid ${member}: use the ARN of an AWS account, IAM user, role, federated user or assumed-role session.`;
add(
  { op: 'CreateGrant', label: 'empty Operations', input: grantFor({ Operations: [] }), name: 'ValidationException', message: 'Operations must contain at least one grant operation.' },
  {
    op: 'CreateGrant',
    label: "Operations ['encrypt'] (case matters)",
    input: grantFor({ Operations: ['encrypt'] }),
    name: 'ValidationException',
    message: /^1 validation error detected: Value 'encrypt' at 'operations\.1\.member' failed to satisfy constraint: Member must satisfy enum value set: /,
  },
  {
    op: 'CreateGrant',
    label: "Operations ['ReEncrypt'] (the grant operations are ReEncryptFrom and ReEncryptTo)",
    input: grantFor({ Operations: ['Decrypt', 'ReEncrypt'] }),
    name: 'ValidationException',
    message: /^1 validation error detected: Value 'ReEncrypt' at 'operations\.2\.member'/,
  },
  { op: 'CreateGrant', label: "Operations ['ListGrants'] (not a grant operation)", input: grantFor({ Operations: ['ListGrants'] }), name: 'ValidationException', message: /at 'operations\.1\.member'/ },
  { op: 'CreateGrant', label: 'Operations a string', input: grantFor({ Operations: 'Encrypt' }), name: 'SerializationException', message: /'operations'/ },
  { op: 'CreateGrant', label: 'Operations holding null', input: grantFor({ Operations: ['Encrypt', null] }), name: 'SerializationException', message: /'operations\.2\.member'/ },
);
for (const operations of [['Sign'], ['Verify'], ['GetPublicKey'], ['GenerateMac'], ['VerifyMac'], ['DeriveSharedSecret'], ['Encrypt', 'Sign', 'Decrypt']]) {
  add({ op: 'CreateGrant', label: `Operations ${JSON.stringify(operations)} on a symmetric key`, input: grantFor({ Operations: operations }), name: 'ValidationException', message: NOT_GRANTABLE });
}
const NOT_GRANTABLE_ON_HMAC = (refused: string) => (w: World) => `Grant operations ${refused} are not valid for ${w.hmac.arn}, a HMAC_256 key for GENERATE_VERIFY_MAC.`;
for (const [operations, refused] of [
  [['Encrypt'], 'Encrypt'],
  [['Decrypt'], 'Decrypt'],
  [['GenerateDataKey'], 'GenerateDataKey'],
  [['ReEncryptFrom', 'ReEncryptTo'], 'ReEncryptFrom, ReEncryptTo'],
  [['Sign'], 'Sign'],
  [['GenerateMac', 'VerifyMac', 'Encrypt'], 'Encrypt'],
] as const) {
  add({
    op: 'CreateGrant',
    label: `Operations ${JSON.stringify(operations)} on an HMAC key`,
    input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.hmac.id, Constraints: undefined, Operations: [...operations] }),
    name: 'ValidationException',
    message: NOT_GRANTABLE_ON_HMAC(refused),
  });
}
add(
  {
    op: 'CreateGrant',
    label: 'GenerateMac and VerifyMac on an HMAC key with DryRun',
    input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.hmac.id, Constraints: undefined, Operations: ['GenerateMac', 'VerifyMac'], DryRun: true }),
    name: 'DryRunOperationException',
    message: DRY_RUN_MESSAGE,
  },
  {
    op: 'CreateGrant',
    label: 'GenerateMac on a disabled HMAC key',
    input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.hmacDisabled.arn, Constraints: undefined, Operations: ['GenerateMac'] }),
    name: 'DisabledException',
    message: hmacDisabled,
  },
);
const NOT_GRANTABLE_ON_SIGNING = (refused: string) => (w: World) => `Grant operations ${refused} are not valid for ${w.signing.arn}, a ECC_NIST_P256 key for SIGN_VERIFY.`;
for (const [operations, refused] of [
  [['Encrypt'], 'Encrypt'],
  [['Decrypt', 'Sign'], 'Decrypt'],
  [['GenerateDataKey'], 'GenerateDataKey'],
  [['GenerateMac', 'VerifyMac'], 'GenerateMac, VerifyMac'],
  [['Sign', 'Verify', 'GetPublicKey', 'DeriveSharedSecret'], 'DeriveSharedSecret'],
] as const) {
  add({
    op: 'CreateGrant',
    label: `Operations ${JSON.stringify(operations)} on a signing key`,
    input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.signing.id, Constraints: undefined, Operations: [...operations] }),
    name: 'ValidationException',
    message: NOT_GRANTABLE_ON_SIGNING(refused),
  });
}
add(
  {
    op: 'CreateGrant',
    label: 'Sign, Verify and GetPublicKey on a signing key with DryRun',
    input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.signing.id, Constraints: undefined, Operations: ['Sign', 'Verify', 'GetPublicKey', 'DescribeKey'], DryRun: true }),
    name: 'DryRunOperationException',
    message: DRY_RUN_MESSAGE,
  },
  {
    op: 'CreateGrant',
    label: 'Sign on a disabled signing key',
    input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.signingDisabled.arn, Constraints: undefined, Operations: ['Sign'] }),
    name: 'DisabledException',
    message: signingDisabled,
  },
  {
    op: 'CreateGrant',
    label: 'Verify on a signing key pending deletion',
    input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.signingPending.id, Constraints: undefined, Operations: ['Verify'] }),
    name: 'KMSInvalidStateException',
    message: signingPendingDeletion,
  },
  {
    op: 'CreateGrant',
    label: 'Sign on a signing key with an encryption context constraint',
    input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.signing.id, Operations: ['Sign'], Constraints: { EncryptionContextEquals: { tenant: 'a' } } }),
    name: 'ValidationException',
    message: (w) => `Encryption context grant constraints are valid only for symmetric encryption keys; ${w.signing.arn} is a ECC_NIST_P256 key.`,
  },
);
for (const [member, value] of [
  ['GranteePrincipal', 'nobody'],
  ['GranteePrincipal', 'logs.amazonaws.com'],
  ['GranteePrincipal', `arn:aws:iam::${ACCOUNT}:group/admins`],
  ['GranteePrincipal', 'arn:aws:iam::1111:root'],
  ['GranteePrincipal', `arn:aws:iam::${ACCOUNT}:user/`],
  ['GranteePrincipal', `arn:aws:iam::${ACCOUNT}:user/a/`],
  ['GranteePrincipal', `arn:aws:s3:::bucket`],
  ['GranteePrincipal', `arn:aws:iam::${ACCOUNT}:role/${'r'.repeat(65)}`],
  ['GranteePrincipal', `arn:aws:sts::${ACCOUNT}:assumed-role/role`],
  ['GranteePrincipal', `arn:aws-xx:iam::${ACCOUNT}:root`],
  ['RetiringPrincipal', 'nobody'],
  ['RetiringPrincipal', 'kms.amazonaws.com'],
  ['RetiringPrincipal', `arn:aws:iam::${ACCOUNT}:policy/p`],
] as const) {
  add({ op: 'CreateGrant', label: `${member} '${value}'`, input: grantFor({ [member]: value }), name: 'ValidationException', message: notPrincipal(value, member) });
}
for (const [member, value] of [
  ['GranteePrincipal', '*'],
  ['GranteePrincipal', 'arn:aws:iam::111122223333:user/a b'],
  ['GranteePrincipal', 'arn:aws:iam::111122223333:user/*'],
  ['GranteePrincipal', 'arn:aws:iam::111122223333:user/\u00e9'],
  ['RetiringPrincipal', '*'],
  ['RetiringPrincipal', ' '],
  ['Name', 'a b'],
  ['Name', 'grant.name'],
  ['Name', 'caf\u00e9'],
] as const) {
  add({
    op: 'CreateGrant',
    label: `${member} ${JSON.stringify(value)} (outside the model pattern)`,
    input: grantFor({ [member]: value }),
    name: 'ValidationException',
    message: new RegExp(`^1 validation error detected: Value '.*' at '${camel(member)}' failed to satisfy constraint: Member must satisfy regular expression pattern: `),
  });
}
add(
  { op: 'CreateGrant', label: 'Constraints.EncryptionContextSubset a string', input: grantFor({ Constraints: { EncryptionContextSubset: 'k=v' } }), name: 'SerializationException', message: /'constraints\.encryptionContextSubset'/ },
  { op: 'CreateGrant', label: 'Constraints.EncryptionContextSubset a number value', input: grantFor({ Constraints: { EncryptionContextSubset: { k: 1 } } }), name: 'SerializationException', message: /'constraints\.encryptionContextSubset\.k'/ },
  { op: 'CreateGrant', label: 'Constraints.EncryptionContextEquals a list', input: grantFor({ Constraints: { EncryptionContextEquals: [['k', 'v']] } }), name: 'SerializationException', message: /'constraints\.encryptionContextEquals'/ },
  { op: 'CreateGrant', label: 'Constraints.EncryptionContextEquals a null value', input: grantFor({ Constraints: { EncryptionContextEquals: { k: null } } }), name: 'SerializationException' },
  { op: 'CreateGrant', label: 'Constraints.EncryptionContextEquals a Map', input: grantFor({ Constraints: { EncryptionContextEquals: new Map([['k', 'v']]) } }), name: 'SerializationException' },
  {
    op: 'CreateGrant',
    label: 'Constraints with a lone surrogate in a context key',
    input: grantFor({ Constraints: { EncryptionContextSubset: { '\uD800': 'v' } } }),
    name: 'ValidationException',
    message: /at 'constraints\.encryptionContextSubset' failed to satisfy constraint/,
  },
  { op: 'CreateGrant', label: 'disabled key', input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.disabled.id }), name: 'DisabledException', message: disabled },
  { op: 'CreateGrant', label: 'disabled key by ARN, with DryRun', input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.disabled.arn, DryRun: true }), name: 'DisabledException', message: disabled },
  { op: 'CreateGrant', label: 'key pending deletion', input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.pending.id }), name: 'KMSInvalidStateException', message: pendingDeletion },
  { op: 'CreateGrant', label: 'Sign on a disabled key (state before grant operations)', input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.disabled.id, Operations: ['Sign'] }), name: 'DisabledException' },
  { op: 'CreateGrant', label: 'an invalid GranteePrincipal on an unknown key (the principal first)', input: grantFor({ KeyId: UNKNOWN_UUID, GranteePrincipal: 'nobody' }), name: 'ValidationException' },
  { op: 'CreateGrant', label: 'empty Operations with DryRun', input: grantFor({ Operations: [], DryRun: true }), name: 'ValidationException' },
  { op: 'CreateGrant', label: 'Sign with DryRun', input: grantFor({ Operations: ['Sign'], DryRun: true }), name: 'ValidationException', message: NOT_GRANTABLE },
);

// Grant tokens that CreateGrant did not issue (GrantTokens members and RetireGrant's GrantToken).
const tokenBytes = (token: string): Uint8Array => new Uint8Array(Buffer.from(token, 'base64url'));
const tokenOf = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const flipped = (token: string, at: number): string => {
  const b = tokenBytes(token);
  b[at] = b[at]! ^ 0x01;
  return tokenOf(b);
};
/** The token with the byte at `at` set to the character `c`. */
const replaced = (token: string, at: number, c: string): string => {
  const b = tokenBytes(token);
  b[at] = c.charCodeAt(0);
  return tokenOf(b);
};
const forged = (w: World, fields: Partial<GrantTokenFields>): string =>
  encodeGrantToken({ region: REGION, accountId: ACCOUNT, keyId: w.enabled.id, grantId: UNKNOWN_GRANT_ID, ...fields }, new Uint8Array(16));
/** Tokens that must not decode: InvalidGrantTokenException wherever a token is read. */
const BAD_TOKENS: readonly [string, (w: World) => string][] = [
  ['an AWS-style token', () => AWS_STYLE_TOKEN],
  ['not base64url', () => 'not a token!'],
  ['a real token truncated by one character', (w) => w.grant.token.slice(0, -1)],
  ['a real token truncated by four characters', (w) => w.grant.token.slice(0, -4)],
  ['a real token with a character appended', (w) => `${w.grant.token}A`],
  ['a real token with four characters appended', (w) => `${w.grant.token}AAAA`],
  ['a real token with padding', (w) => `${w.grant.token}==`],
  ['a real token in standard base64', (w) => Buffer.from(tokenBytes(w.grant.token)).toString('base64')],
  ['a real token with a space inside', (w) => `${w.grant.token.slice(0, 10)} ${w.grant.token.slice(10)}`],
  ['a real token with its magic changed', (w) => flipped(w.grant.token, 0)],
  ['a real token with its version changed', (w) => flipped(w.grant.token, 2)],
  ['a real token with its Region length changed', (w) => flipped(w.grant.token, 3)],
  ['a real token with an upper-case letter in its Region', (w) => replaced(w.grant.token, 5, 'A')],
  ['a real token with a letter in its account id', (w) => replaced(w.grant.token, 4 + REGION.length, 'x')],
  ['a real token with an upper-case letter in its key id', (w) => replaced(w.grant.token, 17 + REGION.length, 'A')],
  ['the grant id instead of a token', (w) => w.grant.id],
  ['an empty-looking token of 64 A characters', () => 'A'.repeat(64)],
];
for (const op of OPS.filter((o) => (SHAPES[o] as readonly { name: string }[]).some((f) => f.name === 'GrantTokens'))) {
  for (const [what, token] of BAD_TOKENS) {
    add({ op, label: `GrantTokens holding ${what}`, input: (w) => ({ ...BASE[op](w), GrantTokens: [w.grant.token, token(w)] }), name: 'InvalidGrantTokenException', message: 'The grant token is not valid.' });
  }
}
for (const [what, token] of BAD_TOKENS) {
  add({ op: 'RetireGrant', label: `GrantToken: ${what}`, input: (w) => ({ GrantToken: token(w) }), name: 'InvalidGrantTokenException', message: 'The grant token is not valid.' });
}
const TOKEN_NOT_FOUND = 'Grant not found for the grant token.';
add(
  { op: 'RetireGrant', label: 'GrantToken: an unparseable token wins over a good KeyId and GrantId', input: withMember('RetireGrant', 'GrantToken', 'not a token!'), name: 'InvalidGrantTokenException' },
  { op: 'RetireGrant', label: 'GrantToken: a well-formed token naming no grant', input: (w) => ({ GrantToken: forged(w, {}) }), name: 'NotFoundException', message: TOKEN_NOT_FOUND },
  { op: 'RetireGrant', label: 'GrantToken: a token naming a grant of another key', input: (w) => ({ GrantToken: forged(w, { keyId: w.other.id, grantId: w.grant.id }) }), name: 'NotFoundException', message: TOKEN_NOT_FOUND },
  { op: 'RetireGrant', label: 'GrantToken: a token naming an unknown key', input: () => ({ GrantToken: forged(template, { keyId: UNKNOWN_UUID }) }), name: 'NotFoundException', message: TOKEN_NOT_FOUND },
  { op: 'RetireGrant', label: 'GrantToken: a token naming the grant in another Region', input: (w) => ({ GrantToken: forged(w, { region: 'eu-west-1', grantId: w.grant.id }) }), name: 'NotFoundException', message: TOKEN_NOT_FOUND },
  { op: 'RetireGrant', label: 'GrantToken: a token naming the grant in an unknown account', input: (w) => ({ GrantToken: forged(w, { accountId: '999988887777', grantId: w.grant.id }) }), name: 'NotFoundException', message: TOKEN_NOT_FOUND },
  { op: 'RetireGrant', label: 'GrantToken: a token naming the grant under another account', input: (w) => ({ GrantToken: forged(w, { accountId: OTHER_ACCOUNT, grantId: w.grant.id }) }), name: 'NotFoundException', message: TOKEN_NOT_FOUND },
  {
    op: 'RetireGrant',
    label: 'GrantToken: the token of a grant already retired',
    input: async (w) => {
      const { GrantToken } = await w.kms.createGrant({ KeyId: w.other.id, GranteePrincipal: GRANTEE, Operations: ['Encrypt'] });
      await w.kms.retireGrant({ GrantToken: GrantToken! });
      return { GrantToken };
    },
    name: 'NotFoundException',
    message: TOKEN_NOT_FOUND,
  },
  {
    op: 'RetireGrant',
    label: 'GrantToken: the token of a grant already revoked',
    input: async (w) => {
      const { GrantToken, GrantId } = await w.kms.createGrant({ KeyId: w.other.id, GranteePrincipal: GRANTEE, Operations: ['Encrypt'] });
      await w.kms.revokeGrant({ KeyId: w.other.id, GrantId: GrantId! });
      return { GrantToken };
    },
    name: 'NotFoundException',
    message: TOKEN_NOT_FOUND,
  },
  { op: 'RetireGrant', label: 'GrantToken with DryRun', input: (w) => ({ GrantToken: w.grant.token, DryRun: true }), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE },
);

// RetireGrant: which grant, and who may.
const NEITHER = 'Either GrantToken, or both KeyId and GrantId, must be specified.';
add(
  { op: 'RetireGrant', label: 'neither a token nor a key and grant id', input: () => ({}), name: 'ValidationException', message: NEITHER },
  { op: 'RetireGrant', label: 'no request at all', input: () => undefined, name: 'ValidationException', message: NEITHER },
  { op: 'RetireGrant', label: 'only unknown members', input: (w) => ({ grantToken: w.grant.token, keyId: w.enabled.id, grantId: w.grant.id }), name: 'ValidationException', message: NEITHER },
  { op: 'RetireGrant', label: 'KeyId without GrantId', input: without('RetireGrant', 'GrantId'), name: 'ValidationException', message: NEITHER },
  { op: 'RetireGrant', label: 'GrantId without KeyId', input: without('RetireGrant', 'KeyId'), name: 'ValidationException', message: NEITHER },
  { op: 'RetireGrant', label: 'GrantId null and no token', input: withMember('RetireGrant', 'GrantId', null), name: 'ValidationException', message: NEITHER },
  { op: 'RetireGrant', label: 'only DryRun', input: () => ({ DryRun: true }), name: 'ValidationException', message: NEITHER },
  { op: 'RetireGrant', label: 'KeyId without GrantId, on an unknown key', input: () => ({ KeyId: UNKNOWN_UUID }), name: 'ValidationException', message: NEITHER },
);
/** Grant ids that cannot be grant ids; and well-formed ids that name no grant of the key. */
const MALFORMED_GRANT_IDS: readonly [string, (w: World) => string][] = [
  ['x', () => 'x'],
  ['the grant id in upper case', (w) => w.grant.id.toUpperCase()],
  ['the grant id missing its last digit', (w) => w.grant.id.slice(0, -1)],
  ['the grant id with a digit appended', (w) => `${w.grant.id}0`],
  ['the grant id with surrounding spaces', (w) => ` ${w.grant.id} `],
  ['the grant id with a trailing newline', (w) => `${w.grant.id}\n`],
  ['the grant id as a UUID', (w) => w.enabled.id],
  ['the grant name', () => 'hostile-grant'],
  ['a grant id with a non-hex digit', (w) => `${w.grant.id.slice(0, -1)}g`],
];
const UNKNOWN_GRANT_IDS: readonly [string, (w: World) => string][] = [
  ['a well-formed unknown grant id', () => UNKNOWN_GRANT_ID],
  ['the id of a grant on another account\'s key', (w) => w.foreignGrant.id],
];
for (const op of ['RetireGrant', 'RevokeGrant'] as const) {
  for (const [what, id] of MALFORMED_GRANT_IDS) {
    add({ op, label: `GrantId: ${what}`, input: (w) => ({ ...BASE[op](w), GrantId: id(w) }), name: 'InvalidGrantIdException', message: (w) => `Invalid grant ID ${id(w)}` });
  }
  const missing = (w: World, id: string, key = w.enabled.arn) => `Grant ID ${id} not found for key ${key}`;
  for (const [what, id] of UNKNOWN_GRANT_IDS) {
    add({ op, label: `GrantId: ${what}`, input: (w) => ({ ...BASE[op](w), GrantId: id(w) }), name: 'NotFoundException', message: (w) => missing(w, id(w)) });
  }
  add(
    { op, label: 'GrantId of a grant on another key', input: (w) => ({ ...BASE[op](w), KeyId: w.other.arn, GrantId: w.grant.id }), name: 'NotFoundException', message: (w) => missing(w, w.grant.id, w.other.arn) },
    { op, label: 'malformed GrantId on an unknown key (the key first)', input: (w) => ({ ...BASE[op](w), KeyId: UNKNOWN_UUID, GrantId: 'x' }), name: 'NotFoundException' },
    { op, label: 'unknown GrantId with DryRun', input: (w) => ({ ...BASE[op](w), GrantId: UNKNOWN_GRANT_ID, DryRun: true }), name: 'NotFoundException' },
    { op, label: 'GrantId of a grant already revoked', input: async (w) => {
      const { GrantId } = await w.kms.createGrant({ KeyId: w.enabled.id, GranteePrincipal: AUDITOR, Operations: ['Decrypt'] });
      await w.kms.revokeGrant({ KeyId: w.enabled.id, GrantId: GrantId! });
      return { ...BASE[op](w), GrantId };
    }, name: 'NotFoundException' },
  );
}
add({ op: 'RevokeGrant', label: 'GrantId a grant token (over 128 characters)', input: (w) => ({ ...BASE.RevokeGrant(w), GrantId: w.grant.token }), name: 'ValidationException', message: /at 'grantId' failed to satisfy constraint: Member must have length less than or equal to 128$/ });

// ListGrants and ListRetirableGrants.
const GRANT_NOT_FOUND = (w: World, id: string, key = w.enabled.arn) => `Grant ID ${id} not found for key ${key}`;
for (const [what, id] of [...MALFORMED_GRANT_IDS, ...UNKNOWN_GRANT_IDS]) {
  add({ op: 'ListGrants', label: `GrantId: ${what}`, input: (w) => ({ ...BASE.ListGrants(w), GrantId: id(w) }), name: 'InvalidGrantIdException', message: (w) => GRANT_NOT_FOUND(w, id(w)) });
}
add(
  { op: 'ListGrants', label: 'GrantId of a grant on another key', input: (w) => ({ KeyId: w.other.id, GrantId: w.grant.id }), name: 'InvalidGrantIdException', message: (w) => GRANT_NOT_FOUND(w, w.grant.id, w.other.arn) },
  { op: 'ListGrants', label: 'GrantId of a grant on another key, on a key pending deletion', input: (w) => ({ KeyId: w.pending.id, GrantId: w.grant.id }), name: 'InvalidGrantIdException' },
  {
    op: 'ListGrants',
    label: 'GranteePrincipal outside the model pattern',
    input: withMember('ListGrants', 'GranteePrincipal', 'arn:aws:iam::111122223333:user/a b'),
    name: 'ValidationException',
    message: /at 'granteePrincipal' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  },
);
for (const value of ['*', 'a b', 'user\u00e9', 'arn:aws:iam::111122223333:user/\n']) {
  add({
    op: 'ListRetirableGrants',
    label: `RetiringPrincipal ${JSON.stringify(value)} (outside the model pattern)`,
    input: () => ({ RetiringPrincipal: value }),
    name: 'ValidationException',
    message: /^1 validation error detected: Value '.*' at 'retiringPrincipal' failed to satisfy constraint: Member must satisfy regular expression pattern/s,
  });
}
// ---------------------------------------------------------------------------------------------
// Asymmetric keys: RSA encryption (OAEP), RSA, ML-DSA and Ed25519 signing, ECDH key agreement,
// data key pairs. Messages are the recorded AWS wording where the implementation documents it.
// ---------------------------------------------------------------------------------------------
const incompatible = (algorithm: string, spec: string) => `Algorithm ${algorithm} is incompatible with key spec ${spec}.`;
const rsaDisabledMessage = (w: World) => `${w.rsaDisabled.arn} is disabled.`;
const agreementDisabledMessage = (w: World) => `${w.agreementDisabled.arn} is disabled.`;
const ASYMMETRIC_CONTEXT = /^EncryptionContext is not supported with asymmetric KMS keys\. arn:aws:kms:\S+ is a RSA_2048 key\.$/;
/** RSA encryption: a request that would succeed, on the seeded RSA_2048 key. */
const rsaEncrypt = (changes: (w: World) => Input = () => ({})) => (w: World): Input => ({
  KeyId: w.rsa.id,
  Plaintext: PLAINTEXT.slice(),
  EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
  GrantTokens: [TOKEN],
  DryRun: false,
  ...changes(w),
});
/** RSA decryption of the seeded SHA-256 OAEP ciphertext: a request that would succeed. */
const rsaDecrypt = (changes: (w: World) => Input = () => ({})) => (w: World): Input => ({
  CiphertextBlob: w.rsaBlobs.sha256.slice(),
  KeyId: w.rsa.id,
  EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
  GrantTokens: [TOKEN],
  DryRun: false,
  ...changes(w),
});

// RSA Encrypt.
add(
  { op: 'Encrypt', label: 'RSA key without EncryptionAlgorithm (SYMMETRIC_DEFAULT)', input: (w) => ({ KeyId: w.rsa.id, Plaintext: PLAINTEXT.slice() }), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
  { op: 'Encrypt', label: 'RSA key with EncryptionAlgorithm SYMMETRIC_DEFAULT', input: rsaEncrypt(() => ({ EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' })), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
  { op: 'Encrypt', label: 'RSA key with EncryptionAlgorithm SM2PKE', input: rsaEncrypt(() => ({ EncryptionAlgorithm: 'SM2PKE' })), name: 'InvalidKeyUsageException', message: incompatible('SM2PKE', 'RSA_2048') },
  { op: 'Encrypt', label: 'RSA key by alias without EncryptionAlgorithm, with DryRun', input: () => ({ KeyId: 'alias/rsa', Plaintext: PLAINTEXT.slice(), DryRun: true }), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
  { op: 'Encrypt', label: 'EncryptionContext on an RSA key', input: rsaEncrypt(() => ({ EncryptionContext: { ...CONTEXT } })), name: 'ValidationException', message: ASYMMETRIC_CONTEXT },
  { op: 'Encrypt', label: 'EncryptionContext of one pair on an RSA key, by alias ARN', input: rsaEncrypt(() => ({ KeyId: aliasArnOf('alias/rsa'), EncryptionContext: { a: 'b' } })), name: 'ValidationException', message: ASYMMETRIC_CONTEXT },
  { op: 'Encrypt', label: 'EncryptionContext on an RSA key with DryRun', input: rsaEncrypt(() => ({ EncryptionContext: { a: 'b' }, DryRun: true })), name: 'ValidationException', message: ASYMMETRIC_CONTEXT },
  { op: 'Encrypt', label: 'EncryptionContext on an RSA key and a wrong algorithm (algorithm first)', input: rsaEncrypt(() => ({ EncryptionContext: { a: 'b' }, EncryptionAlgorithm: undefined })), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
  { op: 'Encrypt', label: 'disabled RSA key', input: rsaEncrypt((w) => ({ KeyId: w.rsaDisabled.id })), name: 'DisabledException', message: rsaDisabledMessage },
  { op: 'Encrypt', label: 'disabled RSA key with an oversized plaintext (state first)', input: rsaEncrypt((w) => ({ KeyId: w.rsaDisabled.arn, Plaintext: bytes(191) })), name: 'DisabledException', message: rsaDisabledMessage },
  { op: 'Encrypt', label: 'RSA signing key', input: rsaEncrypt((w) => ({ KeyId: w.rsaSigning.id })), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.rsaSigning.arn, 'SIGN_VERIFY', 'Encrypt') },
  { op: 'Encrypt', label: 'key agreement key', input: rsaEncrypt(() => ({ KeyId: 'alias/agreement' })), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.agreement.arn, 'KEY_AGREEMENT', 'Encrypt') },
  { op: 'Encrypt', label: 'ML-DSA key', input: rsaEncrypt((w) => ({ KeyId: w.mlDsa.arn })), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.mlDsa.arn, 'SIGN_VERIFY', 'Encrypt') },
  { op: 'Encrypt', label: 'RSA key with DryRun', input: rsaEncrypt(() => ({ DryRun: true })), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE },
);
/** k − 2·hLen − 2 bytes: the most RSAES-OAEP takes (RFC 8017 §7.1.1). */
const OAEP_LIMITS: readonly [spec: 'RSA_2048' | 'RSA_3072' | 'RSA_4096', key: (w: World) => SeededKey, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256', limit: number][] = [
  ['RSA_2048', (w) => w.rsa, 'RSAES_OAEP_SHA_1', 214],
  ['RSA_2048', (w) => w.rsa, 'RSAES_OAEP_SHA_256', 190],
  ['RSA_3072', (w) => w.rsa3072, 'RSAES_OAEP_SHA_1', 342],
  ['RSA_3072', (w) => w.rsa3072, 'RSAES_OAEP_SHA_256', 318],
  ['RSA_4096', (w) => w.rsa4096, 'RSAES_OAEP_SHA_1', 470],
  ['RSA_4096', (w) => w.rsa4096, 'RSAES_OAEP_SHA_256', 446],
];
const oaepTooLong = (algorithm: string, spec: string, limit: number) => `Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`;
for (const [spec, key, algorithm, limit] of OAEP_LIMITS) {
  add(
    {
      op: 'Encrypt',
      label: `${spec} with ${algorithm}: a plaintext of ${limit + 1} bytes (one over the limit)`,
      input: rsaEncrypt((w) => ({ KeyId: key(w).id, EncryptionAlgorithm: algorithm, Plaintext: bytes(limit + 1) })),
      name: 'ValidationException',
      message: oaepTooLong(algorithm, spec, limit),
    },
    {
      op: 'Encrypt',
      label: `${spec} with ${algorithm}: a plaintext of 4096 bytes (the longest Plaintext)`,
      input: rsaEncrypt((w) => ({ KeyId: key(w).arn, EncryptionAlgorithm: algorithm, Plaintext: bytes(4096) })),
      name: 'ValidationException',
      message: oaepTooLong(algorithm, spec, limit),
    },
  );
}
add(
  { op: 'Encrypt', label: 'RSA_2048 with RSAES_OAEP_SHA_256: one byte over the limit, with DryRun (the limit first)', input: rsaEncrypt(() => ({ Plaintext: bytes(191), DryRun: true })), name: 'ValidationException', message: oaepTooLong('RSAES_OAEP_SHA_256', 'RSA_2048', 190) },
  { op: 'Encrypt', label: 'RSA_2048 with RSAES_OAEP_SHA_256: a plaintext of the SHA-1 limit (214 bytes)', input: rsaEncrypt(() => ({ Plaintext: bytes(214) })), name: 'ValidationException', message: oaepTooLong('RSAES_OAEP_SHA_256', 'RSA_2048', 190) },
);

// RSA Decrypt and ReEncrypt: only the named RSA key opens its raw OAEP ciphertext.
add(
  { op: 'Decrypt', label: 'RSA ciphertext without KeyId', input: rsaDecrypt(() => ({ KeyId: undefined })), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'RSA ciphertext without KeyId or EncryptionAlgorithm', input: (w) => ({ CiphertextBlob: w.rsaBlobs.sha256.slice() }), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'RSA ciphertext without EncryptionAlgorithm (SYMMETRIC_DEFAULT)', input: rsaDecrypt(() => ({ EncryptionAlgorithm: undefined })), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
  { op: 'Decrypt', label: 'RSA ciphertext with EncryptionAlgorithm SYMMETRIC_DEFAULT', input: rsaDecrypt(() => ({ EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' })), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
  { op: 'Decrypt', label: 'RSA ciphertext with EncryptionAlgorithm SM2PKE', input: rsaDecrypt(() => ({ EncryptionAlgorithm: 'SM2PKE' })), name: 'InvalidKeyUsageException', message: incompatible('SM2PKE', 'RSA_2048') },
  { op: 'Decrypt', label: 'SHA-256 OAEP ciphertext with RSAES_OAEP_SHA_1 (wrong algorithm)', input: rsaDecrypt(() => ({ EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' })), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'SHA-1 OAEP ciphertext with RSAES_OAEP_SHA_256 (wrong algorithm)', input: rsaDecrypt((w) => ({ CiphertextBlob: w.rsaBlobs.sha1.slice() })), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'RSA ciphertext with an EncryptionContext', input: rsaDecrypt(() => ({ EncryptionContext: { ...CONTEXT } })), name: 'ValidationException', message: ASYMMETRIC_CONTEXT },
  { op: 'Decrypt', label: 'RSA ciphertext with the KeyId of a symmetric key', input: rsaDecrypt((w) => ({ KeyId: w.enabled.id, EncryptionAlgorithm: undefined })), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'RSA ciphertext with the KeyId of another RSA key', input: rsaDecrypt((w) => ({ KeyId: w.rsa3072.id })), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'RSA ciphertext with the KeyId of the RSA signing key', input: rsaDecrypt(() => ({ KeyId: 'alias/rsa-signing' })), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.rsaSigning.arn, 'SIGN_VERIFY', 'Decrypt') },
  // Only an RSA key reads a raw OAEP ciphertext; for any other key it is not a ciphertext at all (as for 'a signature as the ciphertext').
  { op: 'Decrypt', label: 'RSA ciphertext with the KeyId of a key agreement key', input: rsaDecrypt((w) => ({ KeyId: w.agreement.id, EncryptionAlgorithm: undefined })), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'ciphertext of the disabled RSA key, on that key', input: rsaDecrypt((w) => ({ KeyId: w.rsaDisabled.id, CiphertextBlob: w.rsaBlobs.disabled.slice() })), name: 'DisabledException', message: rsaDisabledMessage },
  { op: 'Decrypt', label: 'ciphertext of the disabled RSA key, on the enabled RSA key', input: rsaDecrypt((w) => ({ CiphertextBlob: w.rsaBlobs.disabled.slice() })), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'a symmetric ciphertext on the RSA key', input: rsaDecrypt((w) => ({ CiphertextBlob: w.blobs.enabled.slice() })), name: 'InvalidCiphertextException', message: '' },
  { op: 'Decrypt', label: 'RSA ciphertext with DryRun', input: rsaDecrypt(() => ({ DryRun: true })), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE },
  { op: 'Decrypt', label: 'RSA key with DryRun and IGNORE_CIPHERTEXT', input: (w) => ({ KeyId: w.rsa.id, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1', DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE },
  { op: 'Decrypt', label: 'RSA key with DryRun and IGNORE_CIPHERTEXT but no algorithm', input: (w) => ({ KeyId: w.rsa.id, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
);
/** The seeded SHA-256 OAEP ciphertext, changed. */
const RSA_TAMPERED: readonly [string, (w: World) => Uint8Array][] = [
  ['first byte flipped', (w) => tamper(w.rsaBlobs.sha256, 0)],
  ['a middle byte flipped', (w) => tamper(w.rsaBlobs.sha256, 128)],
  ['last byte flipped', (w) => tamper(w.rsaBlobs.sha256, -1)],
  ['truncated by one byte', (w) => w.rsaBlobs.sha256.slice(0, -1)],
  ['a zero byte prepended', (w) => Uint8Array.from([0, ...w.rsaBlobs.sha256])],
  ['one byte appended', (w) => Uint8Array.from([...w.rsaBlobs.sha256, 0])],
  ['doubled', (w) => Uint8Array.from([...w.rsaBlobs.sha256, ...w.rsaBlobs.sha256])],
  ['256 zero bytes', () => new Uint8Array(256)],
  ['256 bytes of 0xff (above the modulus)', () => bytes(256, 0xff)],
  ['one byte', () => new Uint8Array([1])],
  ['6144 bytes (the longest CiphertextBlob)', () => bytes(6144)],
];
for (const [what, blob] of RSA_TAMPERED) {
  add(
    { op: 'Decrypt', label: `RSA ciphertext ${what}`, input: rsaDecrypt((w) => ({ CiphertextBlob: blob(w) })), name: 'InvalidCiphertextException', message: '' },
    {
      op: 'ReEncrypt',
      label: `RSA source ciphertext ${what}`,
      input: (w) => ({ CiphertextBlob: blob(w), SourceKeyId: w.rsa.id, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', DestinationKeyId: w.other.id }),
      name: 'InvalidCiphertextException',
      message: '',
    },
  );
}
const rsaReEncrypt = (changes: (w: World) => Input) => (w: World): Input => ({
  CiphertextBlob: w.rsaBlobs.sha256.slice(),
  SourceKeyId: w.rsa.id,
  SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
  DestinationKeyId: w.other.id,
  ...changes(w),
});
add(
  { op: 'ReEncrypt', label: 'RSA source ciphertext without SourceKeyId', input: rsaReEncrypt(() => ({ SourceKeyId: undefined })), name: 'InvalidCiphertextException', message: '' },
  { op: 'ReEncrypt', label: 'RSA source ciphertext with the wrong SourceEncryptionAlgorithm', input: rsaReEncrypt(() => ({ SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1' })), name: 'InvalidCiphertextException', message: '' },
  { op: 'ReEncrypt', label: 'RSA source ciphertext without SourceEncryptionAlgorithm', input: rsaReEncrypt(() => ({ SourceEncryptionAlgorithm: undefined })), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
  { op: 'ReEncrypt', label: 'RSA source ciphertext with a SourceEncryptionContext', input: rsaReEncrypt(() => ({ SourceEncryptionContext: { a: 'b' } })), name: 'ValidationException', message: ASYMMETRIC_CONTEXT },
  { op: 'ReEncrypt', label: 'RSA destination without DestinationEncryptionAlgorithm', input: (w) => ({ ...BASE.ReEncrypt(w), DestinationKeyId: 'alias/rsa', DestinationEncryptionContext: undefined, DestinationEncryptionAlgorithm: undefined }), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
  { op: 'ReEncrypt', label: 'RSA destination with a DestinationEncryptionContext', input: (w) => ({ ...BASE.ReEncrypt(w), DestinationKeyId: w.rsa.id, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }), name: 'ValidationException', message: ASYMMETRIC_CONTEXT },
  { op: 'ReEncrypt', label: 'disabled RSA destination', input: (w) => ({ ...BASE.ReEncrypt(w), DestinationKeyId: w.rsaDisabled.id, DestinationEncryptionContext: undefined, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }), name: 'DisabledException', message: rsaDisabledMessage },
  { op: 'ReEncrypt', label: 'RSA source to an RSA destination, with DryRun', input: rsaReEncrypt((w) => ({ DestinationKeyId: w.rsa4096.arn, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1', DryRun: true })), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE },
);

// Signing with RSA, ML-DSA and Ed25519 keys.
const signOn = (key: (w: World) => SeededKey, SigningAlgorithm: string, changes: Input = {}) => (w: World): Input => ({
  KeyId: key(w).id,
  Message: SIGN_MESSAGE.slice(),
  MessageType: 'RAW',
  SigningAlgorithm,
  GrantTokens: [TOKEN],
  DryRun: false,
  ...changes,
});
const rsaSigningKey = (w: World) => w.rsaSigning;
const mlDsaKey = (w: World) => w.mlDsa;
const ed25519Key = (w: World) => w.ed25519;
const EXTERNAL_MU_LENGTH = 'External mu is invalid length for algorithm ML_DSA_SHAKE_256. It must be 64 bytes.';
for (const op of SIGN_OPS) {
  /** Verify also needs a Signature: the seeded one of the key (refusals come before it is read). */
  const withSignature = (build: (w: World) => Input, signature: (w: World) => Uint8Array) => (w: World): Input =>
    op === 'Verify' ? { ...build(w), Signature: signature(w).slice() } : build(w);
  const onMlDsa = (changes: Input) => withSignature(signOn(mlDsaKey, 'ML_DSA_SHAKE_256', changes), (w) => w.mlDsaSignature);
  const onRsa = (algorithm: string, changes: Input = {}) => withSignature(signOn(rsaSigningKey, algorithm, changes), (w) => w.rsaSignature);
  const onEd25519 = (algorithm: string, changes: Input = {}) => withSignature(signOn(ed25519Key, algorithm, changes), () => bytes(64));
  add(
    { op, label: 'ML-DSA key with MessageType DIGEST', input: onMlDsa({ MessageType: 'DIGEST', Message: bytes(64) }), name: 'ValidationException', message: 'Message type DIGEST is incompatible with key spec ML_DSA_44.' },
    { op, label: 'ML-DSA key with MessageType DIGEST of 32 bytes', input: onMlDsa({ MessageType: 'DIGEST', Message: bytes(32) }), name: 'ValidationException', message: 'Message type DIGEST is incompatible with key spec ML_DSA_44.' },
    { op, label: 'ML-DSA key with MessageType DIGEST and DryRun', input: onMlDsa({ MessageType: 'DIGEST', Message: bytes(64), DryRun: true }), name: 'ValidationException', message: 'Message type DIGEST is incompatible with key spec ML_DSA_44.' },
    { op, label: 'ML-DSA key with SigningAlgorithm ECDSA_SHA_256', input: withSignature(signOn(mlDsaKey, 'ECDSA_SHA_256'), (w) => w.mlDsaSignature), name: 'InvalidKeyUsageException', message: incompatible('ECDSA_SHA_256', 'ML_DSA_44') },
    { op, label: 'ML-DSA key with SigningAlgorithm ED25519_SHA_512', input: withSignature(signOn(mlDsaKey, 'ED25519_SHA_512'), (w) => w.mlDsaSignature), name: 'InvalidKeyUsageException', message: incompatible('ED25519_SHA_512', 'ML_DSA_44') },
    { op, label: 'RSA signing key with SigningAlgorithm ECDSA_SHA_256', input: onRsa('ECDSA_SHA_256'), name: 'InvalidKeyUsageException', message: incompatible('ECDSA_SHA_256', 'RSA_2048') },
    { op, label: 'RSA signing key with SigningAlgorithm ML_DSA_SHAKE_256', input: onRsa('ML_DSA_SHAKE_256'), name: 'InvalidKeyUsageException', message: incompatible('ML_DSA_SHAKE_256', 'RSA_2048') },
    { op, label: 'RSA signing key with a 31-byte DIGEST for RSASSA_PKCS1_V1_5_SHA_256', input: onRsa('RSASSA_PKCS1_V1_5_SHA_256', { MessageType: 'DIGEST', Message: bytes(31) }), name: 'ValidationException', message: 'Digest is invalid length for algorithm RSASSA_PKCS1_V1_5_SHA_256.' },
    { op, label: 'RSA signing key with a 32-byte DIGEST for RSASSA_PSS_SHA_512', input: onRsa('RSASSA_PSS_SHA_512', { MessageType: 'DIGEST', Message: bytes(32) }), name: 'ValidationException', message: 'Digest is invalid length for algorithm RSASSA_PSS_SHA_512.' },
    { op, label: 'RSA signing key with MessageType EXTERNAL_MU', input: onRsa('RSASSA_PSS_SHA_256', { MessageType: 'EXTERNAL_MU', Message: bytes(64) }), name: 'ValidationException', message: 'Message type EXTERNAL_MU is incompatible with key spec RSA_2048.' },
    { op, label: 'RSA encryption key', input: onRsa('RSASSA_PSS_SHA_256', { KeyId: 'alias/rsa' }), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.rsa.arn, 'ENCRYPT_DECRYPT', op) },
    { op, label: 'key agreement key', input: (w) => ({ ...BASE[op](w), KeyId: w.agreement.id }), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.agreement.arn, 'KEY_AGREEMENT', op) },
    { op, label: 'key agreement key by alias, with DryRun', input: (w) => ({ ...BASE[op](w), KeyId: 'alias/agreement', DryRun: true }), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.agreement.arn, 'KEY_AGREEMENT', op) },
    { op, label: 'Ed25519 key: ED25519_PH_SHA_512 with MessageType RAW', input: onEd25519('ED25519_PH_SHA_512'), name: 'ValidationException', message: 'Message type RAW is incompatible with signing algorithm ED25519_PH_SHA_512.' },
    { op, label: 'Ed25519 key: ED25519_PH_SHA_512 without MessageType (RAW)', input: onEd25519('ED25519_PH_SHA_512', { MessageType: undefined }), name: 'ValidationException', message: 'Message type RAW is incompatible with signing algorithm ED25519_PH_SHA_512.' },
    { op, label: 'Ed25519 key: ED25519_PH_SHA_512 with a 32-byte DIGEST', input: onEd25519('ED25519_PH_SHA_512', { MessageType: 'DIGEST', Message: bytes(32) }), name: 'ValidationException', message: 'Digest is invalid length for algorithm ED25519_PH_SHA_512.' },
    { op, label: 'Ed25519 key: ED25519_SHA_512 with MessageType DIGEST', input: onEd25519('ED25519_SHA_512', { MessageType: 'DIGEST', Message: bytes(64) }), name: 'ValidationException', message: 'Message type DIGEST is incompatible with signing algorithm ED25519_SHA_512.' },
    { op, label: 'Ed25519 key with MessageType EXTERNAL_MU', input: onEd25519('ED25519_SHA_512', { MessageType: 'EXTERNAL_MU', Message: bytes(64) }), name: 'ValidationException', message: 'Message type EXTERNAL_MU is incompatible with key spec ECC_NIST_EDWARDS25519.' },
  );
  for (const length of [1, 32, 63, 65, 4096]) {
    add({ op, label: `ML-DSA key with an EXTERNAL_MU of ${length} bytes`, input: onMlDsa({ MessageType: 'EXTERNAL_MU', Message: bytes(length) }), name: 'ValidationException', message: EXTERNAL_MU_LENGTH });
  }
  add({ op, label: 'ML-DSA key with an EXTERNAL_MU of 63 bytes and DryRun', input: onMlDsa({ MessageType: 'EXTERNAL_MU', Message: bytes(63), DryRun: true }), name: 'ValidationException', message: EXTERNAL_MU_LENGTH });
}
const verifyOn = (key: (w: World) => SeededKey, SigningAlgorithm: string, signature: (w: World) => Uint8Array, changes: Input = {}) => (w: World): Input => ({
  ...signOn(key, SigningAlgorithm, changes)(w),
  Signature: signature(w),
});
for (const [what, signature] of [
  ['first byte flipped', (w: World) => tamper(w.rsaSignature, 0)],
  ['last byte flipped', (w: World) => tamper(w.rsaSignature, -1)],
  ['truncated by one byte', (w: World) => w.rsaSignature.slice(0, -1)],
  ['a zero byte prepended', (w: World) => Uint8Array.from([0, ...w.rsaSignature])],
  ['256 zero bytes', () => new Uint8Array(256)],
  ['the ECDSA signature of the message', (w: World) => w.signature.slice()],
] as const) {
  add({ op: 'Verify', label: `RSA signature: ${what}`, input: verifyOn(rsaSigningKey, 'RSASSA_PSS_SHA_256', signature), name: 'KMSInvalidSignatureException', message: '' });
}
add(
  { op: 'Verify', label: 'RSA PSS signature checked as RSASSA_PKCS1_V1_5_SHA_256', input: verifyOn(rsaSigningKey, 'RSASSA_PKCS1_V1_5_SHA_256', (w) => w.rsaSignature.slice()), name: 'KMSInvalidSignatureException', message: '' },
  { op: 'Verify', label: 'RSA PSS SHA-256 signature checked as RSASSA_PSS_SHA_384', input: verifyOn(rsaSigningKey, 'RSASSA_PSS_SHA_384', (w) => w.rsaSignature.slice()), name: 'KMSInvalidSignatureException', message: '' },
  { op: 'Verify', label: 'RSA signature of another message', input: verifyOn(rsaSigningKey, 'RSASSA_PSS_SHA_256', (w) => w.rsaSignature.slice(), { Message: PLAINTEXT.slice() }), name: 'KMSInvalidSignatureException', message: '' },
);
for (const [what, signature] of [
  ['first byte flipped', (w: World) => tamper(w.mlDsaSignature, 0)],
  ['last byte flipped', (w: World) => tamper(w.mlDsaSignature, -1)],
  ['truncated by one byte', (w: World) => w.mlDsaSignature.slice(0, -1)],
  ['one byte appended', (w: World) => Uint8Array.from([...w.mlDsaSignature, 0])],
  ['2420 zero bytes', () => new Uint8Array(2420)],
  ['the ECDSA signature of the message', (w: World) => w.signature.slice()],
] as const) {
  add({ op: 'Verify', label: `ML-DSA signature: ${what}`, input: verifyOn(mlDsaKey, 'ML_DSA_SHAKE_256', signature), name: 'KMSInvalidSignatureException', message: '' });
}
add(
  { op: 'Verify', label: 'ML-DSA signature of the RAW message checked as an EXTERNAL_MU of 64 bytes', input: verifyOn(mlDsaKey, 'ML_DSA_SHAKE_256', (w) => w.mlDsaSignature.slice(), { MessageType: 'EXTERNAL_MU', Message: bytes(64) }), name: 'KMSInvalidSignatureException', message: '' },
  { op: 'Verify', label: 'ML-DSA signature of another message', input: verifyOn(mlDsaKey, 'ML_DSA_SHAKE_256', (w) => w.mlDsaSignature.slice(), { Message: PLAINTEXT.slice() }), name: 'KMSInvalidSignatureException', message: '' },
  { op: 'GetPublicKey', label: 'disabled key agreement key', input: (w) => ({ KeyId: w.agreementDisabled.id }), name: 'DisabledException', message: agreementDisabledMessage },
  { op: 'GetPublicKey', label: 'disabled RSA key', input: (w) => ({ KeyId: w.rsaDisabled.arn }), name: 'DisabledException', message: rsaDisabledMessage },
);

// DeriveSharedSecret: a KEY_AGREEMENT key and a peer public key (SPKI) on its curve.
const derive = (changes: (w: World) => Input) => (w: World): Input => ({ ...BASE.DeriveSharedSecret(w), ...changes(w) });
const deriveUsage = (arn: (w: World) => string, usage: string) => usageRefused(arn, usage, 'DeriveSharedSecret');
const spkiOf = (type: 'ec' | 'ed25519' | 'x25519', namedCurve?: string): Uint8Array => {
  const { publicKey } = type === 'ec' ? generateKeyPairSync('ec', { namedCurve: namedCurve! }) : type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  return new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
};
/** Public keys that are not a P-256 point in a SubjectPublicKeyInfo: AWS answers ValidationException with an empty message. */
const BAD_PEER_KEYS: readonly [string, (w: World) => Uint8Array][] = [
  ['a P-384 key (wrong curve)', () => spkiOf('ec', 'P-384')],
  ['a P-521 key (wrong curve)', () => spkiOf('ec', 'P-521')],
  ['a secp256k1 key (wrong curve)', () => spkiOf('ec', 'secp256k1')],
  ['an Ed25519 key', () => spkiOf('ed25519')],
  ['an X25519 key', () => spkiOf('x25519')],
  ['an RSA key', () => fixtureRsaKeyPair(2048).publicKey],
  ['the P-256 SPKI with its point off the curve', (w) => tamper(w.peer.publicKey, -1)],
  // Byte 22 is the last byte of the curve OID (1.2.840.10045.3.1.7 becomes ...3.1.6, no curve at all).
  ['the P-256 SPKI with its curve OID changed', (w) => tamper(w.peer.publicKey, 22)],
  ['the P-256 SPKI truncated by one byte', (w) => w.peer.publicKey.slice(0, -1)],
  ['the P-256 SPKI with a byte appended', (w) => Uint8Array.from([...w.peer.publicKey, 0])],
  ['the raw uncompressed point, without SPKI', (w) => w.peer.publicKey.slice(-65)],
  ['the P-256 SPKI in PEM (as bytes)', (w) => new TextEncoder().encode(`-----BEGIN PUBLIC KEY-----\n${Buffer.from(w.peer.publicKey).toString('base64')}\n-----END PUBLIC KEY-----\n`)],
  ['the peer private key (PKCS#8)', (w) => w.peer.privateKey.slice()],
  ['one byte', () => new Uint8Array([0x30])],
  ['91 zero bytes', () => new Uint8Array(91)],
  ['8192 bytes of garbage', () => Uint8Array.from({ length: 8192 }, (_, i) => (i * 37 + 11) & 0xff)],
];
for (const [what, publicKey] of BAD_PEER_KEYS) {
  add({ op: 'DeriveSharedSecret', label: `PublicKey: ${what}`, input: derive((w) => ({ PublicKey: publicKey(w) })), name: 'ValidationException', message: '' });
}
add(
  { op: 'DeriveSharedSecret', label: 'symmetric encryption key', input: derive((w) => ({ KeyId: w.enabled.id })), name: 'InvalidKeyUsageException', message: deriveUsage((w) => w.enabled.arn, 'ENCRYPT_DECRYPT') },
  { op: 'DeriveSharedSecret', label: 'symmetric encryption key by alias, with DryRun', input: derive(() => ({ KeyId: 'alias/enabled', DryRun: true })), name: 'InvalidKeyUsageException', message: deriveUsage((w) => w.enabled.arn, 'ENCRYPT_DECRYPT') },
  { op: 'DeriveSharedSecret', label: 'ECC_NIST_P256 signing key (same curve, wrong usage)', input: derive((w) => ({ KeyId: w.signing.id })), name: 'InvalidKeyUsageException', message: deriveUsage((w) => w.signing.arn, 'SIGN_VERIFY') },
  { op: 'DeriveSharedSecret', label: 'HMAC key', input: derive(() => ({ KeyId: 'alias/hmac' })), name: 'InvalidKeyUsageException', message: deriveUsage((w) => w.hmac.arn, 'GENERATE_VERIFY_MAC') },
  { op: 'DeriveSharedSecret', label: 'RSA encryption key', input: derive((w) => ({ KeyId: w.rsa.arn })), name: 'InvalidKeyUsageException', message: deriveUsage((w) => w.rsa.arn, 'ENCRYPT_DECRYPT') },
  { op: 'DeriveSharedSecret', label: 'ML-DSA key', input: derive(() => ({ KeyId: 'alias/ml-dsa' })), name: 'InvalidKeyUsageException', message: deriveUsage((w) => w.mlDsa.arn, 'SIGN_VERIFY') },
  { op: 'DeriveSharedSecret', label: 'symmetric key with a garbage PublicKey (key usage first)', input: derive((w) => ({ KeyId: w.other.id, PublicKey: bytes(10) })), name: 'InvalidKeyUsageException', message: deriveUsage((w) => w.other.arn, 'ENCRYPT_DECRYPT') },
  { op: 'DeriveSharedSecret', label: 'disabled key agreement key', input: derive((w) => ({ KeyId: w.agreementDisabled.id })), name: 'DisabledException', message: agreementDisabledMessage },
  { op: 'DeriveSharedSecret', label: 'disabled key agreement key by ARN, with DryRun', input: derive((w) => ({ KeyId: w.agreementDisabled.arn, DryRun: true })), name: 'DisabledException', message: agreementDisabledMessage },
  { op: 'DeriveSharedSecret', label: 'disabled key agreement key with a garbage PublicKey (state first)', input: derive((w) => ({ KeyId: w.agreementDisabled.id, PublicKey: bytes(10) })), name: 'DisabledException', message: agreementDisabledMessage },
  { op: 'DeriveSharedSecret', label: 'disabled symmetric key (state before key usage)', input: derive((w) => ({ KeyId: w.disabled.id })), name: 'DisabledException', message: disabled },
  { op: 'DeriveSharedSecret', label: 'symmetric key pending deletion (state before key usage)', input: derive(() => ({ KeyId: 'alias/pending' })), name: 'KMSInvalidStateException', message: pendingDeletion },
  { op: 'DeriveSharedSecret', label: "another account's key by ARN (authorization before key usage)", input: derive((w) => ({ KeyId: w.foreign.arn })), name: 'AccessDeniedException', message: denied('DeriveSharedSecret', 'resource') },
  { op: 'DeriveSharedSecret', label: 'KeyAgreementAlgorithm in lower case', input: derive(() => ({ KeyAgreementAlgorithm: 'ecdh' })), name: 'ValidationException', message: /at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: \[ECDH\]$/ },
);

// GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext: a symmetric wrapping key, any pair spec but SM2.
for (const op of ['GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'] as const) {
  const pair = (changes: (w: World) => Input) => (w: World): Input => ({ ...BASE[op](w), ...changes(w) });
  add(
    { op, label: 'KeyPairSpec SM2 (outside China)', input: pair(() => ({ KeyPairSpec: 'SM2' })), name: 'UnsupportedOperationException', message: SM2_KEY_PAIR_SPEC },
    { op, label: 'KeyPairSpec SM2 with DryRun', input: pair(() => ({ KeyPairSpec: 'SM2', DryRun: true })), name: 'UnsupportedOperationException', message: SM2_KEY_PAIR_SPEC },
    { op, label: 'KeyPairSpec SM2 on an HMAC key (key usage first)', input: pair((w) => ({ KeyPairSpec: 'SM2', KeyId: w.hmac.id })), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.hmac.arn, 'GENERATE_VERIFY_MAC', op) },
    { op, label: 'KeyPairSpec SM2 on a disabled key (state first)', input: pair((w) => ({ KeyPairSpec: 'SM2', KeyId: w.disabled.id })), name: 'DisabledException', message: disabled },
    {
      op,
      label: 'KeyPairSpec ML_DSA_44 (a key spec, not a data key pair spec)',
      input: pair(() => ({ KeyPairSpec: 'ML_DSA_44' })),
      name: 'ValidationException',
      message: /^1 validation error detected: Value 'ML_DSA_44' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: /,
    },
    { op, label: 'KeyPairSpec SYMMETRIC_DEFAULT', input: pair(() => ({ KeyPairSpec: 'SYMMETRIC_DEFAULT' })), name: 'ValidationException', message: /at 'keyPairSpec' failed to satisfy constraint/ },
    { op, label: 'RSA encryption key as the wrapping key', input: pair((w) => ({ KeyId: w.rsa.id, EncryptionContext: undefined })), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
    { op, label: 'RSA encryption key by alias as the wrapping key, with DryRun', input: pair(() => ({ KeyId: 'alias/rsa', EncryptionContext: undefined, DryRun: true })), name: 'InvalidKeyUsageException', message: incompatible('SYMMETRIC_DEFAULT', 'RSA_2048') },
    { op, label: 'RSA signing key as the wrapping key', input: pair((w) => ({ KeyId: w.rsaSigning.arn })), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.rsaSigning.arn, 'SIGN_VERIFY', op) },
    { op, label: 'key agreement key as the wrapping key', input: pair(() => ({ KeyId: 'alias/agreement' })), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.agreement.arn, 'KEY_AGREEMENT', op) },
    { op, label: 'ML-DSA key as the wrapping key', input: pair((w) => ({ KeyId: w.mlDsa.id, KeyPairSpec: 'RSA_2048' })), name: 'InvalidKeyUsageException', message: usageRefused((w) => w.mlDsa.arn, 'SIGN_VERIFY', op) },
    { op, label: "another account's key by ARN", input: pair((w) => ({ KeyId: w.foreign.arn })), name: 'AccessDeniedException', message: denied(op, 'resource') },
    { op, label: 'KeyPairSpec RSA_4096 with DryRun', input: pair(() => ({ KeyPairSpec: 'RSA_4096', DryRun: true })), name: 'DryRunOperationException', message: DRY_RUN_MESSAGE },
  );
}

// CreateGrant on asymmetric keys: the grant operations must fit the key's usage.
const notGrantableOn = (key: (w: World) => SeededKey, description: string, refused: string) => (w: World) =>
  `Grant operations ${refused} are not valid for ${key(w).arn}, a ${description}.`;
const grantOn = (key: (w: World) => SeededKey, operations: readonly string[], changes: Input = {}) => (w: World): Input => ({
  ...BASE.CreateGrant(w),
  KeyId: key(w).id,
  Constraints: undefined,
  Operations: [...operations],
  ...changes,
});
const agreementKey = (w: World) => w.agreement;
const rsaKey = (w: World) => w.rsa;
for (const [key, description, operations, refused] of [
  [agreementKey, 'ECC_NIST_P256 key for KEY_AGREEMENT', ['Encrypt'], 'Encrypt'],
  [agreementKey, 'ECC_NIST_P256 key for KEY_AGREEMENT', ['DeriveSharedSecret', 'Sign'], 'Sign'],
  [agreementKey, 'ECC_NIST_P256 key for KEY_AGREEMENT', ['GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'], 'GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext'],
  [rsaKey, 'RSA_2048 key for ENCRYPT_DECRYPT', ['GenerateDataKeyPair'], 'GenerateDataKeyPair'],
  [rsaKey, 'RSA_2048 key for ENCRYPT_DECRYPT', ['Encrypt', 'DeriveSharedSecret'], 'DeriveSharedSecret'],
  [rsaKey, 'RSA_2048 key for ENCRYPT_DECRYPT', ['GenerateDataKey', 'Sign'], 'GenerateDataKey, Sign'],
  [rsaSigningKey, 'RSA_2048 key for SIGN_VERIFY', ['Sign', 'Decrypt'], 'Decrypt'],
  [mlDsaKey, 'ML_DSA_44 key for SIGN_VERIFY', ['DeriveSharedSecret'], 'DeriveSharedSecret'],
  [(w: World) => w.signing, 'ECC_NIST_P256 key for SIGN_VERIFY', ['GenerateDataKeyPairWithoutPlaintext'], 'GenerateDataKeyPairWithoutPlaintext'],
  [(w: World) => w.hmac, 'HMAC_256 key for GENERATE_VERIFY_MAC', ['GenerateDataKeyPair'], 'GenerateDataKeyPair'],
] as const) {
  add({
    op: 'CreateGrant',
    label: `Operations ${JSON.stringify(operations)} on ${description.replace(/^(\w+) key for (\w+)$/, 'a $1 $2 key')}`,
    input: grantOn(key, operations),
    name: 'ValidationException',
    message: notGrantableOn(key, description, refused),
  });
}
add(
  {
    op: 'CreateGrant',
    label: 'DeriveSharedSecret, GetPublicKey and DescribeKey on a key agreement key with DryRun',
    input: grantOn(agreementKey, ['DeriveSharedSecret', 'GetPublicKey', 'DescribeKey'], { DryRun: true }),
    name: 'DryRunOperationException',
    message: DRY_RUN_MESSAGE,
  },
  {
    op: 'CreateGrant',
    label: 'Encrypt, Decrypt, ReEncryptFrom, ReEncryptTo and GetPublicKey on an RSA encryption key with DryRun',
    input: grantOn(rsaKey, ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'], { DryRun: true }),
    name: 'DryRunOperationException',
    message: DRY_RUN_MESSAGE,
  },
  {
    op: 'CreateGrant',
    label: 'GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext on a symmetric key with DryRun',
    input: grantFor({ Operations: ['GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'], DryRun: true }),
    name: 'DryRunOperationException',
    message: DRY_RUN_MESSAGE,
  },
  {
    op: 'CreateGrant',
    label: 'DeriveSharedSecret on a disabled key agreement key',
    input: grantOn((w) => w.agreementDisabled, ['DeriveSharedSecret']),
    name: 'DisabledException',
    message: agreementDisabledMessage,
  },
  {
    op: 'CreateGrant',
    label: 'DeriveSharedSecret on a key agreement key with an encryption context constraint',
    input: grantOn(agreementKey, ['DeriveSharedSecret'], { Constraints: { EncryptionContextSubset: { tenant: 'a' } } }),
    name: 'ValidationException',
    message: (w) => `Encryption context grant constraints are valid only for symmetric encryption keys; ${w.agreement.arn} is a ECC_NIST_P256 key.`,
  },
  {
    op: 'CreateGrant',
    label: 'Decrypt on an RSA encryption key with an encryption context constraint',
    input: grantOn(rsaKey, ['Decrypt'], { Constraints: { EncryptionContextEquals: { tenant: 'a' } } }),
    name: 'ValidationException',
    message: (w) => `Encryption context grant constraints are valid only for symmetric encryption keys; ${w.rsa.arn} is a RSA_2048 key.`,
  },
);

// Recipient, CustomKeyStoreId.
const RECIPIENT = { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: bytes(64) };
for (const op of ['Decrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'DeriveSharedSecret', 'GenerateRandom'] as const) {
  add({ op, label: 'Recipient', input: withMember(op, 'Recipient', RECIPIENT), name: 'UnsupportedOperationException' });
  add({ op, label: 'empty Recipient', input: withMember(op, 'Recipient', {}), name: 'UnsupportedOperationException' });
}
add(
  { op: 'GenerateRandom', label: 'CustomKeyStoreId', input: withMember('GenerateRandom', 'CustomKeyStoreId', 'cks-1234567890abcdef0'), name: 'CustomKeyStoreNotFoundException' },
  { op: 'GenerateRandom', label: 'Recipient with an oversized AttestationDocument', input: withMember('GenerateRandom', 'Recipient', { AttestationDocument: bytes(262145) }), name: 'ValidationException', message: /at 'recipient\.attestationDocument'/ },
);

// ---------------------------------------------------------------------------------------------
// The runner.
// ---------------------------------------------------------------------------------------------
type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };
const settle = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );

const describeOutcome = (o: Outcome): string =>
  o.ok ? `success: ${JSON.stringify(o.value)?.slice(0, 200)}` : `${(o.error as Error)?.constructor?.name}: ${String(o.error)}`;

async function runCase(c: Case, w: World): Promise<void> {
  const input = await c.input(w);
  const before = stateOf(w);
  const outcome = await settle(w.kms.dispatch(c.op, input));
  if (outcome.ok) expect.fail(`expected ${c.name}, got ${describeOutcome(outcome)}`);
  const error = outcome.error;
  if (!(error instanceof KmsError)) expect.fail(`expected ${c.name}, got ${describeOutcome(outcome)}`);
  expect(error.name, error.message).toBe(c.name);
  expect(error).toBeInstanceOf((errors as unknown as Record<string, new () => KmsError>)[c.name]);
  expect(error.code).toBe(c.name);
  expect(error.$fault).toBe('client');
  expect(error.httpStatusCode).toBe(400);
  const message = typeof c.message === 'function' ? c.message(w) : c.message;
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  expect(stateOf(w)).toEqual(before);
  await expectHealthy(w);
}

/**
 * State outside the store must survive too: the randomness pool. A request that poisons it leaves
 * every later salt, nonce, data key and key id empty.
 */
async function expectHealthy(w: World): Promise<void> {
  const a = (await w.kms.generateRandom({ NumberOfBytes: 16 })).Plaintext!;
  const b = (await w.kms.generateRandom({ NumberOfBytes: 16 })).Plaintext!;
  expect(a.length, 'GenerateRandom after the request').toBe(16);
  expect(Buffer.from(a).equals(Buffer.from(b)), 'two GenerateRandom results are equal').toBe(false);
}

/** What an outcome looks like, without the parts that are random by design. */
function shape(o: Outcome): string {
  if (!o.ok) return o.error instanceof KmsError ? `${o.error.name}: ${o.error.message}` : `crash: ${String(o.error)}`;
  return JSON.stringify(o.value, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    // A DER ECDSA signature's length varies (70 to 72 bytes for P-256) from one signature to the next.
    if (raw instanceof Uint8Array) return key === 'Signature' ? 'signature' : `bytes(${raw.length})`;
    if (raw instanceof Date) return 'date';
    if (key === 'GrantToken') return 'token';
    if (typeof raw === 'string' && /[0-9a-f]{8}-[0-9a-f]{4}|[0-9a-f]{64}|\./.test(raw)) return 'id';
    return value;
  });
}

describe('the table itself', () => {
  it('covers every operation', () => {
    const covered = new Set(cases.map((c) => c.op));
    expect(OPS.filter((op) => !covered.has(op))).toEqual([]);
    for (const op of OPS) expect(cases.filter((c) => c.op === op).length, op).toBeGreaterThanOrEqual(15);
  });

  it('names only exceptions that exist, as KmsError subclasses', () => {
    for (const c of cases) {
      const cls = (errors as unknown as Record<string, unknown>)[c.name];
      expect(typeof cls, c.name).toBe('function');
      expect(new (cls as new () => KmsError)()).toBeInstanceOf(KmsError);
    }
  });

  it('knows the required members and the limits of every member the model constrains', () => {
    for (const op of OPS) {
      for (const field of SHAPES[op] as readonly { name: string; required?: boolean; rule: Rule }[]) {
        if (field.required) expect(REQUIRED[op], `${op}.${field.name}`).toContain(field.name);
        const r = field.rule;
        if (r.type === 'string' && r.max !== undefined) expect(STRING_LENGTHS[field.name], `${op}.${field.name}`).toEqual([r.min ?? 0, r.max]);
        if (r.type === 'blob') expect(BLOB_LENGTHS[field.name], `${op}.${field.name}`).toEqual([r.min, r.max]);
        if (r.type === 'integer') expect(INTEGER_RANGES[field.name], `${op}.${field.name}`).toEqual([r.min, r.max]);
      }
    }
  });

  it.each(OPS)('the baseline request of %s succeeds', async (op) => {
    const w = cloneWorld(template);
    await expect(w.kms.dispatch(op, BASE[op](w))).resolves.toBeDefined();
  });

  it('the seeded world is as described', async () => {
    const w = cloneWorld(template);
    const state = async (id: string) => ((await w.kms.describeKey({ KeyId: id })).KeyMetadata!.KeyState);
    expect(await state(w.enabled.id)).toBe('Enabled');
    expect(await state(w.other.id)).toBe('Enabled');
    expect(await state(w.disabled.id)).toBe('Disabled');
    expect(await state(w.pending.id)).toBe('PendingDeletion');
    expect(await state(w.hmac.id)).toBe('Enabled');
    expect(await state(w.hmacDisabled.id)).toBe('Disabled');
    expect(await state(w.hmacPending.id)).toBe('PendingDeletion');
    for (const key of [w.hmac, w.hmacDisabled, w.hmacPending]) {
      expect((await w.kms.describeKey({ KeyId: key.id })).KeyMetadata).toMatchObject({
        KeySpec: 'HMAC_256',
        KeyUsage: 'GENERATE_VERIFY_MAC',
        MacAlgorithms: ['HMAC_SHA_256'],
      });
    }
    expect((await w.kms.listAliases()).Aliases!.map((a) => a.AliasName)).toEqual([
      'alias/agreement',
      'alias/disabled',
      'alias/enabled',
      'alias/enabled-2',
      'alias/hmac',
      'alias/hmac-disabled',
      'alias/ml-dsa',
      'alias/other',
      'alias/pending',
      'alias/rsa',
      'alias/rsa-signing',
      'alias/signing',
      'alias/signing-disabled',
    ]);
    expect(w.mac.length).toBe(32);
    expect(w.otherKeyMac.length).toBe(32);
    expect(Buffer.from(w.mac).equals(Buffer.from(w.otherKeyMac))).toBe(false);
    const verified = await w.kms.verifyMac({ KeyId: 'alias/hmac', Message: MAC_MESSAGE, MacAlgorithm: 'HMAC_SHA_256', Mac: w.mac });
    expect(verified).toEqual({ KeyId: w.hmac.arn, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' });
    // A MAC is deterministic: the same message under the same key gives the seeded MAC again.
    const again = await w.kms.generateMac({ KeyId: w.hmac.arn, Message: MAC_MESSAGE, MacAlgorithm: 'HMAC_SHA_256' });
    expect(again).toEqual({ Mac: w.mac, MacAlgorithm: 'HMAC_SHA_256', KeyId: w.hmac.arn });
    expect(await state(w.signing.id)).toBe('Enabled');
    expect(await state(w.signingDisabled.id)).toBe('Disabled');
    expect(await state(w.signingPending.id)).toBe('PendingDeletion');
    for (const key of [w.signing, w.signingDisabled, w.signingPending]) {
      expect((await w.kms.describeKey({ KeyId: key.id })).KeyMetadata).toMatchObject({
        KeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
        SigningAlgorithms: ['ECDSA_SHA_256'],
      });
    }
    // DER ECDSA signatures: a SEQUENCE of two INTEGERs, 70 to 72 bytes for P-256.
    for (const signature of [w.signature, w.otherKeySignature]) {
      expect(signature[0]).toBe(0x30);
      expect(signature.length).toBeGreaterThanOrEqual(8);
      expect(signature.length).toBeLessThanOrEqual(72);
    }
    expect(await w.kms.verify({ KeyId: 'alias/signing', Message: SIGN_MESSAGE, Signature: w.signature, SigningAlgorithm: 'ECDSA_SHA_256' })).toEqual({
      KeyId: w.signing.arn,
      SignatureValid: true,
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    // The same signature verifies against the message's digest, and against the public key outside KMS.
    const digest = new Uint8Array(createHash('sha256').update(SIGN_MESSAGE).digest());
    expect((await w.kms.verify({ KeyId: w.signing.arn, Message: digest, MessageType: 'DIGEST', Signature: w.signature, SigningAlgorithm: 'ECDSA_SHA_256' })).SignatureValid).toBe(true);
    const { PublicKey } = await w.kms.getPublicKey({ KeyId: 'alias/signing' });
    expect(cryptoVerify('sha256', SIGN_MESSAGE, createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' }), w.signature)).toBe(true);
    const grants = (await w.kms.listGrants({ KeyId: w.enabled.id })).Grants!;
    expect(grants.map((g) => g.GrantId)).toEqual([w.grant.id, w.describeGrant.id]);
    expect(grants[0]).toMatchObject({
      Name: GRANT_NAME,
      GranteePrincipal: GRANTEE,
      RetiringPrincipal: RETIRER,
      Operations: ['Encrypt', 'Decrypt', 'GenerateDataKey', 'RetireGrant'],
      Constraints: { EncryptionContextSubset: { purpose: CONTEXT.purpose } },
    });
    expect(grants[1]).toMatchObject({ GranteePrincipal: AUDITOR, RetiringPrincipal: RETIRER, Constraints: { EncryptionContextEquals: { ...CONTEXT } } });
    expect((await w.kms.listRetirableGrants({ RetiringPrincipal: RETIRER })).Grants!.length).toBe(2);
    expect((await w.otherKms.describeKey({ KeyId: w.foreign.id })).KeyMetadata!.KeyState).toBe('Enabled');
    expect((await w.otherKms.listGrants({ KeyId: w.foreign.id })).Grants!.map((g) => g.GrantId)).toEqual([w.foreignGrant.id]);
    expect(w.foreign.arn).toBe(keyArnOf(w.foreign.id, OTHER_ACCOUNT));
    // The asymmetric keys, their ciphertexts and signatures, and the peer key.
    const meta = async (id: string) => (await w.kms.describeKey({ KeyId: id })).KeyMetadata!;
    expect(await meta(w.rsa.id)).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled' });
    expect(await meta(w.rsa3072.id)).toMatchObject({ KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled' });
    expect(await meta(w.rsa4096.id)).toMatchObject({ KeySpec: 'RSA_4096', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled' });
    expect(await meta(w.rsaDisabled.id)).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Disabled' });
    expect(await meta(w.rsaSigning.id)).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', KeyState: 'Enabled' });
    expect(await meta(w.agreement.id)).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT', KeyState: 'Enabled', KeyAgreementAlgorithms: ['ECDH'] });
    expect(await meta(w.agreementDisabled.id)).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT', KeyState: 'Disabled' });
    expect(await meta(w.mlDsa.id)).toMatchObject({ KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ML_DSA_SHAKE_256'] });
    expect(await meta(w.ed25519.id)).toMatchObject({ KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] });
    for (const [blob, algorithm] of [[w.rsaBlobs.sha256, 'RSAES_OAEP_SHA_256'], [w.rsaBlobs.sha1, 'RSAES_OAEP_SHA_1']] as const) {
      expect(blob.length).toBe(256);
      expect((await w.kms.decrypt({ KeyId: 'alias/rsa', CiphertextBlob: blob, EncryptionAlgorithm: algorithm })).Plaintext).toEqual(PLAINTEXT);
    }
    expect(w.rsaSignature.length).toBe(256);
    expect((await w.kms.verify({ KeyId: 'alias/rsa-signing', Message: SIGN_MESSAGE, Signature: w.rsaSignature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' })).SignatureValid).toBe(true);
    expect(w.mlDsaSignature.length).toBe(2420);
    expect((await w.kms.verify({ KeyId: 'alias/ml-dsa', Message: SIGN_MESSAGE, Signature: w.mlDsaSignature, SigningAlgorithm: 'ML_DSA_SHAKE_256' })).SignatureValid).toBe(true);
    const { SharedSecret } = await w.kms.deriveSharedSecret({ KeyId: 'alias/agreement', KeyAgreementAlgorithm: 'ECDH', PublicKey: w.peer.publicKey });
    const agreementPublicKey = (await w.kms.getPublicKey({ KeyId: w.agreement.id })).PublicKey!;
    const expected = diffieHellman({
      privateKey: createPrivateKey({ key: Buffer.from(w.peer.privateKey), format: 'der', type: 'pkcs8' }),
      publicKey: createPublicKey({ key: Buffer.from(agreementPublicKey), format: 'der', type: 'spki' }),
    });
    expect(Buffer.from(SharedSecret!).equals(expected)).toBe(true);
  });

  it('the snapshot sees every change to a key policy or a grant, in either account', async () => {
    const changes: [string, (w: World) => Promise<unknown>][] = [
      ['PutKeyPolicy (same root access, other text)', (w) => w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: ROOT_POLICY.replace('hostile-policy', 'changed') })],
      ['CreateGrant', (w) => w.kms.createGrant({ KeyId: w.other.id, GranteePrincipal: GRANTEE, Operations: ['Encrypt'] })],
      ['CreateGrant, by Name, with other settings', (w) => w.kms.createGrant({ KeyId: w.enabled.id, Name: GRANT_NAME, GranteePrincipal: GRANTEE, Operations: ['Encrypt'] })],
      ['RetireGrant', (w) => w.kms.retireGrant({ GrantToken: w.describeGrant.token })],
      ['RevokeGrant', (w) => w.kms.revokeGrant({ KeyId: w.enabled.id, GrantId: w.grant.id })],
      ['revoke and re-create the grant record as it was (order changes)', async (w) => {
        const record = w.store.getGrant(w.enabled.id, w.grant.id)!;
        w.store.commit({ deleteGrants: [{ keyId: record.keyId, grantId: record.grantId }] });
        w.store.commit({ putGrants: [record] });
      }],
      ['a grant record replaced by one with another retiring principal', async (w) => {
        const record = w.store.getGrant(w.enabled.id, w.grant.id)!;
        w.store.commit({ putGrants: [{ ...record, retiringPrincipal: GRANTEE }] });
      }],
      ["the other account's key policy", (w) => w.otherKms.putKeyPolicy({ KeyId: w.foreign.id, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: 'kms:*', Resource: '*' }] }) })],
      ["the other account's grant", (w) => w.otherKms.revokeGrant({ KeyId: w.foreign.id, GrantId: w.foreignGrant.id })],
    ];
    const pristine = stateOf(cloneWorld(template));
    for (const [what, change] of changes) {
      const w = cloneWorld(template);
      const before = stateOf(w);
      expect(before, what).toEqual(pristine);
      await change(w);
      expect(stateOf(w).snapshot, what).not.toBe(before.snapshot);
    }
    // Clones share records, never stores: nothing above reached the template.
    expect(stateOf(template)).toEqual(pristine);
  });
});

describe('asymmetric successes change nothing stored', () => {
  it.each(OAEP_LIMITS.map(([spec, key, algorithm, limit]) => ({ spec, key, algorithm, limit })))('$spec with $algorithm encrypts exactly $limit bytes of plaintext, which decrypts', async ({ spec, key, algorithm, limit }) => {
    const w = cloneWorld(template);
    const before = stateOf(w);
    const plaintext = Uint8Array.from({ length: limit }, (_, i) => i & 0xff);
    const { CiphertextBlob, KeyId, EncryptionAlgorithm } = await w.kms.encrypt({ KeyId: key(w).id, Plaintext: plaintext, EncryptionAlgorithm: algorithm });
    expect({ KeyId, EncryptionAlgorithm }).toEqual({ KeyId: key(w).arn, EncryptionAlgorithm: algorithm });
    expect(CiphertextBlob!.length).toBe(Number(spec.slice(4)) / 8);
    const opened = await w.kms.decrypt({ KeyId: key(w).arn, CiphertextBlob, EncryptionAlgorithm: algorithm });
    expect(opened).toEqual({ KeyId: key(w).arn, Plaintext: plaintext, EncryptionAlgorithm: algorithm });
    expect(stateOf(w)).toEqual(before);
  });

  it('GetPublicKey of an RSA encryption key lists its OAEP algorithms and nothing else', async () => {
    const w = cloneWorld(template);
    const before = stateOf(w);
    const got = await w.kms.getPublicKey({ KeyId: 'alias/rsa' });
    expect(got).toEqual({
      KeyId: w.rsa.arn,
      PublicKey: expect.any(Uint8Array),
      CustomerMasterKeySpec: 'RSA_2048',
      KeySpec: 'RSA_2048',
      KeyUsage: 'ENCRYPT_DECRYPT',
      EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
    });
    expect(createPublicKey({ key: Buffer.from(got.PublicKey!), format: 'der', type: 'spki' }).asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(stateOf(w)).toEqual(before);
  });

  it('GetPublicKey of an RSA signing key lists its six signing algorithms and nothing else', async () => {
    const w = cloneWorld(template);
    const got = await w.kms.getPublicKey({ KeyId: w.rsaSigning.arn });
    expect(got).toEqual({
      KeyId: w.rsaSigning.arn,
      PublicKey: expect.any(Uint8Array),
      CustomerMasterKeySpec: 'RSA_2048',
      KeySpec: 'RSA_2048',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: [
        'RSASSA_PKCS1_V1_5_SHA_256',
        'RSASSA_PKCS1_V1_5_SHA_384',
        'RSASSA_PKCS1_V1_5_SHA_512',
        'RSASSA_PSS_SHA_256',
        'RSASSA_PSS_SHA_384',
        'RSASSA_PSS_SHA_512',
      ],
    });
  });

  it('GetPublicKey of a KEY_AGREEMENT key lists ECDH and nothing else', async () => {
    const w = cloneWorld(template);
    const before = stateOf(w);
    const got = await w.kms.getPublicKey({ KeyId: 'alias/agreement', GrantTokens: [TOKEN] });
    expect(got).toEqual({
      KeyId: w.agreement.arn,
      PublicKey: expect.any(Uint8Array),
      CustomerMasterKeySpec: 'ECC_NIST_P256',
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'KEY_AGREEMENT',
      KeyAgreementAlgorithms: ['ECDH'],
    });
    expect(createPublicKey({ key: Buffer.from(got.PublicKey!), format: 'der', type: 'spki' }).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(stateOf(w)).toEqual(before);
  });

  it('GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext and DeriveSharedSecret store nothing', async () => {
    const w = cloneWorld(template);
    const before = stateOf(w);
    for (const KeyPairSpec of ['RSA_2048', 'ECC_NIST_P256', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519'] as const) {
      await w.kms.generateDataKeyPair({ KeyId: w.enabled.id, KeyPairSpec });
      await w.kms.generateDataKeyPairWithoutPlaintext({ KeyId: w.enabled.id, KeyPairSpec });
    }
    await w.kms.deriveSharedSecret({ KeyId: w.agreement.id, KeyAgreementAlgorithm: 'ECDH', PublicKey: w.peer.publicKey });
    expect(stateOf(w)).toEqual(before);
  });
});

// API_CreateGrant.html, Constraints: "You cannot use an encryption context grant constraint for
// cryptographic operations with asymmetric KMS keys or HMAC KMS keys."
add({
  op: 'CreateGrant',
  label: 'GenerateMac on an HMAC key with an encryption context constraint',
  input: (w) => ({ ...BASE.CreateGrant(w), KeyId: w.hmac.id, Operations: ['GenerateMac'], Constraints: { EncryptionContextSubset: { tenant: 'a' } } }),
  name: 'ValidationException',
  message: (w) => `Encryption context grant constraints are valid only for symmetric encryption keys; ${w.hmac.arn} is a HMAC_256 key.`,
});

describe.each(OPS)('hostile input to %s', (op) => {
  it.each(cases.filter((c) => c.op === op))('$label → $name', async (c) => {
    await runCase(c, cloneWorld(template));
  });
});

// ---------------------------------------------------------------------------------------------
// null is absent. AWS's JSON layer reads `"Member": null` as a member not sent, and so does model
// validation here; the operations behind it must agree, for every optional member.
// ---------------------------------------------------------------------------------------------
const OPTIONAL_MEMBERS = OPS.flatMap((op) =>
  (SHAPES[op] as readonly { name: string }[]).filter((f) => !REQUIRED[op].includes(f.name)).map((f) => ({ op, member: f.name })),
);
describe('an optional member sent as null is the member not sent', () => {
  it.each(OPTIONAL_MEMBERS)('$op: $member sent as null', async ({ op, member }) => {
    const absent = cloneWorld(template);
    const asNull = cloneWorld(template);
    const expected = shape(await settle(absent.kms.dispatch(op, without(op, member)(absent))));
    const actual = shape(await settle(asNull.kms.dispatch(op, withMember(op, member, null)(asNull))));
    expect(actual).toBe(expected);
    await expectHealthy(asNull);
  });

  it('Decrypt and ReEncrypt of a ciphertext without context accept a null context', async () => {
    const w = cloneWorld(template);
    const { CiphertextBlob } = await w.kms.encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT });
    const decrypted = await settle(w.kms.dispatch('Decrypt', { CiphertextBlob, EncryptionContext: null }));
    expect(shape(decrypted)).toBe(shape(await settle(w.kms.dispatch('Decrypt', { CiphertextBlob }))));
    const reEncrypted = await settle(w.kms.dispatch('ReEncrypt', { CiphertextBlob, SourceEncryptionContext: null, DestinationKeyId: w.other.id }));
    expect(shape(reEncrypted)).toBe(shape(await settle(w.kms.dispatch('ReEncrypt', { CiphertextBlob, DestinationKeyId: w.other.id }))));
  });

  it('a data key request with KeySpec null cannot poison the randomness of later requests', async () => {
    const w = cloneWorld(template);
    // As a JSON transport would deliver it.
    await settle(w.kms.dispatch('GenerateDataKey', JSON.parse(`{"KeyId":"${w.enabled.id}","KeySpec":null}`)));
    const seal = async (text: string) =>
      (await w.kms.encrypt({ KeyId: w.enabled.id, Plaintext: new TextEncoder().encode(text) })).CiphertextBlob!;
    const a = await seal('attack at dawn');
    const b = await seal('retreat at six');
    // Salt and nonce (bytes 84..112 for a 36-character key id) must be fresh for every message.
    expect(Buffer.from(a.subarray(84, 112)).equals(Buffer.from(b.subarray(84, 112))), 'salt and nonce reused').toBe(false);
    const { KeyMetadata } = await w.kms.createKey();
    expect(KeyMetadata!.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const { Plaintext } = await w.kms.generateDataKey({ KeyId: w.enabled.id, KeySpec: 'AES_256' });
    expect(Plaintext!.length).toBe(32);
  });
});

describe('the methods refuse like dispatch', () => {
  it('a sample of cases through the named methods', async () => {
    const w = cloneWorld(template);
    const before = stateOf(w);
    await expect(w.kms.encrypt({ KeyId: 'fake-key-id', Plaintext: PLAINTEXT })).rejects.toMatchObject({ name: 'NotFoundException', message: "Invalid keyId 'fake-key-id'" });
    await expect(w.kms.disableKey({ KeyId: 'alias/enabled' })).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(w.kms.generateRandom()).rejects.toMatchObject({ name: 'ValidationException', message: 'NumberOfBytes is required.' });
    await expect(w.kms.createKey(null as never)).rejects.toMatchObject({ name: 'SerializationException' });
    await expect(w.kms.generateMac({ KeyId: w.enabled.id, Message: MAC_MESSAGE, MacAlgorithm: 'HMAC_SHA_256' })).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
      message: `${w.enabled.arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
    });
    await expect(w.kms.verifyMac({ KeyId: w.hmac.id, Message: MAC_MESSAGE, MacAlgorithm: 'HMAC_SHA_256', Mac: w.otherKeyMac })).rejects.toMatchObject({
      name: 'KMSInvalidMacException',
      message: '',
    });
    await expect(w.kms.verifyMac({ KeyId: w.hmac.id, Message: MAC_MESSAGE, MacAlgorithm: 'HMAC_SHA_256' } as never)).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(w.kms.sign({ KeyId: w.enabled.id, Message: SIGN_MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' })).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
      message: `${w.enabled.arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`,
    });
    await expect(w.kms.sign({ KeyId: w.signing.id, Message: SIGN_MESSAGE, SigningAlgorithm: 'ECDSA_SHA_384' })).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
      message: 'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
    });
    await expect(w.kms.verify({ KeyId: w.signing.id, Message: SIGN_MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256', Signature: w.otherKeySignature })).rejects.toMatchObject({
      name: 'KMSInvalidSignatureException',
      message: '',
    });
    await expect(w.kms.getPublicKey({ KeyId: w.enabled.id })).rejects.toMatchObject({ name: 'UnsupportedOperationException' });
    await expect(w.kms.verify({ KeyId: w.signing.id, Message: SIGN_MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' } as never)).rejects.toMatchObject({ name: 'ValidationException' });
    expect(stateOf(w)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Values only JavaScript callers can pass (JSON cannot express them). The contract is the same:
// an AWS exception, never a TypeError, and no state change.
// ---------------------------------------------------------------------------------------------
const JS_ONLY: Case[] = [
  { op: 'Encrypt', label: 'GrantTokens holding a symbol', input: withMember('Encrypt', 'GrantTokens', [Symbol('t')]), name: 'SerializationException' },
  { op: 'DescribeKey', label: 'GrantTokens holding a null-prototype object', input: withMember('DescribeKey', 'GrantTokens', [Object.create(null)]), name: 'SerializationException' },
  { op: 'DescribeKey', label: 'GrantTokens holding an object with a non-callable toString', input: withMember('DescribeKey', 'GrantTokens', [{ toString: 0 }]), name: 'SerializationException' },
  { op: 'UntagResource', label: 'TagKeys holding a symbol', input: withMember('UntagResource', 'TagKeys', [Symbol('k')]), name: 'SerializationException' },
  { op: 'Decrypt', label: 'DryRunModifiers holding a null-prototype object', input: withMember('Decrypt', 'DryRunModifiers', [Object.create(null)]), name: 'SerializationException' },
  { op: 'UntagResource', label: 'TagKeys a sparse array', input: withMember('UntagResource', 'TagKeys', new Array(2)), name: 'SerializationException' },
  { op: 'TagResource', label: 'Tags a sparse array', input: withMember('TagResource', 'Tags', new Array(1)), name: 'SerializationException' },
  { op: 'CreateKey', label: 'Tags a sparse array', input: withMember('CreateKey', 'Tags', [, { TagKey: 'k', TagValue: 'v' }]), name: 'SerializationException' },
  { op: 'Encrypt', label: 'GrantTokens a sparse array', input: withMember('Encrypt', 'GrantTokens', new Array(3)), name: 'SerializationException' },
  { op: 'Encrypt', label: 'EncryptionContext a Map', input: withMember('Encrypt', 'EncryptionContext', new Map([['tenant', 'a']])), name: 'SerializationException' },
  { op: 'Decrypt', label: 'EncryptionContext a Date', input: withMember('Decrypt', 'EncryptionContext', new Date(0)), name: 'SerializationException' },
  { op: 'Encrypt', label: 'KeyId a String object', input: (w) => ({ ...BASE.Encrypt(w), KeyId: new String(w.enabled.id) }), name: 'SerializationException' },
  { op: 'GenerateRandom', label: 'NumberOfBytes a Number object', input: () => ({ NumberOfBytes: new Number(8) }), name: 'SerializationException' },
  { op: 'GenerateRandom', label: 'NumberOfBytes a bigint', input: () => ({ NumberOfBytes: 8n }), name: 'SerializationException' },
  { op: 'Encrypt', label: 'Plaintext a DataView', input: withMember('Encrypt', 'Plaintext', new DataView(new ArrayBuffer(4))), name: 'SerializationException' },
  { op: 'Encrypt', label: 'Plaintext a Uint8ClampedArray', input: withMember('Encrypt', 'Plaintext', new Uint8ClampedArray(4)), name: 'SerializationException' },
];
describe('hostile JavaScript-only values', () => {
  it.each(JS_ONLY)('$op: $label → $name', async (c) => {
    await runCase(c, cloneWorld(template));
  });

  it('a member read twice cannot smuggle an unvalidated value into the state', async () => {
    const w = cloneWorld(template);
    let reads = 0;
    const input = {
      KeyId: w.enabled.id,
      get Description(): unknown {
        return reads++ === 0 ? 'validated' : { not: 'a string' };
      },
    };
    await w.kms.updateKeyDescription(input as never).catch(() => undefined);
    const { KeyMetadata } = await w.kms.describeKey({ KeyId: w.enabled.id });
    expect(typeof KeyMetadata!.Description).toBe('string');
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'Nope', '', 'encrypt'])(
    'dispatch of the non-operation %j rejects with a KmsError and exposes nothing',
    async (name) => {
      const w = cloneWorld(template);
      const before = stateOf(w);
      let result: unknown;
      expect(() => {
        result = w.kms.dispatch(name as OperationName, {});
      }).not.toThrow();
      expect(result).toBeInstanceOf(Promise);
      const outcome = await settle(result as Promise<unknown>);
      expect(outcome.ok ? `resolved with ${typeof outcome.value}` : 'rejected').toBe('rejected');
      expect((outcome as { error: unknown }).error).toBeInstanceOf(KmsError);
      expect(stateOf(w)).toEqual(before);
    },
  );

  it('an ARN in another partition does not name a key of this Region', async () => {
    const w = cloneWorld(template);
    for (const partition of ['aws-cn', 'aws-us-gov']) {
      const outcome = await settle(w.kms.describeKey({ KeyId: `arn:${partition}:kms:${REGION}:${ACCOUNT}:key/${w.enabled.id}` }));
      expect(outcome.ok, partition).toBe(false);
      expect(['NotFoundException', 'InvalidArnException']).toContain((outcome as { error: Error }).error.name);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: junk anywhere in any request is an AWS exception or a success, never a crash, and a
// refused request changes nothing.
// ---------------------------------------------------------------------------------------------
const memberNames = (op: OperationName): string[] => [...(SHAPES[op] as readonly { name: string }[]).map((f) => f.name), 'Unknown'];

/** Junk in a member, or one level inside it (list item, map value, tag member, structure member). */
const placed = (junk: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: junk },
    { weight: 1, arbitrary: junk.map((j) => [j]) },
    { weight: 1, arbitrary: junk.map((j) => [TOKEN, j]) },
    { weight: 1, arbitrary: junk.map((j) => ({ key: j })) },
    { weight: 1, arbitrary: junk.map((j) => [{ TagKey: j, TagValue: 'v' }]) },
    { weight: 1, arbitrary: junk.map((j) => [{ TagKey: 'k', TagValue: j }]) },
    { weight: 1, arbitrary: junk.map((j) => ({ KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: j })) },
  );

const requests = (junk: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      weight: 9,
      arbitrary: fc
        .constantFrom(...OPS)
        .chain((op) => fc.record({ op: fc.constant(op), member: fc.constantFrom(...memberNames(op)), value: placed(junk), whole: fc.constant(false) })),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom(...OPS), member: fc.constant(''), value: junk, whole: fc.constant(true) }) },
  );

async function neverCrashes(req: { op: OperationName; member: string; value: unknown; whole: boolean }): Promise<void> {
  const w = cloneWorld(template);
  const input = req.whole ? req.value : { ...BASE[req.op](w), [req.member]: req.value };
  const before = stateOf(w);
  let outcome: Outcome;
  try {
    outcome = await settle(w.kms.dispatch(req.op, input));
  } catch (error) {
    outcome = { ok: false, error }; // a synchronous throw is a failure of its own, caught below
  }
  if (!outcome.ok) {
    if (!(outcome.error instanceof KmsError)) {
      throw new Error(`${req.op}.${req.member || '(request)'}: ${describeOutcome(outcome)}`);
    }
    expect(stateOf(w)).toEqual(before);
  }
  await expectHealthy(w);
}

describe('properties', () => {
  it('JSON-ish junk in any member of any operation: success or a KmsError, and no change on refusal', async () => {
    await fc.assert(fc.asyncProperty(requests(fc.anything()), neverCrashes), { numRuns: 1500 });
  });

  it('JSON values in any member of any operation: success or a KmsError, and no change on refusal', async () => {
    await fc.assert(fc.asyncProperty(requests(fc.jsonValue()), neverCrashes), { numRuns: 500 });
  });

  it('any JavaScript junk (boxed values, maps, sets, null prototypes, sparse arrays, typed arrays, bigints, lone surrogates)', async () => {
    const junk = fc.anything({
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withBigInt: true,
      withDate: true,
      withObjectString: true,
      stringUnit: 'binary',
    });
    await fc.assert(fc.asyncProperty(requests(junk), neverCrashes), { numRuns: 1500 });
  });
});
