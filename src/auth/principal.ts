/**
 * AWS principals: who a caller is, and who a policy's `Principal` element names. One parser serves
 * both, so a policy can name exactly the principals a caller can be.
 *
 * IAM user and role names, session names and federated user names use IAM's character set
 * (`[\w+=,.@-]`), so a wildcard can never pass as part of a name: AWS does not allow wildcards in
 * principals. IAM groups are never principals.
 * @module
 */

export type Principal =
  | { readonly kind: 'root'; readonly arn: string; readonly partition: string; readonly accountId: string }
  | { readonly kind: 'user'; readonly arn: string; readonly partition: string; readonly accountId: string; readonly name: string }
  | { readonly kind: 'role'; readonly arn: string; readonly partition: string; readonly accountId: string; readonly name: string }
  | {
      readonly kind: 'assumedRole';
      readonly arn: string;
      readonly partition: string;
      readonly accountId: string;
      readonly roleName: string;
      readonly sessionName: string;
    }
  | { readonly kind: 'federatedUser'; readonly arn: string; readonly partition: string; readonly accountId: string; readonly name: string }
  | { readonly kind: 'service'; readonly arn: string; readonly service: string };

const PARTITION = '(aws|aws-cn|aws-us-gov)';
const NAME = '[\\w+=,.@-]';
/** IAM paths: `/`, or `/` segments `/` (e.g. `/division/team/`); the name is the last segment. */
const PATH = `/(?:${NAME}+/)*`;

/** One pattern per ARN form; capture groups: partition, account, then the names. */
const ROOT = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):root$`);
const USER = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):user${PATH}(${NAME}{1,64})$`);
const ROLE = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):role${PATH}(${NAME}{1,64})$`);
/** Session ARNs carry the role name without its path. */
const ASSUMED_ROLE = new RegExp(`^arn:${PARTITION}:sts::(\\d{12}):assumed-role/(${NAME}{1,64})/(${NAME}{2,64})$`);
const FEDERATED_USER = new RegExp(`^arn:${PARTITION}:sts::(\\d{12}):federated-user/(${NAME}{2,32})$`);
const ACCOUNT_ID = /^\d{12}$/;
/** `logs.amazonaws.com`, the regional `logs.us-east-1.amazonaws.com`, and China's `.amazonaws.com.cn`. */
const SERVICE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.amazonaws\.com(?:\.cn)?$/;
const PARTITIONS: ReadonlySet<string> = new Set(['aws', 'aws-cn', 'aws-us-gov']);

export const accountRootArn = (partition: string, accountId: string): string => `arn:${partition}:iam::${accountId}:root`;

/**
 * Parses a caller or policy principal: an account root, IAM user, IAM role, assumed-role session or
 * federated user ARN (partitions aws, aws-cn, aws-us-gov), a bare 12-digit account id (the account
 * root, in `defaultPartition`), or a service principal name. Returns undefined for anything else.
 */
export function parsePrincipal(value: string, defaultPartition = 'aws'): Principal | undefined {
  if (ACCOUNT_ID.test(value)) {
    if (!PARTITIONS.has(defaultPartition)) return undefined;
    return Object.freeze({ kind: 'root', arn: accountRootArn(defaultPartition, value), partition: defaultPartition, accountId: value });
  }
  if (!value.startsWith('arn:')) {
    return SERVICE.test(value) ? Object.freeze({ kind: 'service', arn: value, service: value }) : undefined;
  }
  let m = ROOT.exec(value);
  if (m) return Object.freeze({ kind: 'root', arn: value, partition: m[1], accountId: m[2] });
  m = USER.exec(value);
  if (m) return Object.freeze({ kind: 'user', arn: value, partition: m[1], accountId: m[2], name: m[3] });
  m = ROLE.exec(value);
  if (m) return Object.freeze({ kind: 'role', arn: value, partition: m[1], accountId: m[2], name: m[3] });
  m = ASSUMED_ROLE.exec(value);
  if (m) {
    return Object.freeze({ kind: 'assumedRole', arn: value, partition: m[1], accountId: m[2], roleName: m[3], sessionName: m[4] });
  }
  m = FEDERATED_USER.exec(value);
  if (m) return Object.freeze({ kind: 'federatedUser', arn: value, partition: m[1], accountId: m[2], name: m[3] });
  return undefined;
}
