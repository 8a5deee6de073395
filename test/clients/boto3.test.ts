/**
 * boto3 (Debian's `python3-boto3`, run with /usr/bin/python3 — not whatever `python3` is first on
 * PATH) against the loopback server. `boto3_flow.py` runs the whole flow in one interpreter (boto3
 * costs ~0.2 s to import) and prints JSON; this file checks it, and checks the server's state
 * directly where that proves more (a ciphertext made by boto3 with a non-ASCII encryption context
 * decrypts in pocket-kms with the same context). `.ci/run` installs boto3; the suite is skipped
 * only on a machine whose /usr/bin/python3 cannot import it.
 */
import { execFile, spawnSync } from 'node:child_process';
import {
  constants,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  privateDecrypt,
  sign as cryptoSign,
  verify as cryptoVerify,
} from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeProvider, startServer, type RunningServer } from '../../src/node/index.js';
import { KmsPartition } from '../../src/partition.js';
import { fixtureRsaKeyPair, RSA_FIXTURE_KEYS, withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./boto3_flow.py', import.meta.url));
const HAVE_BOTO3 = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
const REGION = 'ap-southeast-2';
const ACCOUNT = '111122223333';
const KEY_ARN = new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`);

if (!HAVE_BOTO3) console.warn(`boto3.test.ts: skipped, ${PYTHON} cannot import boto3 (apt-get install python3-boto3; .ci/run does)`);

describe.skipIf(!HAVE_BOTO3)(`boto3 (${PYTHON}) against the pocket-kms server${HAVE_BOTO3 ? '' : ` — SKIPPED: ${PYTHON} cannot import boto3`}`, () => {
  // RSA key pairs come from the test fixtures: fast, and their private keys are known here.
  const partition = new KmsPartition({ provider: withFixtureRsaKeys(nodeProvider()) });
  const kms = partition.kms({ region: REGION });
  let server: RunningServer;
  /** The script's JSON, checked field by field below. */
  let out: any;

  beforeAll(async () => {
    server = await startServer({ port: 0, target: partition });
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        PYTHON,
        [SCRIPT, server.url, REGION],
        // No AWS_* from the environment: the script passes endpoint, Region and credentials itself.
        { env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' } },
        (error, stdout, stderr) => (error ? reject(new Error(`boto3_flow.py failed (${error.code}):\n${stderr}`)) : resolve(stdout)),
      );
    });
    out = JSON.parse(stdout);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs with Debian’s boto3', () => {
    expect(out.boto3).toMatch(/^1\./);
    expect(out.botocore).toMatch(/^1\./);
  });

  it('create-key (with tags) and describe-key: key ARNs in the signed Region, datetime timestamps, request ids', async () => {
    expect(out.create_key).toMatchObject({ state: 'Enabled', description: 'from boto3', status: 200, retries: 0 });
    expect(out.create_key.arn).toMatch(KEY_ARN);
    expect(out.create_key.request_id).toMatch(/\S/);
    expect(out.create_key.creation_date.type).toBe('datetime');
    expect(out.create_key.creation_date.utc).toBe(true);
    expect(Math.abs(out.create_key.creation_date.age_s)).toBeLessThan(60);
    expect(out.describe_key).toMatchObject({ same_metadata: true, status: 200 });
    expect(out.tags).toEqual([{ TagKey: 'env', TagValue: 'test' }]);
    expect(out.alias_target).toBe(out.create_key.arn);
    expect((await kms.describeKey({ KeyId: out.create_key.key_id })).KeyMetadata!.Description).toBe('from boto3');
  });

  it('encrypt and decrypt bytes; a non-ASCII context sent as \\u escapes binds the same strings as UTF-8', async () => {
    expect(out.encrypt).toMatchObject({ key_id: out.create_key.arn, ciphertext_type: 'bytes' });
    expect(out.decrypt).toEqual({ key_id: out.create_key.arn, plaintext_type: 'bytes', round_trip: true, algorithm: 'SYMMETRIC_DEFAULT' });
    const { Plaintext } = await kms.decrypt({
      CiphertextBlob: Buffer.from(out.encrypt.ciphertext_b64, 'base64'),
      EncryptionContext: { purpose: 'boto3', name: 'café ✓ 日本' },
    });
    expect(Buffer.from(Plaintext!).toString('base64')).toBe(out.encrypt.plaintext_b64);
  });

  it('generate-data-key (KeySpec and NumberOfBytes)', () => {
    expect(out.generate_data_key).toEqual({ key_id: out.create_key.arn, length: 32, length_16: 16, unwraps: true });
  });

  it('typed exceptions (kms.exceptions.*) with code, message, 400 and one attempt; unmodelled ones as ClientError', () => {
    const { errors } = out;
    const expected = {
      not_found: 'NotFoundException',
      invalid_ciphertext: 'InvalidCiphertextException',
      incorrect_key: 'IncorrectKeyException',
      already_exists: 'AlreadyExistsException',
      disabled: 'DisabledException',
    };
    for (const [name, type] of Object.entries(expected)) {
      expect(errors[name], name).toMatchObject({ class: type, code: type, status: 400, retries: 0 });
      expect(errors[name].request_id, name).toMatch(/\S/);
    }
    expect(errors.not_found.message).toContain('alias/missing');
    // AWS sends InvalidCiphertextException without a message.
    expect(errors.invalid_ciphertext.message).toBe('');
    expect(errors.validation).toMatchObject({ class: 'ClientError', code: 'ValidationException', status: 400, retries: 0 });
  });

  it('generate-mac and verify-mac on an HMAC_256 key: bytes MAC, MacValid true; KMSInvalidMacException for a wrong MAC', async () => {
    expect(out.hmac).toMatchObject({
      key_spec: 'HMAC_256',
      key_usage: 'GENERATE_VERIFY_MAC',
      mac_algorithms: ['HMAC_SHA_256'],
      has_encryption_algorithms: false,
    });
    expect(out.hmac.arn).toMatch(KEY_ARN);
    expect(out.generate_mac).toMatchObject({ key_id: out.hmac.arn, algorithm: 'HMAC_SHA_256', mac_type: 'bytes', status: 200, retries: 0 });
    expect(Buffer.from(out.generate_mac.mac_b64, 'base64')).toHaveLength(32);
    expect(out.verify_mac).toMatchObject({ key_id: out.hmac.arn, algorithm: 'HMAC_SHA_256', mac_valid: true, status: 200 });
    // The MAC boto3 got is the one pocket-kms makes for the same bytes: the binary message survived the wire.
    const Message = Buffer.from(out.hmac.message_b64, 'base64');
    const { Mac } = await kms.generateMac({ KeyId: out.hmac.key_id, Message, MacAlgorithm: 'HMAC_SHA_256' });
    expect(Buffer.from(Mac!).toString('base64')).toBe(out.generate_mac.mac_b64);
    const { errors } = out;
    expect(errors.invalid_mac).toMatchObject({ class: 'KMSInvalidMacException', code: 'KMSInvalidMacException', message: '', status: 400, retries: 0 });
    expect(errors.invalid_mac.request_id).toMatch(/\S/);
    expect(errors.invalid_key_usage).toMatchObject({ class: 'InvalidKeyUsageException', code: 'InvalidKeyUsageException', status: 400, retries: 0 });
    expect(errors.invalid_key_usage.message).toBe(`${out.create_key.arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`);
  });

  it('sign, verify and get-public-key on an ECC_NIST_P256 key: bytes signature, SignatureValid true; KMSInvalidSignatureException for a wrong signature', async () => {
    expect(out.signing).toMatchObject({
      key_spec: 'ECC_NIST_P256',
      key_usage: 'SIGN_VERIFY',
      signing_algorithms: ['ECDSA_SHA_256'],
      has_encryption_algorithms: false,
    });
    expect(out.signing.arn).toMatch(KEY_ARN);
    expect(out.sign).toMatchObject({ key_id: out.signing.arn, algorithm: 'ECDSA_SHA_256', signature_type: 'bytes', status: 200, retries: 0 });
    expect(out.verify).toMatchObject({ key_id: out.signing.arn, algorithm: 'ECDSA_SHA_256', signature_valid: true, status: 200 });
    expect(out.get_public_key).toMatchObject({
      key_id: out.signing.arn,
      key_spec: 'ECC_NIST_P256',
      key_usage: 'SIGN_VERIFY',
      signing_algorithms: ['ECDSA_SHA_256'],
      public_key_type: 'bytes',
      status: 200,
    });
    // The signature boto3 got verifies, outside KMS, over the bytes boto3 sent: the binary message
    // and the DER public key survived the wire.
    const Message = Buffer.from(out.signing.message_b64, 'base64');
    const Signature = Buffer.from(out.sign.signature_b64, 'base64');
    const publicKey = createPublicKey({ key: Buffer.from(out.get_public_key.public_key_b64, 'base64'), format: 'der', type: 'spki' });
    expect(cryptoVerify('sha256', Message, publicKey, Signature)).toBe(true);
    expect((await kms.verify({ KeyId: out.signing.key_id, Message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' })).SignatureValid).toBe(true);
    const { errors } = out;
    expect(errors.invalid_signature).toMatchObject({ class: 'KMSInvalidSignatureException', code: 'KMSInvalidSignatureException', message: '', status: 400, retries: 0 });
    expect(errors.invalid_signature.request_id).toMatch(/\S/);
    expect(errors.sign_invalid_key_usage).toMatchObject({ class: 'InvalidKeyUsageException', code: 'InvalidKeyUsageException', status: 400, retries: 0 });
    expect(errors.sign_invalid_key_usage.message).toBe(`${out.create_key.arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`);
  });

  const der = (b64: string) => Buffer.from(b64, 'base64');
  /** Halves of one pair: what the private key signs, the public key verifies. */
  const expectPair = (privateKeyB64: string, publicKeyB64: string) => {
    const privateKey = createPrivateKey({ key: der(privateKeyB64), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: der(publicKeyB64), format: 'der', type: 'spki' });
    const signature = cryptoSign('sha256', Buffer.from('boto3 pair'), privateKey);
    expect(cryptoVerify('sha256', Buffer.from('boto3 pair'), publicKey, signature)).toBe(true);
    return { privateKey, publicKey };
  };

  it('generate-data-key-pair: bytes members, a PKCS#8 private key and SPKI public key that are a pair, and a blob that decrypts to the private key under its context', async () => {
    const pair = out.generate_data_key_pair;
    expect(pair).toMatchObject({ key_id: out.create_key.arn, key_pair_spec: 'ECC_NIST_P256', types: ['bytes'], unwraps: true, status: 200, retries: 0 });
    const { publicKey } = expectPair(pair.private_key_b64, pair.public_key_b64);
    expect(publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    const { Plaintext } = await kms.decrypt({ CiphertextBlob: der(pair.ciphertext_b64), EncryptionContext: { purpose: 'boto3 pair' } });
    expect(Buffer.from(Plaintext!).toString('base64')).toBe(pair.private_key_b64);
    const rsa = expectPair(pair.rsa_private_key_b64, pair.rsa_public_key_b64);
    expect(rsa.publicKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048 });
  });

  it('generate-data-key-pair-without-plaintext: no PrivateKeyPlaintext, and the blob decrypts to the private key of PublicKey; SM2 is an UnsupportedOperationException', () => {
    const sealed = out.generate_data_key_pair_without_plaintext;
    expect(sealed).toMatchObject({ key_id: out.create_key.arn, key_pair_spec: 'ECC_NIST_P384', has_private_key_plaintext: false, status: 200 });
    const { publicKey } = expectPair(sealed.private_key_b64, sealed.public_key_b64);
    expect(publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'secp384r1' });
    expect(out.errors.sm2_pair).toMatchObject({
      class: 'UnsupportedOperationException',
      code: 'UnsupportedOperationException',
      message: 'KeyPairSpec SM2 is not supported in this Region',
      status: 400,
    });
  });

  it('encrypt and decrypt with RSAES_OAEP_SHA_256 on an RSA_2048 key: the ciphertext boto3 got opens with the private key outside KMS', () => {
    const { rsa } = out;
    expect(rsa).toMatchObject({
      arn: expect.stringMatching(KEY_ARN),
      key_spec: 'RSA_2048',
      encryption_algorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
      encrypt_key_id: rsa.arn,
      encrypt_algorithm: 'RSAES_OAEP_SHA_256',
      decrypt_algorithm: 'RSAES_OAEP_SHA_256',
      round_trip: true,
    });
    expect(der(rsa.ciphertext_b64)).toHaveLength(256);
    // The server's RSA keys are fixture keys: find the one GetPublicKey showed boto3, and decrypt with it here.
    const fixture = Array.from({ length: RSA_FIXTURE_KEYS[2048].length }, (_, i) => fixtureRsaKeyPair(2048, i)).find(
      (p) => Buffer.from(p.publicKey).toString('base64') === rsa.public_key_b64,
    );
    expect(fixture, 'the key is one of the fixture keys').toBeDefined();
    const privateKey = createPrivateKey({ key: Buffer.from(fixture!.privateKey), format: 'der', type: 'pkcs8' });
    const opened = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, der(rsa.ciphertext_b64));
    expect(opened.toString('base64')).toBe(rsa.plaintext_b64);
    // Refusals: ValidationException is not in the model (a ClientError); InvalidCiphertextException is.
    expect(out.errors.rsa_too_long).toMatchObject({
      class: 'ClientError',
      code: 'ValidationException',
      message: 'Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.',
      status: 400,
    });
    expect(out.errors.rsa_wrong_algorithm).toMatchObject({ class: 'InvalidCiphertextException', code: 'InvalidCiphertextException', message: '', status: 400 });
  });

  it('a KEY_AGREEMENT key made and read by boto3 agrees with a peer key made here; DeriveSharedSecret itself is missing from this botocore (model of 2022)', async () => {
    const { agreement } = out;
    expect(agreement).toMatchObject({ arn: expect.stringMatching(KEY_ARN), key_usage: 'KEY_AGREEMENT' });
    // The old model drops the members it does not know: KeyAgreementAlgorithms never reaches boto3.
    expect(agreement.metadata_has_key_agreement_algorithms).toBe(false);
    expect(agreement.public_key_members).toEqual(['CustomerMasterKeySpec', 'KeyId', 'KeySpec', 'KeyUsage', 'PublicKey']);
    expect(out.derive_shared_secret).toEqual({ in_model: false, has_method: false });
    // The public key boto3 received is the key's: ECDH with a peer made here matches the server's DeriveSharedSecret.
    const peer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { SharedSecret } = await kms.deriveSharedSecret({
      KeyId: agreement.key_id,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: peer.publicKey.export({ type: 'spki', format: 'der' }),
    });
    const expected = diffieHellman({ privateKey: peer.privateKey, publicKey: createPublicKey({ key: der(agreement.public_key_b64), format: 'der', type: 'spki' }) });
    expect(Buffer.from(SharedSecret!).equals(expected)).toBe(true);
  });

  it('paginators: list_keys with PageSize 2 stops on Truncated false; list_aliases with PageSize 1', async () => {
    // The HMAC and signing keys came after the paginators: they are the last keys, and they did not see them.
    const later = [out.hmac.key_id, out.signing.key_id, out.rsa.key_id, out.agreement.key_id];
    const all = (await kms.listKeys({})).Keys!.map((k) => k.KeyId).filter((id) => !later.includes(id));
    expect(all).toHaveLength(7);
    expect(out.list_keys.page_sizes).toEqual([2, 2, 2, 1]);
    expect(out.list_keys.truncated).toEqual([true, true, true, false]);
    expect(out.list_keys.key_ids).toEqual(all);
    expect(out.list_aliases.page_sizes.every((n: number) => n === 1)).toBe(true);
    expect(out.list_aliases.names.sort()).toEqual(['alias/boto3-0', 'alias/boto3-1']);
  });
});
