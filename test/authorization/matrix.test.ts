/**
 * The authorization matrix: every case is data (see ./harness.ts), run by one generic runner
 * against a fresh `Kms`. Each case is named after what it shows; `basis` names the AWS
 * documentation where the expectation is not the general evaluation algorithm.
 */
import { describe, expect, it } from 'vitest';
import { type Case, runCase } from './harness.js';
import { asymmetricCases } from './cases/asymmetric.js';
import { actionCases, denyCases, resourceCases } from './cases/deny-actions-resources.js';
import { encryptionContextCases, grantConditionCases, kmsKeyConditionCases, lockoutConditionCases } from './cases/conditions-kms.js';
import { globalConditionCases, tagConditionCases } from './cases/conditions-global.js';
import { crossAccountCases } from './cases/cross-account.js';
import { grammarCases } from './cases/grammar.js';
import { grantCases } from './cases/grants.js';
import { aliasCases, awsManagedCases, iamOnlyCases, lockoutCases, reEncryptCases } from './cases/operations.js';
import { principalCases } from './cases/principals.js';
import { signingCases } from './cases/signing.js';

const GROUPS: Record<string, Case[]> = {
  'principals and the default policy': principalCases,
  'explicit deny': denyCases,
  'actions': actionCases,
  'resources': resourceCases,
  'kms:EncryptionContext and kms:EncryptionContextKeys': encryptionContextCases,
  'kms: condition keys': kmsKeyConditionCases,
  'grant condition keys': grantConditionCases,
  'lockout condition keys': lockoutConditionCases,
  'global condition keys': globalConditionCases,
  'tags (ABAC) and CreateKey request keys': tagConditionCases,
  'cross-account': crossAccountCases,
  'grants': grantCases,
  'ReEncrypt': reEncryptCases,
  'alias operations': aliasCases,
  'IAM-only operations': iamOnlyCases,
  'policy lockout safety check': lockoutCases,
  'AWS managed keys': awsManagedCases,
  'Sign, Verify and GetPublicKey': signingCases,
  'data key pairs, key agreement, RSA and ML-DSA keys': asymmetricCases,
  'policy grammar and operator corners': grammarCases,
};

const ALL = Object.values(GROUPS).flat();

describe('authorization matrix', () => {
  it('has at least 150 cases with unique names', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(150);
    const names = ALL.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  for (const [group, cases] of Object.entries(GROUPS)) {
    describe(group, () => {
      for (const c of cases) it(c.name, () => runCase(c));
    });
  }
});
