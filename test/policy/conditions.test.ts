/**
 * Condition operators, family by family: match, non-match, absent key, IfExists, set prefixes,
 * and the NOR of negated operators. Each row runs one Allow statement carrying the condition;
 * `expected` is whether it allows.
 */
import { describe, expect, it } from 'vitest';
import { allowAll, doc, evaluate, type Context } from './helpers.js';

type Row = readonly [label: string, condition: Record<string, Record<string, unknown>>, context: Context, expected: boolean];

const passes = (condition: Row[1], ctx: Context): boolean => evaluate(doc(allowAll({ Condition: condition })), { context: ctx }).allowDirect;

function table(name: string, rows: readonly Row[]): void {
  describe(name, () => {
    it.each(rows)('%s', (_label, condition, ctx, expected) => {
      expect(passes(condition, ctx)).toBe(expected);
    });
  });
}

const K = 'kms:EncryptionContext:app';

table('String operators', [
  ['StringEquals matches', { StringEquals: { [K]: 'orders' } }, { [K]: 'orders' }, true],
  ['StringEquals is case-sensitive', { StringEquals: { [K]: 'orders' } }, { [K]: 'Orders' }, false],
  ['StringEquals does not match another value', { StringEquals: { [K]: 'orders' } }, { [K]: 'users' }, false],
  ['StringEquals fails on an absent key', { StringEquals: { [K]: 'orders' } }, {}, false],
  ['StringEquals values OR', { StringEquals: { [K]: ['users', 'orders'] } }, { [K]: 'orders' }, true],
  ['StringEquals reads a number as its decimal text', { StringEquals: { 'aws:port': 443 } }, { 'aws:port': '443' }, true],
  ['StringEquals reads a boolean as true/false', { StringEquals: { 'aws:flag': true } }, { 'aws:flag': 'true' }, true],
  ['StringEqualsIfExists passes on an absent key', { StringEqualsIfExists: { [K]: 'orders' } }, {}, true],
  ['StringEqualsIfExists still compares a present key', { StringEqualsIfExists: { [K]: 'orders' } }, { [K]: 'users' }, false],
  ['StringNotEquals passes another value', { StringNotEquals: { [K]: 'orders' } }, { [K]: 'users' }, true],
  ['StringNotEquals fails the value', { StringNotEquals: { [K]: 'orders' } }, { [K]: 'orders' }, false],
  ['StringNotEquals passes an absent key', { StringNotEquals: { [K]: 'orders' } }, {}, true],
  ['StringNotEquals values NOR: one of them', { StringNotEquals: { [K]: ['users', 'orders'] } }, { [K]: 'orders' }, false],
  ['StringNotEquals values NOR: none of them', { StringNotEquals: { [K]: ['users', 'orders'] } }, { [K]: 'audit' }, true],
  ['StringNotEqualsIfExists passes an absent key', { StringNotEqualsIfExists: { [K]: 'orders' } }, {}, true],
  ['StringEqualsIgnoreCase ignores case', { StringEqualsIgnoreCase: { [K]: 'ORDERS' } }, { [K]: 'orders' }, true],
  ['StringEqualsIgnoreCase still compares', { StringEqualsIgnoreCase: { [K]: 'ORDERS' } }, { [K]: 'users' }, false],
  ['StringNotEqualsIgnoreCase fails any casing of the value', { StringNotEqualsIgnoreCase: { [K]: 'ORDERS' } }, { [K]: 'Orders' }, false],
  ['StringNotEqualsIgnoreCase passes another value', { StringNotEqualsIgnoreCase: { [K]: 'ORDERS' } }, { [K]: 'users' }, true],
  ['StringLike with *', { StringLike: { 'kms:RequestAlias': 'alias/team-*' } }, { 'kms:RequestAlias': 'alias/team-a' }, true],
  ['StringLike * matches nothing too', { StringLike: { 'kms:RequestAlias': 'alias/team-*' } }, { 'kms:RequestAlias': 'alias/team-' }, true],
  ['StringLike with ?', { StringLike: { 'kms:RequestAlias': 'alias/?' } }, { 'kms:RequestAlias': 'alias/x' }, true],
  ['StringLike ? takes exactly one character', { StringLike: { 'kms:RequestAlias': 'alias/?' } }, { 'kms:RequestAlias': 'alias/xy' }, false],
  ['StringLike ? takes one astral character', { StringLike: { [K]: '?' } }, { [K]: '😀' }, true],
  ['StringLike is case-sensitive', { StringLike: { 'kms:RequestAlias': 'alias/team-*' } }, { 'kms:RequestAlias': 'alias/TEAM-a' }, false],
  ['StringLike matches the whole value', { StringLike: { 'kms:RequestAlias': 'team' } }, { 'kms:RequestAlias': 'alias/team' }, false],
  ['StringLike without wildcards is exact', { StringLike: { [K]: 'orders' } }, { [K]: 'orders' }, true],
  ['StringLike fails an absent key', { StringLike: { [K]: '*' } }, {}, false],
  ['StringNotLike values NOR: matches one', { StringNotLike: { [K]: ['a*', 'b*'] } }, { [K]: 'beta' }, false],
  ['StringNotLike values NOR: matches none', { StringNotLike: { [K]: ['a*', 'b*'] } }, { [K]: 'gamma' }, true],
  ['StringNotLike passes an absent key', { StringNotLike: { [K]: '*' } }, {}, true],
]);

table('Numeric operators', [
  ['NumericEquals', { NumericEquals: { 'kms:RotationPeriodInDays': 90 } }, { 'kms:RotationPeriodInDays': '90' }, true],
  ['NumericEquals with a string policy value', { NumericEquals: { 'kms:RotationPeriodInDays': '90' } }, { 'kms:RotationPeriodInDays': '90.0' }, true],
  ['NumericEquals does not match', { NumericEquals: { 'kms:RotationPeriodInDays': 90 } }, { 'kms:RotationPeriodInDays': '91' }, false],
  ['NumericEquals fails an unparsable request value', { NumericEquals: { 'kms:RotationPeriodInDays': 90 } }, { 'kms:RotationPeriodInDays': 'ninety' }, false],
  ['NumericEquals fails an absent key', { NumericEquals: { 'kms:RotationPeriodInDays': 90 } }, {}, false],
  ['NumericNotEquals passes another number', { NumericNotEquals: { 'kms:RotationPeriodInDays': 90 } }, { 'kms:RotationPeriodInDays': '180' }, true],
  ['NumericNotEquals values NOR', { NumericNotEquals: { 'kms:RotationPeriodInDays': [90, 180] } }, { 'kms:RotationPeriodInDays': '180' }, false],
  ['NumericNotEquals passes an absent key', { NumericNotEquals: { 'kms:RotationPeriodInDays': 90 } }, {}, true],
  ['NumericLessThan below', { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 30 } }, { 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' }, true],
  ['NumericLessThan equal', { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 30 } }, { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' }, false],
  ['NumericLessThanEquals equal', { NumericLessThanEquals: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 30 } }, { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' }, true],
  ['NumericGreaterThan above', { NumericGreaterThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 7 } }, { 'kms:ScheduleKeyDeletionPendingWindowInDays': '7.5' }, true],
  ['NumericGreaterThan equal', { NumericGreaterThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 7 } }, { 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' }, false],
  ['NumericGreaterThanEquals equal', { NumericGreaterThanEquals: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 7 } }, { 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' }, true],
  ['NumericGreaterThanEqualsIfExists absent', { NumericGreaterThanEqualsIfExists: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 7 } }, {}, true],
  ['Numeric reads exponents and signs', { NumericLessThan: { 'aws:n': '-1e3' } }, { 'aws:n': '-1001' }, true],
]);

const T = 'aws:CurrentTime';
table('Date operators', [
  ['DateGreaterThan ISO 8601', { DateGreaterThan: { [T]: '2020-01-01T00:00:00Z' } }, { [T]: '2021-06-01T12:00:00Z' }, true],
  ['DateGreaterThan before', { DateGreaterThan: { [T]: '2020-01-01T00:00:00Z' } }, { [T]: '2019-12-31T23:59:59Z' }, false],
  ['DateLessThan with a date only', { DateLessThan: { [T]: '2020-01-02' } }, { [T]: '2020-01-01T23:59:59Z' }, true],
  ['DateLessThanEquals equal instants in other offsets', { DateLessThanEquals: { [T]: '2020-01-01T01:00:00+01:00' } }, { [T]: '2020-01-01T00:00:00Z' }, true],
  ['DateEquals with fractions', { DateEquals: { [T]: '2020-01-01T00:00:00.000Z' } }, { [T]: '2020-01-01T00:00:00Z' }, true],
  ['DateEquals reads a date-time without offset as UTC', { DateEquals: { [T]: '2020-01-01T00:00:00' } }, { [T]: '2020-01-01T00:00:00Z' }, true],
  ['DateEquals with epoch seconds in the policy', { DateEquals: { [T]: 1577836800 } }, { [T]: '2020-01-01T00:00:00Z' }, true],
  ['DateGreaterThanEquals with epoch seconds in the request', { DateGreaterThanEquals: { [T]: '2020-01-01T00:00:00Z' } }, { [T]: '1577836800' }, true],
  ['DateNotEquals another instant', { DateNotEquals: { [T]: '2020-01-01T00:00:00Z' } }, { [T]: '2020-01-02T00:00:00Z' }, true],
  ['DateNotEquals the instant', { DateNotEquals: { [T]: '2020-01-01T00:00:00Z' } }, { [T]: '2020-01-01T00:00:00Z' }, false],
  ['DateLessThan fails an absent key', { DateLessThan: { [T]: '2020-01-01T00:00:00Z' } }, {}, false],
  ['DateLessThanIfExists passes an absent key', { DateLessThanIfExists: { [T]: '2020-01-01T00:00:00Z' } }, {}, true],
  ['Date fails an unparsable request value', { DateLessThan: { [T]: '2020-01-01T00:00:00Z' } }, { [T]: 'yesterday' }, false],
]);

table('Bool, BinaryEquals, IpAddress', [
  ['Bool true', { Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'true' }, true],
  ['Bool is case-insensitive', { Bool: { 'aws:SecureTransport': 'TRUE' } }, { 'aws:SecureTransport': 'True' }, true],
  ['Bool false', { Bool: { 'aws:SecureTransport': false } }, { 'aws:SecureTransport': 'true' }, false],
  ['Bool fails a non-boolean request value', { Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'yes' }, false],
  ['Bool fails an absent key', { Bool: { 'kms:GrantIsForAWSResource': true } }, {}, false],
  ['BoolIfExists passes an absent key', { BoolIfExists: { 'kms:GrantIsForAWSResource': true } }, {}, true],
  ['BinaryEquals equal bytes', { BinaryEquals: { 'aws:blob': 'QmluYXJ5' } }, { 'aws:blob': 'QmluYXJ5' }, true],
  ['BinaryEquals other bytes', { BinaryEquals: { 'aws:blob': 'QmluYXJ5' } }, { 'aws:blob': 'QmluYXJ6' }, false],
  ['BinaryEquals fails a non-base64 request value', { BinaryEquals: { 'aws:blob': 'QmluYXJ5' } }, { 'aws:blob': 'Binary!' }, false],
  ['IpAddress in an IPv4 block', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.77' }, true],
  ['IpAddress outside an IPv4 block', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.114.1' }, false],
  ['IpAddress with an odd prefix', { IpAddress: { 'aws:SourceIp': '10.0.0.0/9' } }, { 'aws:SourceIp': '10.127.255.255' }, true],
  ['IpAddress just outside an odd prefix', { IpAddress: { 'aws:SourceIp': '10.0.0.0/9' } }, { 'aws:SourceIp': '10.128.0.0' }, false],
  ['IpAddress with a plain address', { IpAddress: { 'aws:SourceIp': '198.51.100.7' } }, { 'aws:SourceIp': '198.51.100.7' }, true],
  ['IpAddress /0 takes all IPv4', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '8.8.8.8' }, true],
  ['IpAddress in an IPv6 block', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8:1234::1' }, true],
  ['IpAddress outside an IPv6 block', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db9::1' }, false],
  ['IpAddress reads embedded IPv4 in IPv6', { IpAddress: { 'aws:SourceIp': '::ffff:0:0/96' } }, { 'aws:SourceIp': '::ffff:203.0.113.5' }, true],
  ['IpAddress never matches across families', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '::1' }, false],
  ['IpAddress fails a request value that is no address', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': 'localhost' }, false],
  ['IpAddress fails an absent key', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, {}, false],
  ['NotIpAddress outside', { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }, { 'aws:SourceIp': '203.0.113.1' }, true],
  ['NotIpAddress values NOR', { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }, { 'aws:SourceIp': '192.168.1.1' }, false],
  ['NotIpAddress passes an absent key', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, true],
]);

const P = 'aws:PrincipalArn';
table('ARN operators', [
  ['ArnLike with wildcards', { ArnLike: { [P]: 'arn:aws:iam::*:role/Admin' } }, { [P]: 'arn:aws:iam::111122223333:role/Admin' }, true],
  ['ArnLike does not match', { ArnLike: { [P]: 'arn:aws:iam::*:role/Admin' } }, { [P]: 'arn:aws:iam::111122223333:role/Other' }, false],
  ['ArnLike is case-sensitive', { ArnLike: { [P]: 'arn:aws:iam::*:role/Admin' } }, { [P]: 'arn:aws:iam::111122223333:role/admin' }, false],
  ['ArnEquals matches wildcards as ArnLike does', { ArnEquals: { [P]: 'arn:aws:iam::111122223333:role/*' } }, { [P]: 'arn:aws:iam::111122223333:role/Admin' }, true],
  ['ArnEquals exact', { ArnEquals: { [P]: 'arn:aws:iam::111122223333:role/Admin' } }, { [P]: 'arn:aws:iam::111122223333:role/Admin' }, true],
  ['ArnNotEquals values NOR', { ArnNotEquals: { [P]: ['arn:aws:iam::111122223333:role/A', 'arn:aws:iam::111122223333:role/B'] } }, { [P]: 'arn:aws:iam::111122223333:role/B' }, false],
  ['ArnNotLike passes another ARN', { ArnNotLike: { [P]: 'arn:aws:iam::*:role/A*' } }, { [P]: 'arn:aws:iam::111122223333:role/Bob' }, true],
  ['ArnNotLike passes an absent key', { ArnNotLike: { [P]: 'arn:aws:iam::*:role/A*' } }, {}, true],
  ['ArnLikeIfExists passes an absent key', { ArnLikeIfExists: { [P]: 'arn:aws:iam::*:role/A*' } }, {}, true],
]);

table('Null', [
  ['Null true: absent', { Null: { 'kms:EncryptionContextKeys': true } }, {}, true],
  ['Null true: present', { Null: { 'kms:EncryptionContextKeys': 'true' } }, { 'kms:EncryptionContextKeys': ['app'] }, false],
  ['Null true: an empty set is absent', { Null: { 'kms:EncryptionContextKeys': true } }, { 'kms:EncryptionContextKeys': [] }, true],
  ['Null false: present', { Null: { 'kms:EncryptionContextKeys': false } }, { 'kms:EncryptionContextKeys': ['app'] }, true],
  ['Null false: absent', { Null: { 'kms:EncryptionContextKeys': 'false' } }, {}, false],
  ['Null with both values passes either way', { Null: { 'aws:x': [true, false] } }, {}, true],
]);

const KEYS = 'kms:EncryptionContextKeys';
table('Set operators and multi-valued keys', [
  ['ForAnyValue: one request value matches', { 'ForAnyValue:StringEquals': { [KEYS]: ['app', 'tenant'] } }, { [KEYS]: ['tenant', 'other'] }, true],
  ['ForAnyValue: none matches', { 'ForAnyValue:StringEquals': { [KEYS]: ['app', 'tenant'] } }, { [KEYS]: ['other'] }, false],
  ['ForAnyValue: absent fails', { 'ForAnyValue:StringEquals': { [KEYS]: 'app' } }, {}, false],
  ['ForAnyValue: empty fails', { 'ForAnyValue:StringEquals': { [KEYS]: 'app' } }, { [KEYS]: [] }, false],
  ['ForAnyValue: a single string is a set of one', { 'ForAnyValue:StringEquals': { [KEYS]: 'app' } }, { [KEYS]: 'app' }, true],
  ['ForAnyValue IfExists: absent passes', { 'ForAnyValue:StringEqualsIfExists': { [KEYS]: 'app' } }, {}, true],
  ['ForAnyValue:StringLike', { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/team-*' } }, { 'kms:ResourceAliases': ['alias/x', 'alias/team-a'] }, true],
  ['ForAnyValue:StringNotEquals: some value differs', { 'ForAnyValue:StringNotEquals': { [KEYS]: 'app' } }, { [KEYS]: ['app', 'x'] }, true],
  ['ForAnyValue:StringNotEquals: no value differs', { 'ForAnyValue:StringNotEquals': { [KEYS]: 'app' } }, { [KEYS]: ['app'] }, false],
  ['ForAllValues: every request value matches', { 'ForAllValues:StringEquals': { [KEYS]: ['app', 'tenant'] } }, { [KEYS]: ['app', 'tenant'] }, true],
  ['ForAllValues: a subset matches', { 'ForAllValues:StringEquals': { [KEYS]: ['app', 'tenant'] } }, { [KEYS]: ['app'] }, true],
  ['ForAllValues: one value outside', { 'ForAllValues:StringEquals': { [KEYS]: ['app', 'tenant'] } }, { [KEYS]: ['app', 'x'] }, false],
  ['ForAllValues: absent passes', { 'ForAllValues:StringEquals': { [KEYS]: 'app' } }, {}, true],
  ['ForAllValues: empty passes', { 'ForAllValues:StringEquals': { [KEYS]: 'app' } }, { [KEYS]: [] }, true],
  ['ForAllValues:StringNotLike: every value avoids the patterns', { 'ForAllValues:StringNotLike': { [KEYS]: 'aws*' } }, { [KEYS]: ['app', 'tenant'] }, true],
  ['ForAllValues:StringNotLike: one value hits', { 'ForAllValues:StringNotLike': { [KEYS]: 'aws*' } }, { [KEYS]: ['app', 'aws-x'] }, false],
  ['no prefix, positive: any request value matching is enough', { StringEquals: { [KEYS]: 'app' } }, { [KEYS]: ['app', 'x'] }, true],
  ['no prefix, negated: no request value may match', { StringNotEquals: { [KEYS]: 'app' } }, { [KEYS]: ['app', 'x'] }, false],
  ['no prefix, negated: none matches', { StringNotEquals: { [KEYS]: 'app' } }, { [KEYS]: ['x', 'y'] }, true],
  ['no prefix: an empty set is absent', { StringEquals: { [KEYS]: 'app' } }, { [KEYS]: [] }, false],
  ['no prefix, IfExists: an empty set is absent', { StringEqualsIfExists: { [KEYS]: 'app' } }, { [KEYS]: [] }, true],
]);

table('Combination', [
  ['operators AND: both pass', { StringEquals: { [K]: 'orders' }, Bool: { 'aws:SecureTransport': true } }, { [K]: 'orders', 'aws:SecureTransport': 'true' }, true],
  ['operators AND: one fails', { StringEquals: { [K]: 'orders' }, Bool: { 'aws:SecureTransport': true } }, { [K]: 'orders', 'aws:SecureTransport': 'false' }, false],
  ['keys AND: both pass', { StringEquals: { [K]: 'orders', 'kms:CallerAccount': '111122223333' } }, { [K]: 'orders', 'kms:CallerAccount': '111122223333' }, true],
  ['keys AND: one fails', { StringEquals: { [K]: 'orders', 'kms:CallerAccount': '111122223333' } }, { [K]: 'orders', 'kms:CallerAccount': '444455556666' }, false],
  ['condition keys are case-insensitive', { StringEquals: { 'KMS:ENCRYPTIONCONTEXT:APP': 'orders' } }, { 'kms:encryptioncontext:app': 'orders' }, true],
  ['condition values keep their case', { StringEquals: { [K]: 'Orders' } }, { [K]: 'orders' }, false],
  ['an empty Condition passes', {}, {}, true],
  ['an operator with no keys passes', { StringEquals: {} }, {}, true],
]);
