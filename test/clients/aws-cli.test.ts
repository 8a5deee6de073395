/**
 * The AWS CLI v2 (Debian's `awscli`, at /usr/bin/aws — not whatever `aws` is first on PATH, which
 * may be a v1) against the loopback server. Each invocation costs about half a second, so the flow
 * is short and state is checked directly on the server's `KmsPartition` where that saves a call.
 * The CLI's model (2.9.19, January 2023) has GenerateDataKeyPair and RSA encryption, but not
 * DeriveSharedSecret (2024): the suite shows that command is missing rather than faking it.
 * `.ci/run` installs the CLI; the suite is skipped only on a machine without /usr/bin/aws.
 */
import { execFile } from 'node:child_process';
import { constants, createPrivateKey, createPublicKey, generateKeyPairSync, publicEncrypt, randomBytes, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeProvider, startServer, type RunningServer } from '../../src/node/index.js';
import { KmsPartition } from '../../src/partition.js';
import { withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';

const AWS = '/usr/bin/aws';
const HAVE_AWS = existsSync(AWS);
const REGION = 'eu-central-1';
const ACCOUNT = '111122223333';
const KEY_ARN = new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

if (!HAVE_AWS) console.warn(`aws-cli.test.ts: skipped, ${AWS} is missing (apt-get install awscli; .ci/run does)`);

describe.skipIf(!HAVE_AWS)(`AWS CLI v2 (${AWS}) against the pocket-kms server${HAVE_AWS ? '' : ` — SKIPPED: ${AWS} is missing`}`, () => {
  // RSA key pairs come from the test fixtures (generating them is slow).
  const partition = new KmsPartition({ provider: withFixtureRsaKeys(nodeProvider()) });
  const kms = partition.kms({ region: REGION });
  let server: RunningServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  /** Runs `aws kms <args>` against the server; resolves with the exit code and output, never rejects. */
  const aws = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(AWS, ['kms', '--endpoint-url', server.url, '--region', REGION, ...args], { env, cwd: dir, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  /** `aws kms <args>` that must succeed; its JSON output parsed (undefined for no output). */
  const awsOk = async (...args: string[]) => {
    const run = await aws(...args);
    expect(run.stderr, `aws kms ${args.join(' ')}`).toBe('');
    expect(run.code).toBe(0);
    return run.stdout.trim() === '' ? undefined : JSON.parse(run.stdout);
  };

  let keyId: string;
  let keyArn: string;

  beforeAll(async () => {
    server = await startServer({ port: 0, target: partition });
    dir = await mkdtemp(join(tmpdir(), 'pocket-kms-cli-'));
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      LANG: 'C.UTF-8',
      AWS_ACCESS_KEY_ID: 'AKIACLICLICLICLI0000',
      AWS_SECRET_ACCESS_KEY: 'cli-secret',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('create-key with tags, then describe-key and create-alias', async () => {
    const created = await awsOk('create-key', '--description', 'from the CLI', '--tags', 'TagKey=env,TagValue=test', 'TagKey=team,TagValue=blue');
    keyId = created.KeyMetadata.KeyId;
    keyArn = created.KeyMetadata.Arn;
    expect(keyArn).toMatch(KEY_ARN);
    expect(created.KeyMetadata).toMatchObject({ Description: 'from the CLI', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', AWSAccountId: ACCOUNT });
    // The CLI prints timestamps it parsed from epoch seconds as ISO 8601.
    expect(created.KeyMetadata.CreationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    expect((await kms.listResourceTags({ KeyId: keyId })).Tags).toEqual(
      expect.arrayContaining([
        { TagKey: 'env', TagValue: 'test' },
        { TagKey: 'team', TagValue: 'blue' },
      ]),
    );

    const [described, aliasOutput] = await Promise.all([
      awsOk('describe-key', '--key-id', keyArn),
      awsOk('create-alias', '--alias-name', 'alias/cli', '--target-key-id', keyId),
    ]);
    expect(described.KeyMetadata).toEqual(created.KeyMetadata);
    expect(aliasOutput).toBeUndefined();
    expect((await kms.describeKey({ KeyId: 'alias/cli' })).KeyMetadata!.Arn).toBe(keyArn);
  });

  it('encrypt and decrypt binary data with fileb:// and --encryption-context', async () => {
    const plaintext = Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0x80]), randomBytes(60)]);
    await writeFile(join(dir, 'pt.bin'), plaintext);
    const context = ['--encryption-context', 'purpose=cli,tenant=acme'];
    const encrypted = await aws('encrypt', '--key-id', 'alias/cli', '--plaintext', 'fileb://pt.bin', ...context, '--query', 'CiphertextBlob', '--output', 'text');
    expect(encrypted.code).toBe(0);
    const ciphertext = Buffer.from(encrypted.stdout.trim(), 'base64');
    await writeFile(join(dir, 'ct.bin'), ciphertext);
    // The ciphertext is bound to the context as KMS saw it.
    expect(Buffer.from((await kms.decrypt({ CiphertextBlob: ciphertext, EncryptionContext: { tenant: 'acme', purpose: 'cli' } })).Plaintext!)).toEqual(plaintext);

    const decrypted = await awsOk('decrypt', '--ciphertext-blob', 'fileb://ct.bin', ...context);
    expect(decrypted.KeyId).toBe(keyArn);
    expect(decrypted.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(Buffer.from(decrypted.Plaintext, 'base64')).toEqual(plaintext);
    expect(await readFile(join(dir, 'pt.bin'))).toEqual(plaintext);
  });

  it('generate-data-key returns a 32-byte key whose CiphertextBlob decrypts to it', async () => {
    const generated = await awsOk('generate-data-key', '--key-id', 'alias/cli', '--key-spec', 'AES_256');
    expect(generated.KeyId).toBe(keyArn);
    const plaintext = Buffer.from(generated.Plaintext, 'base64');
    expect(plaintext).toHaveLength(32);
    const back = await kms.decrypt({ CiphertextBlob: Buffer.from(generated.CiphertextBlob, 'base64') });
    expect(Buffer.from(back.Plaintext!)).toEqual(plaintext);
  });

  it('list-keys --page-size 2 follows NextMarker until Truncated is false and merges every page', async () => {
    for (let i = 0; i < 5; i++) await kms.createKey({ Description: `listed ${i}` });
    const all = (await kms.listKeys({})).Keys!;
    expect(all.length).toBe(6);
    // --debug logs each request, which shows the pages; stdout stays the merged JSON.
    const run = await aws('list-keys', '--page-size', '2', '--debug');
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout);
    expect(listed.Keys).toEqual(all.map((k) => ({ KeyId: k.KeyId, KeyArn: k.KeyArn })));
    expect(listed).not.toHaveProperty('NextMarker');
    const requests = run.stderr.match(/Making request for OperationModel\(name=ListKeys\)/g) ?? [];
    expect(requests).toHaveLength(3);
  });

  it('generate-data-key-pair and generate-data-key-pair-without-plaintext: PKCS#8 and SPKI halves of one pair, sealed under the context given', async () => {
    const made = await awsOk('generate-data-key-pair', '--key-id', 'alias/cli', '--key-pair-spec', 'ECC_NIST_P256', '--encryption-context', 'purpose=cli-pair');
    expect(made).toMatchObject({ KeyId: keyArn, KeyPairSpec: 'ECC_NIST_P256' });
    const privateKey = createPrivateKey({ key: Buffer.from(made.PrivateKeyPlaintext, 'base64'), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: Buffer.from(made.PublicKey, 'base64'), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    const signature = cryptoSign('sha256', Buffer.from('cli pair'), privateKey);
    expect(cryptoVerify('sha256', Buffer.from('cli pair'), publicKey, signature)).toBe(true);
    const opened = await kms.decrypt({ CiphertextBlob: Buffer.from(made.PrivateKeyCiphertextBlob, 'base64'), EncryptionContext: { purpose: 'cli-pair' } });
    expect(Buffer.from(opened.Plaintext!).toString('base64')).toBe(made.PrivateKeyPlaintext);

    const sealed = await awsOk('generate-data-key-pair-without-plaintext', '--key-id', keyId, '--key-pair-spec', 'RSA_2048');
    expect(sealed).toMatchObject({ KeyId: keyArn, KeyPairSpec: 'RSA_2048' });
    expect(sealed).not.toHaveProperty('PrivateKeyPlaintext');
    const { Plaintext } = await kms.decrypt({ CiphertextBlob: Buffer.from(sealed.PrivateKeyCiphertextBlob, 'base64') });
    const rsaPublic = createPublicKey(createPrivateKey({ key: Buffer.from(Plaintext!), format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
    expect(rsaPublic.toString('base64')).toBe(sealed.PublicKey);
  });

  it('encrypt and decrypt with --encryption-algorithm RSAES_OAEP_SHA_256 on an RSA_2048 key, and decrypt of a ciphertext node:crypto made', async () => {
    const { KeyMetadata } = await kms.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT', Description: 'cli rsa' });
    const rsaId = KeyMetadata!.KeyId!;
    const plaintext = Buffer.concat([Buffer.from([0, 0xff, 0xfe]), randomBytes(100)]);
    await writeFile(join(dir, 'rsa-pt.bin'), plaintext);
    const algorithm = ['--encryption-algorithm', 'RSAES_OAEP_SHA_256'];
    const encrypted = await awsOk('encrypt', '--key-id', rsaId, '--plaintext', 'fileb://rsa-pt.bin', ...algorithm);
    expect(encrypted).toMatchObject({ KeyId: KeyMetadata!.Arn, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    const ciphertext = Buffer.from(encrypted.CiphertextBlob, 'base64');
    expect(ciphertext).toHaveLength(256);
    expect(Buffer.from((await kms.decrypt({ KeyId: rsaId, CiphertextBlob: ciphertext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })).Plaintext!)).toEqual(plaintext);

    const { PublicKey } = await kms.getPublicKey({ KeyId: rsaId });
    const local = publicEncrypt(
      { key: createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      plaintext,
    );
    await writeFile(join(dir, 'rsa-ct.bin'), local);
    const decrypted = await awsOk('decrypt', '--key-id', KeyMetadata!.Arn!, '--ciphertext-blob', 'fileb://rsa-ct.bin', ...algorithm);
    expect(decrypted).toMatchObject({ KeyId: KeyMetadata!.Arn, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    expect(Buffer.from(decrypted.Plaintext, 'base64')).toEqual(plaintext);

    // Without KeyId an RSA ciphertext names no key: AWS's InvalidCiphertextException.
    const refused = await aws('decrypt', '--ciphertext-blob', 'fileb://rsa-ct.bin', ...algorithm);
    expect(refused.code).toBe(254);
    expect(refused.stderr).toMatch(/An error occurred \(InvalidCiphertextException\) when calling the Decrypt operation/);
  });

  it('derive-shared-secret is not a command of this CLI (its model predates DeriveSharedSecret): usage error 252', async () => {
    const { KeyMetadata } = await kms.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    const peer = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' });
    await writeFile(join(dir, 'peer.der'), peer);
    const run = await aws('derive-shared-secret', '--key-id', KeyMetadata!.KeyId!, '--key-agreement-algorithm', 'ECDH', '--public-key', 'fileb://peer.der');
    expect(run.code).toBe(252);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/argument operation: Invalid choice/);
    expect(run.stderr).toMatch(/generate-data-key-pair/);
    expect(run.stderr).not.toMatch(/derive-shared-secret/);
  });

  it('a service error exits with 254 and prints the AWS error', async () => {
    const run = await aws('describe-key', '--key-id', 'alias/missing');
    expect(run.code).toBe(254);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/An error occurred \(NotFoundException\) when calling the DescribeKey operation(?: \(reached max retries: \d+\))?: .*alias\/missing/);
  });
});
