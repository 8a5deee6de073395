/**
 * The transport-independent protocol: AWS JSON 1.1 in and out, routing, identity, and the error
 * shapes SDKs parse. The transports (in-process handler, loopback server) are tested with real
 * clients in test/clients and test/server.
 */
import { describe, expect, it } from 'vitest';
import { Kms, KmsPartition } from '../../src/index.js';
import { createProtocol, type WireRequest, type WireResponse } from '../../src/protocol/index.js';

const json = (response: WireResponse): Record<string, unknown> => JSON.parse(new TextDecoder().decode(response.body));
const b64 = (text: string): string => Buffer.from(text).toString('base64');

function request(operation: string | undefined, body: unknown, extra: Partial<WireRequest> = {}): WireRequest {
  return {
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(operation !== undefined && { 'x-amz-target': `TrentService.${operation}` }),
      ...extra.headers,
    },
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body instanceof Uint8Array ? body : new TextEncoder().encode(JSON.stringify(body)),
    ...(extra.sourceIp !== undefined && { sourceIp: extra.sourceIp }),
    ...(extra.method !== undefined && { method: extra.method }),
  };
}

const signedFor = (accessKeyId: string, region: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261123/${region}/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
});

function expectError(response: WireResponse, status: number, type: string, message?: string | RegExp): void {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toBe('application/x-amz-json-1.1');
  expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  const body = json(response);
  expect(body.__type).toBe(type);
  expect(typeof body.message).toBe('string');
  if (typeof message === 'string') expect(body.message).toBe(message);
  else if (message) expect(body.message).toMatch(message);
}

describe('success responses', () => {
  it('round-trips Encrypt and Decrypt with base64 blobs and a fresh request id each time', async () => {
    const protocol = createProtocol(new Kms());
    const created = json(await protocol.handle(request('CreateKey', {})));
    const metadata = created.KeyMetadata as Record<string, unknown>;
    expect(typeof metadata.CreationDate).toBe('number');
    const enc = await protocol.handle(request('Encrypt', { KeyId: metadata.KeyId, Plaintext: b64('hello'), EncryptionContext: { k: 'é✓' } }));
    expect(enc.statusCode).toBe(200);
    const { CiphertextBlob, KeyId } = json(enc);
    expect(KeyId).toBe(metadata.Arn);
    // botocore escapes non-ASCII: the same context must bind either way.
    const escaped = `{"CiphertextBlob": "${CiphertextBlob}", "EncryptionContext": {"k": "\\u00e9\\u2713"}}`;
    const dec = await protocol.handle(request('Decrypt', escaped));
    expect(Buffer.from(json(dec).Plaintext as string, 'base64').toString()).toBe('hello');
    expect(dec.headers['x-amzn-requestid']).not.toBe(enc.headers['x-amzn-requestid']);
  });

  it('treats an empty body as an empty request and leaves absent members out', async () => {
    const protocol = createProtocol(new Kms());
    const response = await protocol.handle(request('ListKeys', new Uint8Array(0)));
    expect(json(response)).toEqual({ Keys: [], Truncated: false });
  });

  it('answers {} for operations AWS answers with no members', async () => {
    const kms = new Kms();
    const { KeyMetadata } = await kms.createKey();
    const protocol = createProtocol(kms);
    expect(json(await protocol.handle(request('DisableKey', { KeyId: KeyMetadata!.KeyId })))).toEqual({});
  });
});

describe('routing and identity', () => {
  it('takes the Region from the SigV4 scope, then the host name, then the default', async () => {
    const partition = new KmsPartition();
    const protocol = createProtocol(partition, { region: 'eu-west-1' });
    const arnOf = async (extra: Partial<WireRequest>) =>
      ((json(await protocol.handle(request('CreateKey', {}, extra))).KeyMetadata as Record<string, string>).Arn ?? '').split(':')[3];
    expect(await arnOf({ headers: signedFor('AKIDEXAMPLE', 'ap-south-1') })).toBe('ap-south-1');
    expect(await arnOf({ headers: { host: 'kms.us-west-2.amazonaws.com' } })).toBe('us-west-2');
    expect(await arnOf({})).toBe('eu-west-1');
  });

  it('maps access keys to principals; unknown keys act as the default account root', async () => {
    const protocol = createProtocol(new Kms(), { credentials: { AKIDALICE: { principal: 'arn:aws:iam::111122223333:user/alice' } } });
    const { KeyMetadata } = json(await protocol.handle(request('CreateKey', {}, { headers: signedFor('AKIDROOT', 'us-east-1') }))) as {
      KeyMetadata: { KeyId: string };
    };
    const denied = await protocol.handle(request('DescribeKey', { KeyId: KeyMetadata.KeyId }, { headers: signedFor('AKIDALICE', 'us-east-1') }));
    expectError(denied, 400, 'AccessDeniedException', /^User: arn:aws:iam::111122223333:user\/alice is not authorized to perform: kms:DescribeKey/);
  });

  it('treats a credential without a principal as the default account root', async () => {
    const protocol = createProtocol(new KmsPartition(), { accountId: '444455556666', credentials: { AKIDSECRETONLY: { secretAccessKey: 's' } } });
    const response = await protocol.handle(request('CreateKey', {}, { headers: signedFor('AKIDSECRETONLY', 'us-east-1') }));
    expect((json(response).KeyMetadata as Record<string, string>).AWSAccountId).toBe('444455556666');
  });

  it('passes the peer address as aws:SourceIp', async () => {
    const kms = new Kms();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'kms:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }],
    });
    const { KeyMetadata } = await kms.createKey({ Policy: policy, BypassPolicyLockoutSafetyCheck: true });
    const protocol = createProtocol(kms);
    expect((await protocol.handle(request('DescribeKey', { KeyId: KeyMetadata!.KeyId }, { sourceIp: '10.1.2.3' }))).statusCode).toBe(200);
    expectError(await protocol.handle(request('DescribeKey', { KeyId: KeyMetadata!.KeyId }, { sourceIp: '192.168.0.1' })), 400, 'AccessDeniedException');
  });

  it('refuses credentials it could never use when created', () => {
    expect(() => createProtocol(new Kms(), { credentials: { AKID: { principal: 'not a principal' } } })).toThrow(TypeError);
    expect(() => createProtocol(new Kms(), { maxBodyBytes: 0 })).toThrow(RangeError);
    expect(() => createProtocol(new KmsPartition(), { region: 'moon-1' })).toThrow(RangeError);
  });
});

describe('hostile requests get JSON errors', () => {
  const protocol = createProtocol(new Kms(), { maxBodyBytes: 4096 });
  it.each<[string, WireRequest, number, string, (string | RegExp)?]>([
    ['a GET', request('ListKeys', {}, { method: 'GET' }), 400, 'UnknownOperationException'],
    ['no target', request(undefined, {}), 400, 'UnknownOperationException', 'Missing X-Amz-Target header.'],
    ['another service', { ...request(undefined, {}), headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' } }, 400, 'UnknownOperationException'],
    ['an unknown operation', request('FlyToTheMoon', {}), 400, 'UnknownOperationException'],
    ['an inherited name', request('constructor', {}), 400, 'UnknownOperationException'],
    ['malformed JSON', request('ListKeys', '{"Limit":'), 400, 'SerializationException'],
    ['invalid UTF-8', request('ListKeys', new Uint8Array([0x7b, 0xff, 0x7d])), 400, 'SerializationException'],
    ['a JSON array', request('ListKeys', '[]'), 400, 'SerializationException'],
    ['a wrong member type', request('ListKeys', { Limit: 'ten' }), 400, 'SerializationException'],
    ['invalid base64', request('Encrypt', { KeyId: 'alias/x', Plaintext: 'not base64!' }), 400, 'SerializationException', "Value at 'plaintext' is not valid base64"],
    ['unpadded base64', request('Encrypt', { KeyId: 'alias/x', Plaintext: 'aGk' }), 400, 'SerializationException'],
    ['a constraint violation', request('ListKeys', { Limit: 0 }), 400, 'ValidationException'],
    ['a body over the limit', request('ListKeys', `{"Marker":"${'x'.repeat(5000)}"}`), 413, 'RequestEntityTooLargeException'],
    ['a signing scope whose Region AWS could not have', request('ListKeys', {}, { headers: signedFor('AKID', 'moon-1') }), 400, 'InvalidSignatureException'],
  ])('%s', async (_what, wire, status, type, message) => {
    expectError(await protocol.handle(wire), status, type, message);
  });

  it('answers a fault of its own with KMSInternalException and HTTP 500', async () => {
    const partition = new KmsPartition({
      clock: () => {
        throw new Error('clock broke');
      },
    });
    expectError(await createProtocol(partition).handle(request('CreateKey', {})), 500, 'KMSInternalException');
  });
});

describe('response encoding', () => {
  it('keeps a __proto__ key of a grant constraint as an ordinary member', async () => {
    const kms = new Kms();
    const { KeyMetadata } = await kms.createKey();
    const context = JSON.parse('{"__proto__":"x","a":"b"}') as Record<string, string>;
    await kms.createGrant({
      KeyId: KeyMetadata!.KeyId,
      GranteePrincipal: 'arn:aws:iam::111122223333:user/u',
      Operations: ['Encrypt'],
      Constraints: { EncryptionContextEquals: context },
    });
    const body = new TextDecoder().decode((await createProtocol(kms).handle(request('ListGrants', { KeyId: KeyMetadata!.KeyId }))).body);
    expect(body).toContain('"EncryptionContextEquals":{"__proto__":"x","a":"b"}');
  });
});
