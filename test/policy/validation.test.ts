/**
 * The policy grammar: every malformed document is refused with MalformedPolicyDocumentException
 * and a message saying what is wrong and where; key policies over 32 KB with LimitExceededException.
 * AWS's own wording is used where it is known (IAM's messages for identity policies, KMS's for
 * invalid principals and OverlyPermissiveCondition).
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy, MAX_KEY_POLICY_BYTES, type PolicyKind } from '../../src/policy/index.js';
import { ACCOUNT, allowAll, doc, expectMalformed, expectThrown, type Statement } from './helpers.js';

const INVALID_PRINCIPALS = 'Policy contains a statement with one or more invalid principals.';
const NO_VENDOR = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';

/** A key policy with one statement: allowAll with `extra` merged in (a member set to undefined is dropped). */
const keyDoc = (extra: Statement): string => doc(allowAll(extra));
const withCondition = (condition: unknown): string => keyDoc({ Condition: condition });
const identityDoc = (statement: Statement): string => doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*', ...statement });

type Row = readonly [label: string, kind: PolicyKind, document: string, fragment: string];

const rows: readonly Row[] = [
  // The document
  ['text that is not JSON', 'key', '{"Statement": [', 'Syntax errors in policy. The policy is not valid JSON'],
  ['a JSON array', 'key', '[]', 'The policy must be a JSON object'],
  ['a JSON string', 'key', '"policy"', 'The policy must be a JSON object'],
  ['JSON null', 'identity', 'null', 'The policy must be a JSON object'],
  ['an unknown top-level element', 'key', JSON.stringify({ Version: '2012-10-17', Statement: allowAll(), Extra: 1 }), 'Unknown element "Extra" (at Policy)'],
  ['an unknown Version', 'key', JSON.stringify({ Version: '2012-10-18', Statement: allowAll() }), 'Version must be "2012-10-17" or "2008-10-17", got "2012-10-18"'],
  ['a numeric Version', 'key', JSON.stringify({ Version: 2012, Statement: allowAll() }), 'got a number'],
  ['a non-string Id', 'key', JSON.stringify({ Id: 7, Statement: allowAll() }), 'Id must be a string'],
  ['no Statement', 'key', JSON.stringify({ Version: '2012-10-17' }), 'Statement is missing'],
  ['an empty Statement array', 'key', JSON.stringify({ Statement: [] }), 'Statement must hold at least one statement'],
  ['a string statement', 'key', JSON.stringify({ Statement: 'Allow' }), 'A statement must be an object (at Statement)'],
  ['a number in the statement array', 'key', JSON.stringify({ Statement: [allowAll(), 1] }), 'A statement must be an object (at Statement[1])'],
  ['a null statement', 'key', JSON.stringify({ Statement: [null] }), 'A statement must be an object (at Statement[0])'],
  // Sid
  ['a non-string Sid', 'key', keyDoc({ Sid: 12 }), 'Sid must be a string (at Statement[0])'],
  ['a null Sid', 'key', keyDoc({ Sid: null }), 'Sid must be a string'],
  ['a duplicate Sid', 'key', doc(allowAll({ Sid: 'A' }), allowAll({ Sid: 'B' }), allowAll({ Sid: 'A' })), 'Statement IDs (SID) in a single policy must be unique. (at Statement[2] (Sid "A"))'],
  ['a Sid with spaces in an identity policy', 'identity', identityDoc({ Sid: 'Allow all' }), 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'],
  // Statement members
  ['an unknown statement element', 'key', keyDoc({ Principals: '*' }), 'Unknown element "Principals" (at Statement[0])'],
  ['the location names the Sid', 'key', keyDoc({ Sid: 'Admins', Actions: 'kms:*' }), 'Unknown element "Actions" (at Statement[0] (Sid "Admins"))'],
  ['no Effect', 'key', keyDoc({ Effect: undefined }), 'Effect is missing'],
  ['a lowercase Effect', 'key', keyDoc({ Effect: 'allow' }), 'Effect must be "Allow" or "Deny", got "allow"'],
  ['an array Effect', 'key', keyDoc({ Effect: ['Allow'] }), 'got an array'],
  // Principals
  ['a key policy statement without a principal', 'key', keyDoc({ Principal: undefined }), 'A key policy statement must have a Principal or NotPrincipal'],
  ['Principal and NotPrincipal together', 'key', keyDoc({ NotPrincipal: { AWS: ACCOUNT } }), 'cannot have both Principal and NotPrincipal'],
  ['a Principal in an identity policy', 'identity', identityDoc({ Principal: '*' }), 'Policy document should not specify a principal.'],
  ['a NotPrincipal in an identity policy', 'identity', identityDoc({ NotPrincipal: '*' }), 'Policy document should not specify a principal.'],
  ['a principal string other than *', 'key', keyDoc({ Principal: 'alice' }), INVALID_PRINCIPALS],
  ['a principal array', 'key', keyDoc({ Principal: ['*'] }), INVALID_PRINCIPALS],
  ['an empty principal object', 'key', keyDoc({ Principal: {} }), `${INVALID_PRINCIPALS} The principal names no one`],
  ['an unknown principal type', 'key', keyDoc({ Principal: { CanonicalUser: 'abc' } }), `${INVALID_PRINCIPALS} Unknown principal type "CanonicalUser"`],
  ['an empty AWS list', 'key', keyDoc({ Principal: { AWS: [] } }), `${INVALID_PRINCIPALS} AWS names no one`],
  ['an IAM group', 'key', keyDoc({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:group/Admins` } }), `${INVALID_PRINCIPALS} "arn:aws:iam::${ACCOUNT}:group/Admins" is not`],
  ['a wildcard in a principal ARN', 'key', keyDoc({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/*` } }), INVALID_PRINCIPALS],
  ['a service name as an AWS principal', 'key', keyDoc({ Principal: { AWS: 'logs.amazonaws.com' } }), INVALID_PRINCIPALS],
  ['an 11-digit account', 'key', keyDoc({ Principal: { AWS: '12345678901' } }), INVALID_PRINCIPALS],
  ['the invalid one in a list is located', 'key', keyDoc({ Principal: { AWS: [ACCOUNT, 'bob'] } }), '(at Statement[0].Principal.AWS[1])'],
  ['a Service wildcard', 'key', keyDoc({ Principal: { Service: '*' } }), `${INVALID_PRINCIPALS} "*" is not a service principal`],
  ['a bare service name', 'key', keyDoc({ Principal: { Service: 'logs' } }), INVALID_PRINCIPALS],
  ['a bad Federated value', 'key', keyDoc({ Principal: { Federated: 'not a provider' } }), INVALID_PRINCIPALS],
  ['a number as a principal', 'key', keyDoc({ Principal: { AWS: 111122223333 } }), 'Expected a string or an array of strings (at Statement[0].Principal.AWS)'],
  ['a number in a principal list', 'key', keyDoc({ Principal: { AWS: [ACCOUNT, 5] } }), 'Expected a string (at Statement[0].Principal.AWS[1])'],
  ['an invalid NotPrincipal', 'key', keyDoc({ Principal: undefined, NotPrincipal: { AWS: 'x' } }), `${INVALID_PRINCIPALS} "x" is not an account id`],
  // Actions
  ['Action and NotAction together', 'key', keyDoc({ NotAction: 'kms:Decrypt' }), 'cannot have both Action and NotAction'],
  ['an action without a vendor', 'key', keyDoc({ Action: 'Encrypt' }), `${NO_VENDOR} Action "Encrypt" has none (at Statement[0].Action[0])`],
  ['an empty action', 'key', keyDoc({ Action: ['kms:Encrypt', ''] }), `${NO_VENDOR} Action "" has none (at Statement[0].Action[1])`],
  ['an action with two colons', 'key', keyDoc({ Action: 'kms:Encrypt:Now' }), 'Actions/Condition can contain only one colon.'],
  ['a bad vendor', 'key', keyDoc({ Action: 'k ms:Encrypt' }), 'Vendor "k ms" is not valid'],
  ['a wildcard vendor', 'key', keyDoc({ Action: '*:Encrypt' }), 'Vendor "*" is not valid'],
  ['a vendor with no action', 'key', keyDoc({ Action: 'kms:' }), 'Action "kms:" names no action after its vendor'],
  ['a bad NotAction is located', 'key', keyDoc({ Action: undefined, NotAction: 'Decrypt' }), '(at Statement[0].NotAction[0])'],
  ['a numeric action', 'key', keyDoc({ Action: 5 }), 'Expected a string or an array of strings'],
  ['a nested action list', 'key', keyDoc({ Action: [['kms:Encrypt']] }), 'Expected a string (at Statement[0].Action[0])'],
  ['an identity statement without actions', 'identity', identityDoc({ Action: undefined }), 'Policy statement must contain actions.'],
  ['an identity statement with an empty action list', 'identity', identityDoc({ Action: [] }), 'Policy statement must contain actions.'],
  // Resources
  ['Resource and NotResource together', 'key', keyDoc({ NotResource: '*' }), 'cannot have both Resource and NotResource'],
  ['a resource that is no ARN', 'key', keyDoc({ Resource: 'key/1234' }), 'Resource "key/1234" must be in ARN format or "*". (at Statement[0].Resource[0])'],
  ['a truncated ARN', 'identity', identityDoc({ Resource: 'arn:aws:kms' }), 'Resource "arn:aws:kms" must be in ARN format or "*".'],
  ['an identity statement without resources', 'identity', identityDoc({ Resource: undefined }), 'Policy statement must contain resources.'],
  ['an identity statement with an empty resource list', 'identity', identityDoc({ Resource: [] }), 'Policy statement must contain resources.'],
  // Conditions
  ['a string Condition', 'key', withCondition('aws:SecureTransport'), 'Condition must be an object of condition operators'],
  ['an array Condition', 'key', withCondition([]), 'Condition must be an object of condition operators'],
  ['an unknown operator', 'key', withCondition({ StringEqualz: { 'aws:x': 'y' } }), 'Unknown condition operator "StringEqualz" (at Statement[0].Condition.StringEqualz)'],
  ['an unknown operator with no keys', 'key', withCondition({ StringEqualz: {} }), 'Unknown condition operator "StringEqualz"'],
  ['an unknown set prefix', 'key', withCondition({ 'ForSomeValues:StringEquals': { 'aws:x': 'y' } }), 'Unknown condition operator "ForSomeValues:StringEquals"'],
  ['IfExists alone', 'key', withCondition({ IfExists: { 'aws:x': 'y' } }), 'Unknown condition operator "IfExists"'],
  ['a doubled IfExists', 'key', withCondition({ StringEqualsIfExistsIfExists: { 'aws:x': 'y' } }), 'Unknown condition operator'],
  ['a lowercase operator', 'key', withCondition({ stringequals: { 'aws:x': 'y' } }), 'Unknown condition operator "stringequals"'],
  ['Null with IfExists', 'key', withCondition({ NullIfExists: { 'aws:x': true } }), 'Condition operator Null cannot take the IfExists suffix'],
  ['an operator mapped to a string', 'key', withCondition({ StringEquals: 'aws:x' }), 'Condition operator "StringEquals" must map condition keys to values'],
  ['a condition key without a vendor', 'key', withCondition({ StringEquals: { CallerAccount: ACCOUNT } }), `${NO_VENDOR} Condition key "CallerAccount" has none`],
  ['a condition key with an empty vendor', 'key', withCondition({ StringEquals: { ':x': 'y' } }), NO_VENDOR],
  ['a null condition value', 'key', withCondition({ StringEquals: { 'aws:x': null } }), 'Condition values must be strings, numbers or booleans (at Statement[0].Condition.StringEquals["aws:x"])'],
  ['an object condition value', 'key', withCondition({ StringEquals: { 'aws:x': { a: 1 } } }), 'Condition values must be strings, numbers or booleans'],
  ['a nested condition value', 'key', withCondition({ StringEquals: { 'aws:x': ['a', ['b']] } }), 'Condition values must be strings, numbers or booleans (at Statement[0].Condition.StringEquals["aws:x"][1])'],
  ['an empty condition value list', 'key', withCondition({ StringEquals: { 'aws:x': [] } }), 'A condition key needs at least one value'],
  ['a NumericEquals value that is no number', 'key', withCondition({ NumericEquals: { 'aws:n': 'abc' } }), 'Condition operator NumericEquals expects a number, got "abc"'],
  ['an empty numeric value', 'key', withCondition({ NumericLessThan: { 'aws:n': '' } }), 'expects a number'],
  ['a hex numeric value', 'key', withCondition({ NumericLessThan: { 'aws:n': '0x10' } }), 'expects a number'],
  ['a date that is no date', 'key', withCondition({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }), 'Condition operator DateLessThan expects an ISO 8601 date or epoch seconds, got "tomorrow"'],
  ['a date out of range', 'key', withCondition({ DateLessThan: { 'aws:CurrentTime': '2020-13-45T00:00:00Z' } }), 'expects an ISO 8601 date'],
  ['30 February', 'key', withCondition({ DateGreaterThan: { 'aws:CurrentTime': '2026-02-30' } }), 'expects an ISO 8601 date'],
  ['29 February of a common year', 'key', withCondition({ DateGreaterThan: { 'aws:CurrentTime': '2025-02-29T00:00:00Z' } }), 'expects an ISO 8601 date'],
  ['31 April', 'key', withCondition({ DateEquals: { 'aws:CurrentTime': '2026-04-31' } }), 'expects an ISO 8601 date'],
  ['hour 24', 'key', withCondition({ DateLessThan: { 'aws:CurrentTime': '2026-01-01T24:00:00Z' } }), 'expects an ISO 8601 date'],
  ['a Bool value that is no boolean', 'key', withCondition({ Bool: { 'aws:SecureTransport': 'yes' } }), 'Condition operator Bool expects "true" or "false", got "yes"'],
  ['a BinaryEquals value that is no base64', 'key', withCondition({ BinaryEquals: { 'aws:b': 'not base64!' } }), 'Condition operator BinaryEquals expects base64'],
  ['a CIDR prefix too long', 'key', withCondition({ IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } }), 'Condition operator IpAddress expects an IPv4 or IPv6 address or CIDR block, got "10.0.0.0/33"'],
  ['an IPv4 octet with a leading zero', 'key', withCondition({ IpAddress: { 'aws:SourceIp': '010.0.0.1' } }), 'expects an IPv4 or IPv6 address'],
  ['an IPv4 octet too large', 'key', withCondition({ NotIpAddress: { 'aws:SourceIp': '300.1.1.1' } }), 'expects an IPv4 or IPv6 address'],
  ['an IPv6 prefix too long', 'key', withCondition({ IpAddress: { 'aws:SourceIp': '2001:db8::/129' } }), 'expects an IPv4 or IPv6 address'],
  ['two :: in IPv6', 'key', withCondition({ IpAddress: { 'aws:SourceIp': '2001::db8::1' } }), 'expects an IPv4 or IPv6 address'],
  ['a hostname as an address', 'key', withCondition({ IpAddress: { 'aws:SourceIp': 'example.com' } }), 'expects an IPv4 or IPv6 address'],
  ['a Null value that is no boolean', 'key', withCondition({ Null: { 'aws:x': 'maybe' } }), 'Condition operator Null expects "true" or "false", got "maybe"'],
  [
    'ForAllValues with kms:EncryptionContext:<key>',
    'key',
    withCondition({ 'ForAllValues:StringEquals': { 'kms:EncryptionContext:app': 'orders' } }),
    'OverlyPermissiveCondition: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified encryption context or with an unspecified encryption context. To fix, remove ForAllValues.',
  ],
  [
    'ForAllValues with aws:RequestTag/<key>',
    'key',
    withCondition({ 'ForAllValues:StringLike': { 'aws:RequestTag/env': 'prod*' } }),
    'OverlyPermissiveCondition: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified tag or with an unspecified tag. To fix, remove ForAllValues.',
  ],
  ['OverlyPermissiveCondition reads keys case-insensitively', 'key', withCondition({ 'ForAllValues:StringEquals': { 'KMS:ENCRYPTIONCONTEXT:App': 'x' } }), 'OverlyPermissiveCondition'],
];

describe('malformed documents', () => {
  it.each(rows)('%s', (_label, kind, document, fragment) => {
    expectMalformed(() => compilePolicy(document, kind), fragment);
  });
});

describe('accepted documents', () => {
  it.each<[string, PolicyKind, string]>([
    ['a Sid with spaces in a key policy', 'key', keyDoc({ Sid: 'Allow use of the key' })],
    ['a lone statement object', 'key', JSON.stringify({ Statement: allowAll() })],
    ['Version 2008-10-17 and an Id', 'key', JSON.stringify({ Version: '2008-10-17', Id: 'key-consolepolicy-3', Statement: [allowAll()] })],
    ['empty Sids, twice', 'key', doc(allowAll({ Sid: '' }), allowAll({ Sid: '' }))],
    ['a Federated principal', 'key', keyDoc({ Principal: { Federated: ['accounts.google.com', `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`] } })],
    ['principals of every kind', 'key', keyDoc({ Principal: { AWS: [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:user/a/b/C`, `arn:aws-cn:sts::${ACCOUNT}:assumed-role/R/s1`], Service: ['logs.us-east-1.amazonaws.com'] } })],
    ['actions of other services', 'key', keyDoc({ Action: ['s3:GetObject', 'ec2:Describe*', 'execute-api:Invoke'] })],
    ['a key policy statement without actions or resources', 'key', doc({ Effect: 'Deny', Principal: '*' })],
    ['ForAllValues with kms:EncryptionContextKeys', 'key', withCondition({ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app'] } })],
    ['ForAllValues with kms:EncryptionContext:<key> in an identity policy (IAM does not check it)', 'identity', identityDoc({ Condition: { 'ForAllValues:StringEquals': { 'kms:EncryptionContext:app': 'x' } } })],
    ['set prefixes on Null', 'key', withCondition({ 'ForAnyValue:Null': { 'aws:TagKeys': false } })],
    ['a non-Latin-1 value as a JSON escape', 'key', keyDoc({ Condition: { StringEquals: { 'kms:EncryptionContext:name': '\u4e2d\u6587' } } }).replace('中文', '\\u4e2d\\u6587')],
    ['an astral character as an escaped surrogate pair', 'key', '{"Statement":{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:x":"\\ud83d\\ude00"}}}}'],
    ['Latin-1 characters as they are', 'key', keyDoc({ Sid: 'Clé de chiffrement ÿ' })],
  ])('%s', (_label, kind, document) => {
    expect(() => compilePolicy(document, kind)).not.toThrow();
  });
});

describe('the character set', () => {
  it.each<[string, string, string]>([
    ['a CJK character', '中', 'Character U+4E2D at offset'],
    ['U+FFFD', '\ufffd', 'Character U+FFFD at offset'],
    ['a raw lone surrogate', '\ud800', 'Character U+D800 at offset'],
    ['a control character', '\u0001', 'Character U+0001 at offset'],
    ['DEL is allowed, but not U+0100', '\u0100', 'Character U+0100 at offset'],
  ])('refuses %s in the text', (_label, character, fragment) => {
    // Put in raw: JSON.stringify would escape control characters and lone surrogates.
    expectMalformed(() => compilePolicy(keyDoc({ Sid: 'a@' }).replace('@', character), 'key'), fragment);
    expectMalformed(() => compilePolicy(identityDoc({ Sid: 'a@' }).replace('@', character), 'identity'), fragment);
  });

  it('refuses an escaped lone surrogate once decoded', () => {
    // JSON.stringify writes the lone surrogate as the escape \ud800.
    expectMalformed(() => compilePolicy(keyDoc({ Sid: 'a\ud800' }), 'key'), 'contains an unpaired UTF-16 surrogate (at Statement[0])');
  });

  it('accepts tab, line feed and carriage return between tokens', () => {
    expect(() => compilePolicy(`{\t"Statement":\r\n${JSON.stringify(allowAll())}}`, 'key')).not.toThrow();
  });
});

describe('the 32 KB key policy quota', () => {
  /** A key policy of exactly `bytes` UTF-8 bytes, padded in its Sid with `pad` (1 or 2 bytes each). */
  function policyOfSize(bytes: number, pad: string): string {
    const base = keyDoc({ Sid: '' });
    const padBytes = new TextEncoder().encode(pad).length;
    const room = bytes - new TextEncoder().encode(base).length;
    const policy = keyDoc({ Sid: pad.repeat(Math.floor(room / padBytes)) + 'x'.repeat(room % padBytes) });
    expect(new TextEncoder().encode(policy).length).toBe(bytes);
    return policy;
  }

  it('accepts exactly 32,768 bytes', () => {
    expect(MAX_KEY_POLICY_BYTES).toBe(32_768);
    expect(() => compilePolicy(policyOfSize(32_768, 'a'), 'key')).not.toThrow();
  });

  it('refuses 32,769 bytes with LimitExceededException', () => {
    expectThrown(() => compilePolicy(policyOfSize(32_769, 'a'), 'key'), 'LimitExceededException', 'larger than the quota of 32768 bytes');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const policy = policyOfSize(32_770, 'é');
    expect(policy.length).toBeLessThan(32_768);
    expectThrown(() => compilePolicy(policy, 'key'), 'LimitExceededException');
  });

  it('checks the size before anything else', () => {
    expectThrown(() => compilePolicy(`not json ${'x'.repeat(40_000)}`, 'key'), 'LimitExceededException');
  });

  it('does not apply to identity policies', () => {
    expect(() => compilePolicy(identityDoc({ Sid: 'a'.repeat(40_000) }), 'identity')).not.toThrow();
  });
});
