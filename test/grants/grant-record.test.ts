import { describe, expect, it } from 'vitest';
import { freezeContext, freezeGrant, sameGrantSettings, type GrantRecord } from '../../src/grants/grant-record.js';
import { ALICE, BOB, grant, KEY_B, SERVICE } from './fixtures.js';

const base = grant(1, undefined, undefined, {
  name: 'retry-safe',
  retiringPrincipal: BOB,
  operations: ['Encrypt', 'Decrypt', 'GenerateDataKey'],
  constraints: { encryptionContextSubset: freezeContext({ Department: 'IT' }) },
});

describe('freezeGrant', () => {
  it('makes a record nothing can change, down to the contexts', () => {
    const operations = ['Decrypt' as const];
    const subset = { a: '1' };
    const date = new Date(0);
    const record = freezeGrant({ ...base, operations, creationDate: date, constraints: { encryptionContextSubset: subset } });
    operations.push('Decrypt');
    subset.a = '2';
    date.setTime(1);
    expect(record.operations).toEqual(['Decrypt']);
    expect(record.constraints!.encryptionContextSubset).toEqual({ a: '1' });
    expect(record.creationDate.getTime()).toBe(0);
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.operations)).toBe(true);
    expect(Object.isFrozen(record.constraints)).toBe(true);
    expect(Object.isFrozen(record.constraints!.encryptionContextSubset)).toBe(true);
  });

  it('keeps a __proto__ key as a plain key, without a prototype to reach', () => {
    const context = JSON.parse('{"__proto__": "x", "a": "1"}') as Record<string, string>;
    const frozen = freezeContext(context);
    expect(Object.getPrototypeOf(frozen)).toBeNull();
    expect(Object.keys(frozen)).toEqual(['__proto__', 'a']);
    expect(Object.hasOwn(frozen, '__proto__')).toBe(true);
    expect(frozen['__proto__']).toBe('x');
  });

  it('copies only the constraints that are present', () => {
    expect(Object.keys(freezeGrant({ ...base, constraints: { sourceArn: 'arn:aws:s3:::b' } }).constraints!)).toEqual(['sourceArn']);
  });
});

describe('sameGrantSettings (CreateGrant idempotency by Name)', () => {
  it.each<[string, Partial<GrantRecord>]>([
    ['another grant id', { grantId: 'f'.repeat(64) }],
    ['another creation date', { creationDate: new Date(0) }],
    ['the operations in another order', { operations: ['GenerateDataKey', 'Decrypt', 'Encrypt'] }],
    ['an operation repeated', { operations: ['Encrypt', 'Decrypt', 'GenerateDataKey', 'Decrypt'] }],
    ['an equal context in another object', { constraints: { encryptionContextSubset: { Department: 'IT' } } }],
  ])('match with %s', (_label, change) => {
    expect(sameGrantSettings(base, { ...base, ...change })).toBe(true);
  });

  it.each<[string, Partial<GrantRecord>]>([
    ['another key', { keyId: KEY_B }],
    ['another name', { name: 'other' }],
    ['no name', { name: undefined }],
    ['another grantee', { granteePrincipal: BOB }],
    ['a service grantee instead', { granteePrincipal: undefined, granteeServicePrincipal: SERVICE }],
    ['another retiring principal', { retiringPrincipal: ALICE }],
    ['a retiring service principal instead', { retiringPrincipal: undefined, retiringServicePrincipal: SERVICE }],
    ['an operation fewer', { operations: ['Encrypt', 'Decrypt'] }],
    ['an operation more', { operations: ['Encrypt', 'Decrypt', 'GenerateDataKey', 'ReEncryptFrom'] }],
    ['no constraints', { constraints: undefined }],
    ['Equals instead of Subset', { constraints: { encryptionContextEquals: { Department: 'IT' } } }],
    ['a key in another case', { constraints: { encryptionContextSubset: { department: 'IT' } } }],
    ['a value in another case', { constraints: { encryptionContextSubset: { Department: 'it' } } }],
    ['a pair more', { constraints: { encryptionContextSubset: { Department: 'IT', a: 'b' } } }],
    ['a SourceArn added', { constraints: { ...base.constraints, sourceArn: 'arn:aws:s3:::b' } }],
  ])('differ with %s', (_label, change) => {
    expect(sameGrantSettings(base, { ...base, ...change })).toBe(false);
    expect(sameGrantSettings({ ...base, ...change }, base)).toBe(false);
  });

  it('treats empty constraints like none', () => {
    const bare = grant(2);
    expect(sameGrantSettings(bare, { ...bare, constraints: {} })).toBe(true);
  });

  it('tells a __proto__ key from a missing one', () => {
    const withProto = { encryptionContextEquals: freezeContext(JSON.parse('{"__proto__": "x"}') as Record<string, string>) };
    const empty = { encryptionContextEquals: freezeContext({}) };
    expect(sameGrantSettings({ ...base, constraints: withProto }, { ...base, constraints: empty })).toBe(false);
    expect(sameGrantSettings({ ...base, constraints: empty }, { ...base, constraints: withProto })).toBe(false);
  });
});
