/**
 * AWS managed keys: the `alias/aws/<service>` keys an integrated service creates in the customer's
 * account the first time it needs one. KMS creates the key when a request comes through that
 * service (`kms:ViaService`), and also when DescribeKey names the predefined alias, as the
 * DescribeKey reference documents. Their key policy is AWS's: any principal of the account may use
 * the key through the service, and the account may only read it directly, so every attempt to
 * change, disable or delete one, or to use it directly, is refused by ordinary policy evaluation.
 * @module
 */
import type { KeyAction } from '../auth/actions.js';
import { accountRootArn } from '../auth/principal.js';
import type { KeyRecord } from '../keystore/key-record.js';
import { compilePolicy } from '../policy/index.js';
import type { OperationContext } from './context.js';
import { newKeyRecord } from './new-key.js';

/** Predefined alias suffix → the service's endpoint prefix in `kms:ViaService`, and its name. */
const SERVICES: ReadonlyMap<string, readonly [endpoint: string, label: string]> = new Map(
  Object.entries({
  acm: ['acm', 'ACM'],
  backup: ['backup', 'Backup'],
  codecommit: ['codecommit', 'CodeCommit'],
  dynamodb: ['dynamodb', 'DynamoDB'],
  ebs: ['ec2', 'EBS'],
  ecr: ['ecr', 'ECR'],
  elasticfilesystem: ['elasticfilesystem', 'EFS'],
  es: ['es', 'Elasticsearch'],
  fsx: ['fsx', 'FSx'],
  glue: ['glue', 'Glue'],
  kinesis: ['kinesis', 'Kinesis'],
  kinesisvideo: ['kinesisvideo', 'Kinesis Video'],
  lambda: ['lambda', 'Lambda'],
  lightsail: ['lightsail', 'Lightsail'],
  rds: ['rds', 'RDS'],
  redshift: ['redshift', 'Redshift'],
  s3: ['s3', 'S3'],
  secretsmanager: ['secretsmanager', 'Secrets Manager'],
  sns: ['sns', 'SNS'],
  sqs: ['sqs', 'SQS'],
  ssm: ['ssm', 'SSM'],
  xray: ['xray', 'X-Ray'],
  } satisfies Record<string, readonly [string, string]>),
);

const PREFIX = 'alias/aws/';

/**
 * The AWS managed key behind a predefined alias, created now when this request may create it;
 * undefined for any other alias, or when the request may not.
 */
export function awsManagedKeyFor(ctx: OperationContext, aliasName: string, action: KeyAction): KeyRecord | undefined {
  if (!aliasName.startsWith(PREFIX)) return undefined;
  const service = aliasName.slice(PREFIX.length);
  const entry = SERVICES.get(service);
  if (!entry) return undefined;
  const [endpoint, label] = entry;
  const viaService = `${endpoint}.${ctx.region}.amazonaws.com`;
  if (action !== 'DescribeKey' && ctx.caller.request.viaService !== viaService) return undefined;
  const record = newKeyRecord(ctx, {
    description: `Default key that protects my ${label} data when no other key is defined`,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    keyManager: 'AWS',
    policy: compilePolicy(awsManagedKeyPolicy(ctx, service, label, viaService), 'key'),
    tags: [],
  });
  const now = ctx.now();
  ctx.store.commit({
    putKeys: [record],
    putAliases: [Object.freeze({ aliasName, targetKeyId: record.keyId, creationDate: now, lastUpdatedDate: now })],
  });
  return record;
}

function awsManagedKeyPolicy(ctx: OperationContext, service: string, label: string, viaService: string): string {
  return `{
  "Version" : "2012-10-17",
  "Id" : "auto-${service}-2",
  "Statement" : [ {
    "Sid" : "Allow access through ${label} for all principals in the account that are authorized to use ${label}",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "*"
    },
    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey" ],
    "Resource" : "*",
    "Condition" : {
      "StringEquals" : {
        "kms:ViaService" : "${viaService}",
        "kms:CallerAccount" : "${ctx.accountId}"
      }
    }
  }, {
    "Sid" : "Allow direct access to key metadata to the account",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "${accountRootArn(ctx.partition, ctx.accountId)}"
    },
    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant" ],
    "Resource" : "*"
  } ]
}`;
}
