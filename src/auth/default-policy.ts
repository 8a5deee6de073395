/**
 * The key policy AWS gives a key created without one. GetKeyPolicy returns it in AWS's own layout
 * (two-space indent, `" : "` separators, `[ {` … `} ]`), so snapshot tests written against AWS
 * match byte for byte.
 * @module
 */
import type { Scope } from '../keystore/identifiers.js';
import { accountRootArn } from './principal.js';

export const defaultKeyPolicy = (scope: Scope): string => `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "${accountRootArn(scope.partition, scope.accountId)}"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;
