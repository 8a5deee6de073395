/**
 * Hostile policy documents through the public API: key policies by CreateKey and PutKeyPolicy
 * (with and without the lockout bypass), identity policies by `kms.iam.putPolicy`. Deep nesting,
 * huge arrays, oversized documents, characters outside the model pattern, prototype-named members
 * at every level, duplicate Sids, wrong types in every element, bad condition values.
 *
 * Each document must be refused with the AWS exception (MalformedPolicyDocumentException unless
 * the case says otherwise), with a short message, leaving the state exactly as it was: every key,
 * alias and grant of both accounts (stateOf), the target key's policy, and the identity's inline
 * policies. `Object.prototype` and its relatives must come out untouched.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as errors from '../../src/errors.js';
import { KmsError } from '../../src/errors.js';
import { ACCOUNT, cloneWorld, CONTEXT, OTHER_ACCOUNT, PLAINTEXT, ROOT_ARN, seededWorld, stateOf, type World } from './state.js';

const template: World = await seededWorld();

type Kind = 'key' | 'identity';
const KINDS: readonly Kind[] = ['key', 'identity'];
type Statement = Record<string, unknown>;

const MALFORMED = 'MalformedPolicyDocumentException';
/** A refusal names what is wrong in a sentence or two: a hostile value must not flood it. */
const MAX_MESSAGE = 600;
const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';
const USER = `arn:aws:iam::${ACCOUNT}:user/hostile-user`;

/** A statement that is valid on its own, and (for key policies) keeps the caller, the account root, able to manage the key. */
const base = (kind: Kind): Statement =>
  kind === 'key'
    ? { Sid: 'Root', Effect: 'Allow', Principal: { AWS: ROOT_ARN }, Action: 'kms:*', Resource: '*' }
    : { Sid: 'Root', Effect: 'Allow', Action: 'kms:*', Resource: '*' };
const docOf = (statements: unknown): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
/** The valid statement, then a second one changed by `patch` (an undefined value removes the member). */
const withStatement =
  (patch: Statement | ((kind: Kind) => Statement)) =>
  (kind: Kind): string =>
    docOf([base(kind), { ...base(kind), Sid: 'Hostile', ...(typeof patch === 'function' ? patch(kind) : patch) }]);
/** As withStatement, with the second statement's extra members written as raw JSON text (for `__proto__`). */
const withRawMembers =
  (members: (kind: Kind) => string) =>
  (kind: Kind): string => {
    const second = JSON.stringify({ ...base(kind), Sid: 'Hostile' });
    return `{"Version":"2012-10-17","Statement":[${JSON.stringify(base(kind))},${second.slice(0, -1)},${members(kind)}}]}`;
  };
/** The valid document with raw JSON members before Version. */
const withTopLevel =
  (members: string) =>
  (kind: Kind): string =>
    `{${members},"Version":"2012-10-17","Statement":[${JSON.stringify(base(kind))}]}`;
const withCondition = (condition: unknown) => withStatement({ Condition: condition });
const nestedArrays = (depth: number, inner = ''): string => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

interface PolicyCase {
  readonly label: string;
  readonly policy: (kind: Kind) => string;
  /** The kinds to run; default both. */
  readonly kinds?: readonly Kind[];
  /** The exception: one name for both kinds, or one per kind. Default MalformedPolicyDocumentException. */
  readonly name?: string | Readonly<Partial<Record<Kind, string>>>;
  readonly message?: string | RegExp;
  /** A lockout refusal: BypassPolicyLockoutSafetyCheck would accept the document. */
  readonly lockout?: boolean;
}

const cases: PolicyCase[] = [];
const add = (...more: PolicyCase[]) => cases.push(...more);
const KEY_ONLY: readonly Kind[] = ['key'];

// ---------------------------------------------------------------------------------------------
// Not a policy document at all.
// ---------------------------------------------------------------------------------------------
for (const [what, text] of [
  ['not JSON', 'not json'],
  ['an unclosed object', '{'],
  ['a JSON array', '[]'],
  ['JSON null', 'null'],
  ['a JSON string', '"{}"'],
  ['a JSON number', '42'],
  ['JSON true', 'true'],
  ['an empty object', '{}'],
  ['only whitespace', ' \n\t\r '],
  ['JSON with a comment', '/* hi */{"Version":"2012-10-17","Statement":[]}'],
  ['single-quoted JSON', "{'Version':'2012-10-17'}"],
  ['a trailing comma', '{"Version":"2012-10-17","Statement":[],}'],
  ['unquoted member names', '{Version:"2012-10-17"}'],
  ['NaN as a value', '{"Version":NaN}'],
] as const) {
  add({ label: what, policy: () => text, message: /^Syntax errors in policy\./ });
}
add(
  { label: 'a valid document with trailing garbage', policy: (kind) => `${docOf([base(kind)])} x` },
  { label: 'two documents back to back', policy: (kind) => `${docOf([base(kind)])}${docOf([base(kind)])}` },
  { label: 'a valid document inside an array', policy: (kind) => `[${docOf([base(kind)])}]` },
  { label: 'a valid document as a JSON string', policy: (kind) => JSON.stringify(docOf([base(kind)])) },
);

// ---------------------------------------------------------------------------------------------
// Deep nesting, within 32 KB: refused at the first level that is not what the grammar wants,
// without recursion (a stack overflow would be a crash, not an AWS exception).
// ---------------------------------------------------------------------------------------------
const DEEP = 10_000;
add(
  { label: `${DEEP} nested arrays as the Statement`, policy: () => `{"Version":"2012-10-17","Statement":${nestedArrays(DEEP)}}`, message: /A statement must be an object/ },
  { label: `${DEEP} nested arrays as a statement`, policy: (kind) => `{"Version":"2012-10-17","Statement":[${JSON.stringify(base(kind))},${nestedArrays(DEEP)}]}` },
  { label: `${DEEP} nested arrays as the Version`, policy: (kind) => `{"Version":${nestedArrays(DEEP)},"Statement":[${JSON.stringify(base(kind))}]}` },
  { label: `${DEEP} nested arrays as the Id`, policy: withTopLevel(`"Id":${nestedArrays(DEEP)}`) },
  { label: `${DEEP} nested arrays as an unknown top-level member`, policy: withTopLevel(`"Nested":${nestedArrays(DEEP)}`) },
  { label: `${DEEP} nested arrays as the Action`, policy: withRawMembers(() => `"Action":${nestedArrays(DEEP)}`) },
  { label: `${DEEP} nested arrays as the Resource`, policy: withRawMembers(() => `"Resource":${nestedArrays(DEEP, '"*"')}`) },
  { label: `${DEEP} nested arrays as the Effect`, policy: withRawMembers(() => `"Effect":${nestedArrays(DEEP, '"Allow"')}`) },
  { label: `${DEEP} nested arrays as the Sid`, policy: withRawMembers(() => `"Sid":${nestedArrays(DEEP)}`) },
  { label: `${DEEP} nested arrays as the Principal`, kinds: KEY_ONLY, policy: withRawMembers(() => `"Principal":${nestedArrays(DEEP, '"*"')}`) },
  { label: `${DEEP} nested arrays as Principal.AWS`, kinds: KEY_ONLY, policy: withRawMembers(() => `"Principal":{"AWS":${nestedArrays(DEEP, `"${ROOT_ARN}"`)}}`) },
  { label: `${DEEP} nested arrays as the Condition`, policy: withRawMembers(() => `"Condition":${nestedArrays(DEEP)}`) },
  { label: `${DEEP} nested arrays as a condition value`, policy: withRawMembers(() => `"Condition":{"StringEquals":{"kms:CallerAccount":${nestedArrays(DEEP, '"1"')}}}`) },
  { label: `${DEEP} nested arrays inside a condition value list`, policy: withRawMembers(() => `"Condition":{"StringEquals":{"kms:CallerAccount":["1",${nestedArrays(DEEP)}]}}`) },
  { label: `${DEEP / 2} nested objects as a statement member`, policy: withRawMembers(() => `"Nested":${nestedObjects(DEEP / 2)}`) },
  { label: `${DEEP / 2} nested objects as a statement`, policy: (kind) => `{"Version":"2012-10-17","Statement":[${JSON.stringify(base(kind))},${nestedObjects(DEEP / 2)}]}` },
  { label: `${DEEP / 2} nested objects as the Condition`, policy: withRawMembers(() => `"Condition":${nestedObjects(DEEP / 2)}`) },
  { label: `${DEEP / 2} nested objects as a condition value`, policy: withRawMembers(() => `"Condition":{"StringEquals":{"kms:CallerAccount":${nestedObjects(DEEP / 2)}}}`) },
  { label: `${DEEP / 2} nested objects as Principal.AWS`, kinds: KEY_ONLY, policy: withRawMembers(() => `"Principal":{"AWS":${nestedObjects(DEEP / 2)}}`) },
  { label: `${DEEP} unclosed arrays`, policy: () => `{"Version":"2012-10-17","Statement":${'['.repeat(DEEP)}` },
  { label: `${DEEP} arrays closed by braces`, policy: () => `{"Version":"2012-10-17","Statement":${'['.repeat(DEEP)}${'}'.repeat(DEEP)}` },
  // Identity policies have no size quota here, so nesting can go far beyond 32 KB.
  { label: '100,000 nested arrays (over the identity policy quota)', kinds: ['identity'], policy: () => `{"Version":"2012-10-17","Statement":${nestedArrays(100_000)}}` },
);

// ---------------------------------------------------------------------------------------------
// Huge arrays within 32 KB: thousands of valid entries, then one bad one. The whole list is read,
// quickly, and the bad entry refuses the document.
// ---------------------------------------------------------------------------------------------
const many = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));
const ACCOUNTS = (n: number) => many(n, (i) => String(100_000_000_000 + i));
add(
  { label: '2,400 actions, the last without a vendor', policy: withStatement({ Action: [...many(2400, (i) => `kms:A${i}`), 'Encrypt'] }), message: /Action "Encrypt" has none/ },
  { label: '2,400 actions, the last with two colons', policy: withStatement({ Action: [...many(2400, (i) => `kms:A${i}`), 'kms:Encrypt:x'] }) },
  { label: '2,400 actions, the last a number', policy: withStatement({ Action: [...many(2400, (i) => `kms:A${i}`), 1] }) },
  { label: '1,000 resources, the last not an ARN', policy: withStatement({ Resource: [...many(1000, (i) => `arn:aws:kms:*:*:key/${i}`), 'key/x'] }) },
  { label: '2,000 principals, the last a 5-digit account', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: [...ACCOUNTS(2000), '12345'] } }), message: /one or more invalid principals/ },
  { label: '2,000 principals, the last a group', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: [...ACCOUNTS(2000), `arn:aws:iam::${ACCOUNT}:group/g`] } }) },
  { label: '2,000 principals, the last null', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: [...ACCOUNTS(2000), null] } }) },
  { label: '1,400 condition values, the last a bad CIDR', policy: withCondition({ IpAddress: { 'aws:SourceIp': [...many(1400, (i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`), '10.0.0.0/33'] } }) },
  { label: '3,000 condition values, the last not a number', policy: withCondition({ NumericLessThan: { 'kms:x': [...many(3000, String), 'abc'] } }) },
  { label: '1,500 condition keys, the last without a vendor', policy: withCondition({ StringEquals: Object.fromEntries([...many(1500, (i) => [`kms:k${i}`, 'v'] as const), ['novendor', 'v']]) }) },
  { label: '400 statements, the last without Effect', policy: (kind) => docOf([...many(400, () => '').map(() => ({ Effect: 'Deny', Action: 'kms:X', Resource: '*', ...(kind === 'key' && { Principal: '*' }) })), base(kind), { ...base(kind), Sid: undefined, Effect: undefined }]) },
  { label: '250 statements, the last two sharing a Sid', policy: (kind) => docOf([...many(250, (i) => `S${i}`).map((Sid) => ({ ...base(kind), Sid })), { ...base(kind), Sid: 'Same' }, { ...base(kind), Sid: 'Same' }]), message: /Statement IDs \(SID\) in a single policy must be unique/ },
  { label: '250 statements, the first and the last sharing a Sid', policy: (kind) => docOf([...many(250, (i) => `S${i}`).map((Sid) => ({ ...base(kind), Sid })), { ...base(kind), Sid: 'S0' }]) },
  { label: '3,000 empty arrays as statements', policy: (kind) => docOf([base(kind), ...many(3000, () => '').map(() => [])]) },
);

// ---------------------------------------------------------------------------------------------
// Size: the key policy quota is 32,768 bytes of UTF-8 (not characters); the model allows 131,072
// characters. Identity policies have no quota here.
// ---------------------------------------------------------------------------------------------
const ofBytes = (kind: Kind, bytes: number): string => {
  const empty = docOf([{ ...base(kind), Sid: '' }]);
  return docOf([{ ...base(kind), Sid: 'a'.repeat(bytes - empty.length) }]);
};
add(
  { label: '32,769 bytes', kinds: KEY_ONLY, policy: (kind) => ofBytes(kind, 32_769), name: 'LimitExceededException', message: 'The key policy is larger than the quota of 32768 bytes.' },
  { label: '40,000 bytes of nested arrays', kinds: KEY_ONLY, policy: () => `{"Version":"2012-10-17","Statement":${nestedArrays(20_000)}}`, name: 'LimitExceededException' },
  { label: '16,385 two-byte characters (over 32,768 bytes, under 17,000 characters)', kinds: KEY_ONLY, policy: (kind) => docOf([{ ...base(kind), Sid: '\u00e9'.repeat(16_385) }]), name: 'LimitExceededException' },
  { label: '131,073 characters (over the model limit)', kinds: KEY_ONLY, policy: (kind) => docOf([{ ...base(kind), Sid: 'a'.repeat(131_073) }]), name: 'ValidationException', message: /at 'policy' failed to satisfy constraint: Member must have length less than or equal to 131072$/ },
  { label: 'an empty string', kinds: KEY_ONLY, policy: () => '', name: 'ValidationException', message: /at 'policy' failed to satisfy constraint: Member must have length greater than or equal to 1/ },
);

// ---------------------------------------------------------------------------------------------
// Characters. Raw characters outside tab, LF, CR and U+0020..U+00FF fail the model pattern (key
// policies: ValidationException from the request shape; identity policies, which have no request
// shape here: MalformedPolicyDocumentException). JSON-escaped ones are plain ASCII and pass, but
// an escaped lone surrogate is refused wherever a string is read.
// ---------------------------------------------------------------------------------------------
const PATTERN = /at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern/;
const OUTSIDE: Readonly<Partial<Record<Kind, string>>> = { key: 'ValidationException', identity: MALFORMED };
/** Puts a raw character into the Sid (JSON.stringify would escape a lone surrogate). */
const rawInSid = (c: string) => (kind: Kind) => docOf([{ ...base(kind), Sid: 'X' }]).replace('"Sid":"X"', `"Sid":"${c}"`);
for (const [what, c] of [
  ['a raw lone high surrogate', '\uD800'],
  ['a raw lone low surrogate', '\uDFFF'],
  ['a raw surrogate pair (U+1F600)', '\u{1F600}'],
  ['a raw U+0100', '\u0100'],
  ['a raw U+FFFD', '\uFFFD'],
  ['a raw U+2028', '\u2028'],
  ['a raw byte order mark', '\uFEFF'],
  ['a raw NUL', '\u0000'],
  ['a raw U+001F', '\u001F'],
] as const) {
  add({ label: `${what} in the Sid`, policy: rawInSid(c), name: OUTSIDE, message: /regular expression pattern|Character U\+[0-9A-F]{4} at offset \d+ is not allowed/ });
}
add(
  { label: 'a raw lone surrogate between members', policy: (kind) => docOf([base(kind)]).replace('{"Version"', '{\uD800"Version"'), name: OUTSIDE },
  { label: 'a raw U+0100 as JSON whitespace', policy: (kind) => docOf([base(kind)]).replace(',"Statement"', ',\u0100"Statement"'), name: OUTSIDE },
  { label: 'U+00A0 (allowed by the pattern) as JSON whitespace', policy: (kind) => docOf([base(kind)]).replace(',"Statement"', ',\u00a0"Statement"'), message: /not valid JSON/ },
);
for (const [where, patch] of [
  ['the Sid', (s: string) => ({ Sid: `x${s}` })],
  ['an Action', (s: string) => ({ Action: ['kms:Encrypt', `kms:${s}`] })],
  ['a Resource', (s: string) => ({ Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${s}` })],
  ['a condition key', (s: string) => ({ Condition: { StringEquals: { [`kms:EncryptionContext:${s}`]: 'v' } } })],
  ['a condition value', (s: string) => ({ Condition: { StringEquals: { 'kms:EncryptionContext:k': ['v', s] } } })],
  ['a StringLike pattern', (s: string) => ({ Condition: { StringLike: { 'kms:EncryptionContext:k': `*${s}*` } } })],
] as const) {
  for (const [what, s] of [
    ['lone high surrogate', '\uD83D'],
    ['lone low surrogate', '\uDE00'],
    ['reversed surrogate pair', '\uDE00\uD83D'],
  ] as const) {
    // JSON.stringify writes lone surrogates as \uXXXX escapes: the text is ASCII.
    add({ label: `an escaped ${what} in ${where}`, policy: withStatement(patch(s)), message: /unpaired UTF-16 surrogate/ });
  }
}
add(
  { label: 'an escaped lone surrogate in the Id', policy: (kind) => JSON.stringify({ Version: '2012-10-17', Id: '\uD800', Statement: [base(kind)] }), message: /unpaired UTF-16 surrogate/ },
  { label: 'an escaped lone surrogate in Principal.AWS', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: [ROOT_ARN, '\uD800'] } }) },
  { label: 'an escaped lone surrogate in Principal.Service', kinds: KEY_ONLY, policy: withStatement({ Principal: { Service: 'logs\uD800.amazonaws.com' } }) },
  { label: 'an escaped lone surrogate as an element name', policy: withStatement({ '\uD800': 'x' }) },
  { label: 'an escaped lone surrogate as a condition operator', policy: withCondition({ 'StringEquals\uD800': { 'kms:x': 'v' } }) },
);

// ---------------------------------------------------------------------------------------------
// Prototype-named members at every level. JSON.parse makes them ordinary own properties; the
// grammar knows no such elements, so each is refused, and nothing reaches a prototype.
// ---------------------------------------------------------------------------------------------
const POLLUTION = '{"polluted":"yes","Effect":"Allow","Statement":[],"Action":"kms:*","Resource":"*"}';
for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__']) {
  const n = JSON.stringify(name);
  add(
    { label: `${name}: a top-level member`, policy: withTopLevel(`${n}:${POLLUTION}`), message: new RegExp(`Unknown element ${escapeRe(n)}`) },
    { label: `${name}: the only top-level member besides Version`, policy: () => `{"Version":"2012-10-17",${n}:{"Statement":[]}}` },
    { label: `${name}: a statement member`, policy: withRawMembers(() => `${n}:${POLLUTION}`), message: new RegExp(`Unknown element ${escapeRe(n)}`) },
    { label: `${name}: the only member of a statement`, policy: (kind) => `{"Version":"2012-10-17","Statement":[${JSON.stringify(base(kind))},{${n}:${POLLUTION}}]}` },
    { label: `${name}: a member of a lone Statement object`, policy: () => `{"Version":"2012-10-17","Statement":{${n}:${POLLUTION}}}` },
    { label: `${name}: a principal type`, kinds: KEY_ONLY, policy: withRawMembers(() => `"Principal":{"AWS":"${ROOT_ARN}",${n}:"*"}`), message: /invalid principals/ },
    { label: `${name}: a condition operator`, policy: withRawMembers(() => `"Condition":{${n}:{"kms:x":"a"}}`), message: /Unknown condition operator/ },
    { label: `${name}: a condition key`, policy: withRawMembers(() => `"Condition":{"StringEquals":{${n}:"a"}}`), message: /must be prefaced by a vendor/ },
    { label: `${name}: an object as a condition value`, policy: withRawMembers(() => `"Condition":{"StringEquals":{"kms:x":{${n}:"a"}}}`) },
    { label: `${name}: the Effect`, policy: withStatement({ Effect: name }), message: /Effect must be "Allow" or "Deny"/ },
    { label: `${name}: the Version`, policy: (kind) => JSON.stringify({ Version: name, Statement: [base(kind)] }) },
    { label: `${name}: an Action`, policy: withStatement({ Action: name }) },
    { label: `${name}: a Resource`, policy: withStatement({ Resource: name }) },
    { label: `${name}: a principal`, kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: name } }) },
    { label: `${name}: a service principal`, kinds: KEY_ONLY, policy: withStatement({ Principal: { Service: name } }) },
    { label: `${name}: a Sid used twice`, policy: (kind) => docOf([base(kind), { ...base(kind), Sid: name }, { ...base(kind), Sid: name }]) },
  );
}
function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Duplicate Sids.
// ---------------------------------------------------------------------------------------------
const UNIQUE = /Statement IDs \(SID\) in a single policy must be unique/;
add(
  { label: 'two statements with one Sid', policy: (kind) => docOf([base(kind), { ...base(kind) }]), message: UNIQUE },
  { label: 'a Sid used three times', policy: (kind) => docOf([base(kind), { ...base(kind), Effect: 'Deny', Action: 'kms:X' }, { ...base(kind) }]), message: UNIQUE },
  { label: 'a duplicate Sid in a Deny and an Allow', policy: (kind) => docOf([base(kind), { ...base(kind), Sid: 'D', Effect: 'Deny', Action: 'kms:X' }, { ...base(kind), Sid: 'D' }]), message: UNIQUE },
  { label: 'a key policy Sid with spaces, used twice', kinds: KEY_ONLY, policy: (kind) => docOf([base(kind), { ...base(kind), Sid: 'Allow use' }, { ...base(kind), Sid: 'Allow use' }]), message: UNIQUE },
  { label: 'an identity policy Sid with a space', kinds: ['identity'], policy: withStatement({ Sid: 'Allow use' }), message: /must be alpha-numeric/ },
  { label: 'an identity policy Sid with a hyphen', kinds: ['identity'], policy: withStatement({ Sid: 'a-b' }), message: /must be alpha-numeric/ },
);

// ---------------------------------------------------------------------------------------------
// Wrong types and values in every element.
// ---------------------------------------------------------------------------------------------
const WRONG: readonly unknown[] = [1, 0, -1.5, true, false, null, [], {}, [1], [null]];
const show = (v: unknown): string => JSON.stringify(v);
const isEmptyObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
for (const v of WRONG) {
  add(
    { label: `Version ${show(v)}`, policy: (kind) => JSON.stringify({ Version: v, Statement: [base(kind)] }) },
    { label: `Id ${show(v)}`, policy: (kind) => JSON.stringify({ Version: '2012-10-17', Id: v, Statement: [base(kind)] }) },
    { label: `Statement ${show(v)}`, policy: () => JSON.stringify({ Version: '2012-10-17', Statement: v }) },
    { label: `Sid ${show(v)}`, policy: withStatement({ Sid: v }) },
    { label: `Effect ${show(v)}`, policy: withStatement({ Effect: v }) },
  );
  // An empty Condition, or an operator with no keys, sets no condition: valid.
  if (!isEmptyObject(v)) {
    add(
      { label: `Condition ${show(v)}`, policy: withCondition(v) },
      { label: `a condition operator block ${show(v)}`, policy: withCondition({ StringEquals: v }) },
    );
  }
  // An empty list of actions or resources makes a statement that never matches, as in KMS: valid.
  if (!(Array.isArray(v) && v.length === 0)) {
    add(
      { label: `Action ${show(v)}`, policy: withStatement({ Action: v }) },
      { label: `NotAction ${show(v)}`, policy: withStatement({ Action: undefined, NotAction: v }) },
      { label: `Resource ${show(v)}`, policy: withStatement({ Resource: v }) },
      { label: `NotResource ${show(v)}`, policy: withStatement({ Resource: undefined, NotResource: v }) },
    );
  }
  add(
    { label: `Principal ${show(v)}`, kinds: KEY_ONLY, policy: withStatement({ Principal: v }), message: /invalid principals/ },
    { label: `NotPrincipal ${show(v)}`, kinds: KEY_ONLY, policy: withStatement({ Principal: undefined, NotPrincipal: v }) },
    { label: `Principal.AWS ${show(v)}`, kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: v } }) },
    { label: `Principal.Service ${show(v)}`, kinds: KEY_ONLY, policy: withStatement({ Principal: { Service: v } }) },
  );
  // Numbers and booleans (alone or in a list) are condition values, read as text.
  if (typeof v !== 'number' && typeof v !== 'boolean' && !(Array.isArray(v) && v.length > 0 && typeof v[0] === 'number')) {
    add({ label: `a condition value ${show(v)}`, policy: withCondition({ StringEquals: { 'kms:CallerAccount': v } }) });
  }
}
add(
  // Top level and statements.
  { label: 'Version 2012-10-18', policy: (kind) => JSON.stringify({ Version: '2012-10-18', Statement: [base(kind)] }), message: /Version must be "2012-10-17" or "2008-10-17"/ },
  { label: 'Version with a trailing space', policy: (kind) => JSON.stringify({ Version: '2012-10-17 ', Statement: [base(kind)] }) },
  { label: 'Version as a number', policy: (kind) => `{"Version":2012,"Statement":[${JSON.stringify(base(kind))}]}` },
  { label: 'an unknown top-level element', policy: (kind) => JSON.stringify({ Version: '2012-10-17', Statement: [base(kind)], Statements: [] }) },
  { label: 'a lower-case top-level element', policy: (kind) => JSON.stringify({ version: '2012-10-17', Statement: [base(kind)] }) },
  { label: 'Effect at the top level', policy: (kind) => JSON.stringify({ Version: '2012-10-17', Effect: 'Allow', Statement: [base(kind)] }) },
  { label: 'no Statement', policy: () => '{"Version":"2012-10-17"}', message: /Statement is missing/ },
  { label: 'an empty Statement list', policy: () => docOf([]), message: /at least one statement/ },
  { label: 'a Statement string', policy: () => '{"Version":"2012-10-17","Statement":"x"}', message: /A statement must be an object/ },
  { label: 'an empty statement', policy: (kind) => docOf([base(kind), {}]), message: /Effect is missing/ },
  { label: 'an unknown statement element', policy: withStatement({ Principals: '*' }), message: /Unknown element "?Principals"?/ },
  { label: 'a lower-case statement element', policy: withStatement({ effect: 'Allow' }) },
  { label: 'Effect missing', policy: withStatement({ Effect: undefined }), message: /Effect is missing/ },
  { label: "Effect 'allow'", policy: withStatement({ Effect: 'allow' }) },
  { label: "Effect 'ALLOW'", policy: withStatement({ Effect: 'ALLOW' }) },
  { label: "Effect 'Allow '", policy: withStatement({ Effect: 'Allow ' }) },
  { label: "Effect ''", policy: withStatement({ Effect: '' }) },
  { label: "Effect ['Allow']", policy: withStatement({ Effect: ['Allow'] }) },
  { label: "Effect 'Audit'", policy: withStatement({ Effect: 'Audit' }) },
  // Actions.
  { label: "Action 'Encrypt' (no vendor)", policy: withStatement({ Action: 'Encrypt' }), message: /must be prefaced by a vendor/ },
  { label: "Action 'kms:'", policy: withStatement({ Action: 'kms:' }) },
  { label: "Action ':Encrypt'", policy: withStatement({ Action: ':Encrypt' }) },
  { label: "Action 'kms:Encrypt:x'", policy: withStatement({ Action: 'kms:Encrypt:x' }), message: /only one colon/ },
  { label: "Action 'k m s:Encrypt'", policy: withStatement({ Action: 'k m s:Encrypt' }) },
  { label: "Action ''", policy: withStatement({ Action: '' }) },
  { label: 'nested Action lists', policy: withStatement({ Action: [['kms:Encrypt']] }) },
  { label: 'both Action and NotAction', policy: withStatement({ NotAction: 'kms:Decrypt' }), message: /cannot have both Action and NotAction/ },
  // Resources.
  { label: "Resource 'key/x'", policy: withStatement({ Resource: 'key/x' }), message: /must be in ARN format/ },
  { label: "Resource 'arn:aws:kms'", policy: withStatement({ Resource: 'arn:aws:kms' }) },
  { label: "Resource ''", policy: withStatement({ Resource: '' }) },
  { label: "Resource '**'", policy: withStatement({ Resource: '**' }) },
  { label: 'both Resource and NotResource', policy: withStatement({ NotResource: '*' }) },
  // Identity-policy rules.
  { label: 'an identity statement with a Principal', kinds: ['identity'], policy: withStatement({ Principal: '*' }), message: /should not specify a principal/ },
  { label: 'an identity statement with a NotPrincipal', kinds: ['identity'], policy: withStatement({ NotPrincipal: { AWS: ROOT_ARN } }) },
  { label: 'an identity statement without Action', kinds: ['identity'], policy: withStatement({ Action: undefined }), message: /must contain actions/ },
  { label: 'an identity statement with an empty Action', kinds: ['identity'], policy: withStatement({ Action: [] }) },
  { label: 'an identity statement without Resource', kinds: ['identity'], policy: withStatement({ Resource: undefined }), message: /must contain resources/ },
  // Principals.
  { label: 'a key statement without Principal', kinds: KEY_ONLY, policy: withStatement({ Principal: undefined }), message: /must have a Principal or NotPrincipal/ },
  { label: 'both Principal and NotPrincipal', kinds: KEY_ONLY, policy: withStatement({ NotPrincipal: { AWS: ROOT_ARN } }) },
  { label: 'Principal [] (an empty list)', kinds: KEY_ONLY, policy: withStatement({ Principal: [] }) },
  { label: "Principal ['*']", kinds: KEY_ONLY, policy: withStatement({ Principal: ['*'] }) },
  { label: 'Principal an ARN string (not in an object)', kinds: KEY_ONLY, policy: withStatement({ Principal: ROOT_ARN }) },
  { label: 'Principal {} (names no one)', kinds: KEY_ONLY, policy: withStatement({ Principal: {} }) },
  { label: 'Principal.AWS [] (names no one)', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: [] } }) },
  { label: "Principal {aws: '*'} (case)", kinds: KEY_ONLY, policy: withStatement({ Principal: { aws: '*' } }) },
  { label: 'Principal.CanonicalUser', kinds: KEY_ONLY, policy: withStatement({ Principal: { CanonicalUser: 'abc' } }) },
  { label: 'Principal.AWS a group', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:group/admins` } }) },
  { label: 'Principal.AWS a wildcard user', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/*` } }) },
  { label: 'Principal.AWS a wildcard account', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: 'arn:aws:iam::*:root' } }) },
  { label: 'Principal.AWS an 11-digit account', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: '11112222333' } }) },
  { label: 'Principal.AWS a service principal', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: 'logs.amazonaws.com' } }) },
  { label: 'Principal.AWS an empty string', kinds: KEY_ONLY, policy: withStatement({ Principal: { AWS: '' } }) },
  { label: "Principal.Service '*'", kinds: KEY_ONLY, policy: withStatement({ Principal: { Service: '*' } }) },
  { label: 'Principal.Service an account id', kinds: KEY_ONLY, policy: withStatement({ Principal: { Service: ACCOUNT } }) },
  { label: 'Principal.Federated not a provider', kinds: KEY_ONLY, policy: withStatement({ Principal: { Federated: 'not a provider' } }) },
  // Conditions.
  { label: 'an unknown condition operator', policy: withCondition({ StringEqualz: { 'kms:x': 'a' } }), message: /Unknown condition operator "StringEqualz"/ },
  { label: 'a condition operator in lower case', policy: withCondition({ stringequals: { 'kms:x': 'a' } }) },
  { label: 'an unknown set operator', policy: withCondition({ 'ForSomeValues:StringEquals': { 'kms:x': 'a' } }) },
  { label: 'a set operator with an unknown operator', policy: withCondition({ 'ForAnyValue:Bogus': { 'kms:x': 'a' } }) },
  { label: 'a bare set operator', policy: withCondition({ 'ForAnyValue:': { 'kms:x': 'a' } }) },
  { label: 'IfExists alone', policy: withCondition({ IfExists: { 'kms:x': 'a' } }) },
  { label: 'IfExists twice', policy: withCondition({ StringEqualsIfExistsIfExists: { 'kms:x': 'a' } }) },
  { label: 'NullIfExists', policy: withCondition({ NullIfExists: { 'kms:x': 'true' } }) },
  { label: 'a condition key without a vendor', policy: withCondition({ StringEquals: { CallerAccount: 'a' } }) },
  { label: "a condition key ':x'", policy: withCondition({ StringEquals: { ':x': 'a' } }) },
  { label: "a condition key 'kms:'", policy: withCondition({ StringEquals: { 'kms:': 'a' } }) },
  { label: 'an empty condition key', policy: withCondition({ StringEquals: { '': 'a' } }) },
  { label: 'an empty list of condition values', policy: withCondition({ StringEquals: { 'kms:x': [] } }), message: /needs at least one value/ },
  { label: 'ForAllValues on kms:EncryptionContext:<key>', kinds: KEY_ONLY, policy: withCondition({ 'ForAllValues:StringEquals': { 'kms:EncryptionContext:tenant': 'a' } }), message: /^OverlyPermissiveCondition/ },
  { label: 'ForAllValues on aws:RequestTag/<key>', kinds: KEY_ONLY, policy: withCondition({ 'ForAllValues:StringLike': { 'aws:RequestTag/env': '*' } }), message: /^OverlyPermissiveCondition/ },
);
for (const [operator, values] of [
  ['NumericEquals', ['abc', '', '1,000', '0x10', 'NaN', 'Infinity', '1e', '--1', '1 ', ' 1', '\u00b2']],
  ['NumericLessThan', ['ten']],
  ['DateLessThan', ['yesterday', '2026-13-01', '2026-01-32', '2026-01-01T25:00:00Z', '2026-01-01T00:60:00Z', '', '-1', '1e9', '2026/01/01', '01-01-2026', '2026-01-01T00:00:00+25:00']],
  ['DateGreaterThanEquals', ['now']],
  ['Bool', ['yes', '1', '', 'TRUE ', 'truee']],
  ['IpAddress', ['10.0.0.0/33', '10.0.0.256', '::/129', '', '10.0.0.0/-1', '1:2:3', '10.0.0.0/8/8', 'localhost', '10.0.0.0/ 8', '1.2.3', '::1::', '1.2.3.4/', 'fe80::1%eth0']],
  ['NotIpAddress', ['999.0.0.0/8']],
  ['BinaryEquals', ['***', 'abc', 'a===', '====']],
  ['Null', ['maybe', '1', '']],
] as const) {
  for (const value of values) {
    add({ label: `${operator} ${JSON.stringify(value)}`, policy: withCondition({ [operator]: { 'aws:SourceIp': value } }), message: new RegExp(`Condition operator ${operator} expects`) });
  }
}
add(
  { label: 'NumericEquals: one bad value among good ones', policy: withCondition({ NumericEquals: { 'kms:x': ['1', 2, 'x'] } }) },
  { label: 'Bool: the number 1', policy: withCondition({ Bool: { 'aws:SecureTransport': 1 } }) },
  { label: 'IpAddress: a number', policy: withCondition({ IpAddress: { 'aws:SourceIp': 10 } }) },
  { label: 'DateLessThan: a negative number', policy: withCondition({ DateLessThan: { 'aws:CurrentTime': -1 } }) },
);

// ---------------------------------------------------------------------------------------------
// Lockout (key policies only; the bypass flag accepts these).
// ---------------------------------------------------------------------------------------------
add(
  { label: 'a policy that names only another user', kinds: KEY_ONLY, lockout: true, policy: () => docOf([{ ...base('key'), Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` } }]), message: LOCKOUT },
  { label: 'a policy that names only another account', kinds: KEY_ONLY, lockout: true, policy: () => docOf([{ ...base('key'), Principal: { AWS: OTHER_ACCOUNT } }]), message: LOCKOUT },
  { label: 'a policy that denies kms:PutKeyPolicy to everyone', kinds: KEY_ONLY, lockout: true, policy: () => docOf([base('key'), { Effect: 'Deny', Principal: '*', Action: 'kms:Put*', Resource: '*' }]), message: LOCKOUT },
  { label: 'a policy whose only statement never matches (empty Action)', kinds: KEY_ONLY, lockout: true, policy: () => docOf([{ ...base('key'), Action: [] }]), message: LOCKOUT },
  { label: 'a policy that allows the root only for kms:Encrypt', kinds: KEY_ONLY, lockout: true, policy: () => docOf([{ ...base('key'), Action: 'kms:Encrypt' }]), message: LOCKOUT },
  {
    label: 'a policy that allows the root only from an address',
    kinds: KEY_ONLY,
    lockout: true,
    policy: () => docOf([{ ...base('key'), Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }]),
    message: LOCKOUT,
  },
);

// ---------------------------------------------------------------------------------------------
// The runner.
// ---------------------------------------------------------------------------------------------
const expectedName = (c: PolicyCase, kind: Kind): string => (typeof c.name === 'string' ? c.name : (c.name?.[kind] ?? MALFORMED));
const kindsOf = (c: PolicyCase): readonly Kind[] => c.kinds ?? KINDS;
const IDENTITY_POLICY_CHARACTERS = 10_240;

/** Everything reachable from the built-in prototypes a polluted policy could touch. */
function prototypeState(): unknown[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype, Map.prototype, Set.prototype].map((proto) =>
    Reflect.ownKeys(proto).map((k) => [String(k), Object.getOwnPropertyDescriptor(proto, k)]),
  );
}
const PROTOTYPES = prototypeState();

async function expectRefused(promise: Promise<unknown> | (() => unknown), name: string, message: string | RegExp | undefined, what: string): Promise<void> {
  let outcome: { ok: true } | { ok: false; error: unknown };
  try {
    await (typeof promise === 'function' ? promise() : promise);
    outcome = { ok: true };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok) expect.fail(`${what}: expected ${name}, but the document was accepted`);
  const error = outcome.error;
  if (!(error instanceof KmsError)) expect.fail(`${what}: expected ${name}, got ${String(error)}`);
  expect(error.name, `${what}: ${error.message}`).toBe(name);
  expect(error, what).toBeInstanceOf((errors as unknown as Record<string, new () => KmsError>)[name]);
  expect(error.$fault, what).toBe('client');
  // Model validation echoes the value, as AWS does; the policy engine's own messages quote short excerpts.
  if (name !== 'ValidationException') expect(error.message.length, `${what}: message of ${error.message.length} characters`).toBeLessThan(MAX_MESSAGE);
  if (typeof message === 'string') expect(error.message, what).toBe(message);
  else if (message) expect(error.message, what).toMatch(message);
}

const EXISTING_IDENTITY_POLICY = docOf([{ Sid: 'Existing', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' }]);

async function runCase(c: PolicyCase): Promise<void> {
  const w = cloneWorld(template);
  w.kms.iam.putPolicy(USER, 'existing', EXISTING_IDENTITY_POLICY);
  const before = stateOf(w);
  const policyBefore = (await w.kms.getKeyPolicy({ KeyId: w.enabled.id })).Policy;
  const keysBefore = (await w.kms.listKeys()).Keys;
  const check = async (what: string) => {
    expect(stateOf(w), `${what}: state`).toEqual(before);
    expect((await w.kms.getKeyPolicy({ KeyId: w.enabled.id })).Policy, `${what}: key policy`).toBe(policyBefore);
    expect((await w.kms.listKeys()).Keys, `${what}: keys`).toEqual(keysBefore);
    expect(w.kms.iam.listPolicies(USER), `${what}: identity policies`).toEqual(['existing']);
    expect(w.kms.iam.getPolicy(USER, 'existing'), `${what}: identity policy`).toBe(EXISTING_IDENTITY_POLICY);
    expect(prototypeState(), `${what}: built-in prototypes`).toEqual(PROTOTYPES);
    expect(({} as Record<string, unknown>).polluted, `${what}: Object.prototype`).toBeUndefined();
  };
  for (const kind of kindsOf(c)) {
    const policy = c.policy(kind);
    const name = expectedName(c, kind);
    if (kind === 'key') {
      await expectRefused(w.kms.createKey({ Policy: policy }), name, c.message, 'CreateKey');
      await check('CreateKey');
      await expectRefused(w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: policy }), name, c.message, 'PutKeyPolicy');
      await check('PutKeyPolicy');
      await expectRefused(w.kms.putKeyPolicy({ KeyId: w.pending.arn, Policy: policy, PolicyName: 'default' }), name, c.message, 'PutKeyPolicy, key pending deletion');
      await check('PutKeyPolicy, key pending deletion');
      if (!c.lockout) {
        await expectRefused(w.kms.createKey({ Policy: policy, BypassPolicyLockoutSafetyCheck: true }), name, c.message, 'CreateKey with bypass');
        await expectRefused(w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: policy, BypassPolicyLockoutSafetyCheck: true }), name, c.message, 'PutKeyPolicy with bypass');
        await check('with bypass');
      }
    } else {
      // IAM refuses an inline policy over 10,240 characters (whitespace not counted) before reading it.
      const oversized = policy.replace(/\s/g, '').length > IDENTITY_POLICY_CHARACTERS;
      const [idName, idMessage] = oversized ? ['LimitExceededException', /^Maximum policy size of 10240 characters exceeded/] : [name, c.message];
      await expectRefused(() => w.kms.iam.putPolicy(USER, 'hostile', policy), idName, idMessage, 'iam.putPolicy');
      await check('iam.putPolicy');
      // A refused replacement keeps the policy it would have replaced.
      await expectRefused(() => w.kms.iam.putPolicy(USER, 'existing', policy), idName, idMessage, 'iam.putPolicy, replacing');
      await check('iam.putPolicy, replacing');
    }
  }
}

describe('the table itself', () => {
  it('holds many cases for both kinds of policy, and names only AWS exceptions', () => {
    expect(cases.filter((c) => kindsOf(c).includes('key')).length).toBeGreaterThan(300);
    expect(cases.filter((c) => kindsOf(c).includes('identity')).length).toBeGreaterThan(250);
    expect(new Set(cases.map((c) => c.label)).size, 'labels are unique').toBe(cases.length);
    // A key policy case is about what it says it is only if the quota is not what refuses it.
    for (const c of cases.filter((c) => kindsOf(c).includes('key') && expectedName(c, 'key') === MALFORMED)) {
      expect(new TextEncoder().encode(c.policy('key')).length, c.label).toBeLessThanOrEqual(32_768);
    }
    for (const c of cases) {
      for (const kind of kindsOf(c)) {
        const cls = (errors as unknown as Record<string, unknown>)[expectedName(c, kind)];
        expect(typeof cls, c.label).toBe('function');
      }
    }
  });

  it('the base documents are accepted, so each case refuses only what it changes', async () => {
    const w = cloneWorld(template);
    await w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: docOf([base('key'), { ...base('key'), Sid: 'Hostile' }]) });
    await w.kms.createKey({ Policy: docOf([base('key')]) });
    w.kms.iam.putPolicy(USER, 'p', docOf([base('identity'), { ...base('identity'), Sid: 'Hostile' }]));
    await w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: ofBytes('key', 32_768) });
  });
});

describe('hostile policy documents', () => {
  it.each(cases.map((c) => ({ ...c, kinds: kindsOf(c).join('+') })))('$label ($kinds)', async ({ label }) => {
    await runCase(cases.find((c) => c.label === label)!);
  });
});

// ---------------------------------------------------------------------------------------------
// Documents that look hostile but are valid: accepted verbatim, quickly, and they work.
// ---------------------------------------------------------------------------------------------
describe('large and odd documents that are valid', () => {
  const timed = async <T>(f: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await f();
    expect(performance.now() - start, 'milliseconds').toBeLessThan(1000);
    return result;
  };

  it('exactly 32,768 bytes, in two-byte characters too, is within the quota', async () => {
    const w = cloneWorld(template);
    const ascii = ofBytes('key', 32_768);
    expect(new TextEncoder().encode(ascii).length).toBe(32_768);
    await w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: ascii });
    expect((await w.kms.getKeyPolicy({ KeyId: w.enabled.id })).Policy).toBe(ascii);
    const empty = docOf([{ ...base('key'), Sid: '' }]);
    const latin = docOf([{ ...base('key'), Sid: '\u00e9'.repeat((32_768 - empty.length) / 2) }]);
    expect(new TextEncoder().encode(latin).length).toBeLessThanOrEqual(32_768);
    await w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: latin });
    expect((await w.kms.getKeyPolicy({ KeyId: w.enabled.id })).Policy).toBe(latin);
  });

  it('2,400 actions, 2,000 principals, 1,400 CIDR blocks: accepted, evaluated, fast', async () => {
    const w = cloneWorld(template);
    const actions = docOf([{ ...base('key'), Action: [...many(2400, (i) => `kms:A${i}`), 'kms:*'] }]);
    expect(actions.length).toBeLessThanOrEqual(32_768);
    await timed(() => w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: actions }));
    await timed(() => w.kms.encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT }));
    const principals = docOf([{ ...base('key'), Principal: { AWS: [...ACCOUNTS(2000), ACCOUNT] } }]);
    expect(principals.length).toBeLessThanOrEqual(32_768);
    await timed(() => w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: principals }));
    await timed(() => w.kms.encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT }));
    const blocks = docOf([
      base('key'),
      { Sid: 'Deny', Effect: 'Deny', Principal: '*', Action: 'kms:Encrypt', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': many(1400, (i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`) } } },
    ]);
    await timed(() => w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: blocks }));
    const from = (ip: string) => w.kms.as(ROOT_ARN, { sourceIp: ip });
    // The last block (i = 1399) and the first.
    await expect(from('10.5.119.7').encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT })).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(from('10.0.0.255').encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT })).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await timed(() => from('10.5.120.7').encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT }));
    await timed(() => from('192.0.2.1').encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT }));
  });

  it('an identity policy of 600 actions, near IAM\'s size quota, is accepted and evaluated', async () => {
    const w = cloneWorld(template);
    w.kms.iam.putPolicy(USER, 'many', docOf([{ Effect: 'Allow', Action: [...many(600, (i) => `kms:Action${i}`), 'kms:Describe*'], Resource: '*' }]));
    await timed(() => w.kms.as(USER).describeKey({ KeyId: w.enabled.arn }));
    await expect(w.kms.as(USER).encrypt({ KeyId: w.enabled.arn, Plaintext: PLAINTEXT })).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('escaped non-Latin-1 characters and surrogate pairs are plain ASCII, kept verbatim', async () => {
    const w = cloneWorld(template);
    const policy = docOf([base('key'), { ...base('key'), Sid: '\u4e2d\u6587 \u{1F600}', Action: 'kms:Encrypt' }]).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(policy).toMatch(/^[\x20-\x7e]+$/);
    await w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: policy });
    expect((await w.kms.getKeyPolicy({ KeyId: w.enabled.id })).Policy).toBe(policy);
  });

  it('prototype names inside condition keys and encryption contexts are only names', async () => {
    const w = cloneWorld(template);
    const policy = docOf([
      base('key'),
      ...['__proto__', 'constructor', 'prototype', 'toString'].map((name, i) => ({
        Sid: `Deny${i}`,
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:Encrypt',
        Resource: '*',
        Condition: { StringEquals: { [`kms:EncryptionContext:${name}`]: 'evil' } },
      })),
    ]);
    await w.kms.putKeyPolicy({ KeyId: w.enabled.id, Policy: policy });
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString']) {
      const context = JSON.parse(`{${JSON.stringify(name)}:"evil"}`) as Record<string, string>;
      await expect(w.kms.encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT, EncryptionContext: context }), name).rejects.toMatchObject({ name: 'AccessDeniedException' });
      const fine = JSON.parse(`{${JSON.stringify(name)}:"good"}`) as Record<string, string>;
      await w.kms.encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT, EncryptionContext: fine });
    }
    // A context without those keys is not mistaken for one that has them (no inherited lookup).
    await w.kms.encrypt({ KeyId: w.enabled.id, Plaintext: PLAINTEXT, EncryptionContext: { ...CONTEXT } });
    expect(prototypeState()).toEqual(PROTOTYPES);
  });
});

afterAll(() => {
  expect(prototypeState()).toEqual(PROTOTYPES);
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
