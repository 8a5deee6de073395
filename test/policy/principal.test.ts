import { describe, expect, it } from 'vitest';
import { accountRootArn, parsePrincipal } from '../../src/auth/principal.js';

describe('parsePrincipal', () => {
  it.each([
    ['123456789012', { kind: 'root', arn: 'arn:aws:iam::123456789012:root', partition: 'aws', accountId: '123456789012' }],
    ['arn:aws:iam::123456789012:root', { kind: 'root', arn: 'arn:aws:iam::123456789012:root', partition: 'aws', accountId: '123456789012' }],
    ['arn:aws-cn:iam::123456789012:root', { kind: 'root', arn: 'arn:aws-cn:iam::123456789012:root', partition: 'aws-cn', accountId: '123456789012' }],
    ['arn:aws:iam::123456789012:user/Alice', { kind: 'user', arn: 'arn:aws:iam::123456789012:user/Alice', partition: 'aws', accountId: '123456789012', name: 'Alice' }],
    [
      'arn:aws-us-gov:iam::123456789012:user/division/team/Bob.Smith+ci@example.com',
      {
        kind: 'user',
        arn: 'arn:aws-us-gov:iam::123456789012:user/division/team/Bob.Smith+ci@example.com',
        partition: 'aws-us-gov',
        accountId: '123456789012',
        name: 'Bob.Smith+ci@example.com',
      },
    ],
    ['arn:aws:iam::123456789012:role/service-role/Deployer', { kind: 'role', arn: 'arn:aws:iam::123456789012:role/service-role/Deployer', partition: 'aws', accountId: '123456789012', name: 'Deployer' }],
    [
      'arn:aws:sts::123456789012:assumed-role/Deployer/i-0abc',
      { kind: 'assumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/i-0abc', partition: 'aws', accountId: '123456789012', roleName: 'Deployer', sessionName: 'i-0abc' },
    ],
    ['arn:aws:sts::123456789012:federated-user/Carol', { kind: 'federatedUser', arn: 'arn:aws:sts::123456789012:federated-user/Carol', partition: 'aws', accountId: '123456789012', name: 'Carol' }],
    ['logs.amazonaws.com', { kind: 'service', arn: 'logs.amazonaws.com', service: 'logs.amazonaws.com' }],
    ['logs.us-east-1.amazonaws.com', { kind: 'service', arn: 'logs.us-east-1.amazonaws.com', service: 'logs.us-east-1.amazonaws.com' }],
    ['delivery.logs.amazonaws.com.cn', { kind: 'service', arn: 'delivery.logs.amazonaws.com.cn', service: 'delivery.logs.amazonaws.com.cn' }],
  ])('%s', (value, expected) => {
    const parsed = parsePrincipal(value);
    expect(parsed).toEqual(expected);
    expect(Object.isFrozen(parsed)).toBe(true);
  });

  it('places a bare account id in the partition given', () => {
    expect(parsePrincipal('123456789012', 'aws-cn')).toEqual({ kind: 'root', arn: 'arn:aws-cn:iam::123456789012:root', partition: 'aws-cn', accountId: '123456789012' });
  });

  it.each([
    ['an IAM group', 'arn:aws:iam::123456789012:group/Admins'],
    ['a wildcard in a name', 'arn:aws:iam::123456789012:user/*'],
    ['a wildcard role', 'arn:aws:iam::123456789012:role/Admin*'],
    ['a wildcard account', 'arn:aws:iam::*:root'],
    ['an unknown partition', 'arn:aws-iso:iam::123456789012:root'],
    ['an 11-digit account', '12345678901'],
    ['a 13-digit account', '1234567890123'],
    ['an account with a region', 'arn:aws:iam:us-east-1:123456789012:root'],
    ['a user in sts', 'arn:aws:sts::123456789012:user/Alice'],
    ['a session without a session name', 'arn:aws:sts::123456789012:assumed-role/Deployer'],
    ['a session name of one character', 'arn:aws:sts::123456789012:assumed-role/Deployer/x'],
    ['a session with a role path', 'arn:aws:sts::123456789012:assumed-role/path/Deployer/s1'],
    ['a user name over 64 characters', `arn:aws:iam::123456789012:user/${'a'.repeat(65)}`],
    ['a federated user name over 32 characters', `arn:aws:sts::123456789012:federated-user/${'a'.repeat(33)}`],
    ['a path without a name', 'arn:aws:iam::123456789012:user/path/'],
    ['a space in a name', 'arn:aws:iam::123456789012:user/Al ice'],
    ['a KMS key ARN', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['a service wildcard', '*'],
    ['an uppercase service', 'Logs.amazonaws.com'],
    ['a non-AWS domain', 'logs.example.com'],
    ['the empty string', ''],
    ['a __proto__ string', '__proto__'],
  ])('refuses %s', (_label, value) => {
    expect(parsePrincipal(value)).toBeUndefined();
  });

  it('stays linear on a long hostile name', () => {
    const started = performance.now();
    expect(parsePrincipal(`arn:aws:iam::123456789012:user/${'a/'.repeat(8000)}${'b'.repeat(20000)}!`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('builds account root ARNs', () => {
    expect(accountRootArn('aws-cn', '123456789012')).toBe('arn:aws-cn:iam::123456789012:root');
  });
});
