/**
 * Hostile documents: each compiles or is refused cleanly (MalformedPolicyDocumentException or
 * LimitExceededException), quickly, and leaves no trace on Object.prototype. Raw JSON text is
 * written by hand where JSON.stringify would not produce it (a `__proto__` member, deep nesting).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsError } from '../../src/errors.js';
import { compilePolicy, type PolicyKind } from '../../src/policy/index.js';
import { allowAll, context, doc, evaluate, expectMalformed, request } from './helpers.js';

/** A statement as JSON text with `inner` spliced in as its last members. */
const statementWith = (inner: string): string => `{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*",${inner}}`;
const policyWith = (statement: string): string => `{"Version":"2012-10-17","Statement":[${statement}]}`;
const nestedArrays = (depth: number, core = '"x"'): string => '['.repeat(depth) + core + ']'.repeat(depth);
const nestedObjects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

function timed<T>(run: () => T, limitMs = 1000): T {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started).toBeLessThan(limitMs);
  return result;
}

/** Compiles, expecting either success or a KMS exception; anything else (a TypeError, a RangeError) fails. */
function compilesOrRefuses(document: string, kind: PolicyKind = 'key'): KmsError | undefined {
  try {
    timed(() => compilePolicy(document, kind));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(KmsError);
    return error as KmsError;
  }
}

const prototypeNames = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
let before: string[];
beforeAll(() => {
  before = prototypeNames();
});
afterAll(() => {
  expect(prototypeNames()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('deep nesting', () => {
  it.each<[string, string, string]>([
    ['10,000 nested arrays in a condition value', policyWith(statementWith(`"Condition":{"StringEquals":{"aws:x":${nestedArrays(10_000)}}}`)), 'Condition values must be strings, numbers or booleans'],
    ['10,000 nested objects in a condition value', policyWith(statementWith(`"Condition":{"StringEquals":{"aws:x":${nestedObjects(3_000)}}}`)), 'Condition values must be strings, numbers or booleans'],
    ['nested arrays as a statement', `{"Statement":${nestedArrays(10_000, '{}')}}`, 'A statement must be an object (at Statement[0])'],
    ['nested arrays as an action', policyWith(`{"Effect":"Allow","Principal":"*","Resource":"*","Action":${nestedArrays(10_000)}}`), 'Expected a string (at Statement[0].Action[0])'],
    ['nested arrays as a principal', policyWith(`{"Effect":"Allow","Action":"*","Resource":"*","Principal":{"AWS":${nestedArrays(10_000)}}}`), 'Expected a string (at Statement[0].Principal.AWS[0])'],
    ['nested objects as a condition', policyWith(statementWith(`"Condition":${nestedObjects(3_000)}`)), 'Unknown condition operator "a"'],
    ['nested objects at the top', nestedObjects(5_000), 'Unknown element "a" (at Policy)'],
  ])('%s: refused within 32 KB', (_label, document, fragment) => {
    expect(new TextEncoder().encode(document).length).toBeLessThanOrEqual(32_768);
    timed(() => expectMalformed(() => compilePolicy(document, 'key'), fragment));
  });

  it('200,000 nested arrays in an identity policy (no size quota) are refused, not a crash', () => {
    const document = `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:x":${nestedArrays(200_000)}}}}}`;
    expect(compilesOrRefuses(document, 'identity')?.name).toBe('MalformedPolicyDocumentException');
  });
});

describe('huge arrays', () => {
  it('20,000 statements in an identity policy compile and evaluate fast', () => {
    const statements = Array.from({ length: 20_000 }, (_, i) => ({ Effect: 'Allow', Action: `kms:Op${i}`, Resource: '*' }));
    const policy = timed(() => compilePolicy(doc(...statements, { Effect: 'Deny', Action: 'kms:Op19999', Resource: '*' }), 'identity'));
    expect(timed(() => policy.evaluate(request({ action: 'kms:Op19999' }))).deny).toBe(true);
    expect(timed(() => policy.evaluate(request({ action: 'kms:Op5' }))).allowDirect).toBe(true);
  });

  it('as many statements as 32 KB holds compile and evaluate fast', () => {
    const statements = Array.from({ length: 350 }, () => ({ Effect: 'Deny', Principal: { AWS: '444455556666' }, Action: 'kms:Decrypt', Resource: '*' }));
    const policy = timed(() => compilePolicy(doc(...statements, allowAll()), 'key'));
    expect(policy.evaluate(request()).allowDirect).toBe(true);
  });

  it('50,000 condition values are one set lookup', () => {
    const values = Array.from({ length: 50_000 }, (_, i) => `v${i}`);
    const policy = timed(() => compilePolicy(doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:x': values } } }), 'identity'));
    const req = request({ context: { 'aws:x': 'v49999' } });
    timed(() => {
      for (let i = 0; i < 10_000; i++) expect(policy.evaluate(req).allowDirect).toBe(true);
    });
  });

  it('thousands of resources and principals', () => {
    const resources = Array.from({ length: 10_000 }, (_, i) => `arn:aws:kms:us-east-1:111122223333:key/k${i}`);
    const policy = timed(() => compilePolicy(doc({ Effect: 'Allow', Action: '*', Resource: resources }), 'identity'));
    expect(policy.evaluate(request({ resource: 'arn:aws:kms:us-east-1:111122223333:key/k9999' })).allowDirect).toBe(true);
    const principals = Array.from({ length: 700 }, (_, i) => `arn:aws:iam::111122223333:user/u${i}`);
    const keyPolicy = timed(() => compilePolicy(doc(allowAll({ Principal: { AWS: principals } })), 'key'));
    expect(keyPolicy.evaluate(request({ caller: 'arn:aws:iam::111122223333:user/u699' })).allowDirect).toBe(true);
  });
});

describe('pathological wildcards', () => {
  const evil = `${'*a'.repeat(40)}*b`;
  const long = 'a'.repeat(20_000);

  it('in a StringLike pattern', () => {
    const policy = compilePolicy(doc(allowAll({ Condition: { StringLike: { 'aws:x': evil } } })), 'key');
    expect(timed(() => policy.evaluate(request({ context: { 'aws:x': long } }))).allowDirect).toBe(false);
  });

  it('in an action pattern', () => {
    const policy = compilePolicy(doc(allowAll({ Action: `kms:${evil}` })), 'key');
    expect(timed(() => policy.evaluate(request({ action: `kms:${long}` }))).allowDirect).toBe(false);
  });

  it('in a resource pattern', () => {
    const policy = compilePolicy(doc(allowAll({ Resource: `arn:aws:kms:us-east-1:111122223333:key/${evil}` })), 'key');
    expect(timed(() => policy.evaluate(request({ resource: `arn:aws:kms:us-east-1:111122223333:key/${long}` }))).allowDirect).toBe(false);
  });

  it('in a pattern with a variable', () => {
    const policy = compilePolicy(doc(allowAll({ Condition: { StringLike: { 'aws:x': `${evil}\${aws:y}` } } })), 'key');
    expect(timed(() => policy.evaluate(request({ context: { 'aws:x': long, 'aws:y': 'c' } }))).allowDirect).toBe(false);
  });
});

describe('lone surrogates and U+FFFD', () => {
  // JSON.stringify writes a lone surrogate as an escape, so the text passes the character set and
  // the decoded string is what is refused.
  it.each<[string, string]>([
    ['an Id', JSON.stringify({ Id: '\udc00', Statement: allowAll() })],
    ['a Sid', doc(allowAll({ Sid: 'x\ud800' }))],
    ['an action', doc(allowAll({ Action: 'kms:\ud800' }))],
    ['a resource', doc(allowAll({ Resource: 'arn:aws:kms:us-east-1:1:key/\udfff' }))],
    ['a principal', doc(allowAll({ Principal: { AWS: '\ud800' } }))],
    ['a condition key', doc(allowAll({ Condition: { StringEquals: { 'aws:\ud800': 'x' } } }))],
    ['a condition value', doc(allowAll({ Condition: { StringEquals: { 'aws:x': ['ok', '\ud83d'] } } }))],
  ])('an escaped lone surrogate in %s', (_label, document) => {
    expectMalformed(() => compilePolicy(document, 'key'), 'contains an unpaired UTF-16 surrogate');
  });

  it('a raw U+FFFD or lone surrogate anywhere in the text', () => {
    for (const character of ['\ufffd', '\ud800', '\udfff']) {
      expectMalformed(() => compilePolicy(doc(allowAll({ Sid: '#' })).replace('#', character), 'key'), 'Character U+');
    }
  });

  it('an escaped U+FFFD is an ordinary character', () => {
    const policy = compilePolicy(doc(allowAll({ Condition: { StringEquals: { 'aws:x': '\ufffd' } } })).replace('\ufffd', '\\ufffd'), 'key');
    expect(policy.evaluate(request({ context: { 'aws:x': '\ufffd' } })).allowDirect).toBe(true);
  });
});

describe('prototype keys', () => {
  const names = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

  it.each(names)('%s as a top-level member', (name) => {
    expectMalformed(() => compilePolicy(`{"${name}":{"polluted":1},"Statement":${JSON.stringify(allowAll())}}`, 'key'), `Unknown element "${name}" (at Policy)`);
  });

  it.each(names)('%s as a statement member', (name) => {
    expectMalformed(() => compilePolicy(policyWith(statementWith(`"${name}":{"polluted":1}`)), 'key'), `Unknown element "${name}" (at Statement[0])`);
  });

  it.each(names)('%s as a principal type', (name) => {
    const document = policyWith(`{"Effect":"Allow","Action":"*","Resource":"*","Principal":{"${name}":"*"}}`);
    expectMalformed(() => compilePolicy(document, 'key'), `Unknown principal type "${name}"`);
  });

  it.each(names)('%s as a condition operator', (name) => {
    expectMalformed(() => compilePolicy(policyWith(statementWith(`"Condition":{"${name}":{"aws:x":"y"}}`)), 'key'), `Unknown condition operator "${name}"`);
  });

  it.each(names)('%s as a condition key without a vendor', (name) => {
    expectMalformed(() => compilePolicy(policyWith(statementWith(`"Condition":{"StringEquals":{"${name}":"y"}}`)), 'key'), 'must be prefaced by a vendor');
  });

  it.each(names)('%s in a condition value object', (name) => {
    expectMalformed(() => compilePolicy(policyWith(statementWith(`"Condition":{"StringEquals":{"aws:x":{"${name}":"y"}}}`)), 'key'), 'Condition values must be strings');
  });

  it.each(names)('kms:EncryptionContext:%s is an ordinary condition key', (name) => {
    const key = `kms:EncryptionContext:${name}`;
    const policy = compilePolicy(policyWith(statementWith(`"Condition":{"StringEquals":{"${key}":"yes"}}`)), 'key');
    expect(policy.evaluate(request({ context: { [key]: 'yes' } })).allowDirect).toBe(true);
    expect(policy.evaluate(request()).allowDirect).toBe(false);
    // A context that is a plain object: the name must be looked up as an own key only.
    const plain = { get: (name: string) => (Object.hasOwn(Object.prototype, name) ? 'polluted' : undefined) };
    expect(policy.evaluate({ ...request(), context: plain }).allowDirect).toBe(false);
  });

  it('__proto__ as a policy variable name', () => {
    const policy = compilePolicy(doc(allowAll({ Condition: { StringEquals: { 'aws:x': '${aws:__proto__}' } } })), 'key');
    expect(policy.evaluate(request({ context: { 'aws:x': 'v', 'aws:__proto__': 'v' } })).allowDirect).toBe(true);
  });
});

describe('other hostile values', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { Statement: [] }],
  ])('a document that is %s', (_label, document) => {
    expectMalformed(() => compilePolicy(document as string, 'key'), 'The policy must be a string of JSON');
  });

  it.each<[string, unknown]>([
    ['a number', 1],
    ['an object', { a: 1 }],
    ['an array', ['A']],
    ['true', true],
  ])('a Sid that is %s', (_label, sid) => {
    expectMalformed(() => compilePolicy(doc(allowAll({ Sid: sid })), 'key'), 'Sid must be a string');
  });

  it('duplicate Sids far apart', () => {
    const statements = Array.from({ length: 300 }, (_, i) => allowAll({ Sid: `S${i}` }));
    expectMalformed(() => compilePolicy(doc(...statements, allowAll({ Sid: 'S0' })), 'key'), 'Statement IDs (SID) in a single policy must be unique. (at Statement[300] (Sid "S0"))');
  });

  it('a long hostile name is cut short in the message', () => {
    const name = 'x'.repeat(30_000);
    const error = expectMalformed(() => compilePolicy(policyWith(statementWith(`"${name}":1`)), 'key'), 'Unknown element "xxxx');
    expect(error.message.length).toBeLessThan(300);
  });

  it('numbers beyond double range in a numeric condition', () => {
    expectMalformed(() => compilePolicy(policyWith(statementWith('"Condition":{"NumericLessThan":{"aws:n":1e400}}')), 'key'), 'expects a number, got "Infinity"');
  });

  it('a context that answers with an empty list or odd casing is read safely', () => {
    const policy = compilePolicy(doc(allowAll({ Condition: { StringEquals: { 'aws:x': 'v' } } })), 'key');
    expect(policy.evaluate({ ...request(), context: context({ 'aws:x': [] }) }).allowDirect).toBe(false);
    expect(evaluate(doc(allowAll({ Condition: { StringEquals: { 'AWS:X': 'v' } } })), { context: { 'aws:x': 'v' } }).allowDirect).toBe(true);
  });
});
