/**
 * The loopback server through `startServer()`: startup, the AWS JSON protocol over real HTTP,
 * the reset control, keep-alive and shutdown. The server runs in this process on a free port.
 */
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsPartition } from '../../src/partition.js';
import { DEFAULT_HOST, DEFAULT_PORT, RESET_PATH, startServer, type RunningServer } from '../../src/node/index.js';
import { b64, call, http, JSON_11, raw } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('startServer', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('binds 127.0.0.1 on a free port with port: 0, and documents its defaults', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(DEFAULT_HOST).toBe('127.0.0.1');
    expect(DEFAULT_PORT).toBe(4599);
    expect(RESET_PATH).toBe('/_pocket-kms/reset');
  });

  it('serves the JSON protocol: CreateKey, Encrypt, Decrypt, with x-amzn-RequestId on every answer', async () => {
    const created = await call(server.url, 'CreateKey', { Description: 'over http' });
    expect(created.status).toBe(200);
    expect(created.headers['content-type']).toBe(JSON_11);
    expect(created.headers['x-amzn-requestid']).toMatch(UUID);
    const arn: string = created.json.KeyMetadata.Arn;
    expect(arn).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//);
    expect(typeof created.json.KeyMetadata.CreationDate).toBe('number');

    const encrypted = await call(server.url, 'Encrypt', { KeyId: arn, Plaintext: b64('hello'), EncryptionContext: { a: 'b' } });
    expect(encrypted.status).toBe(200);
    expect(encrypted.json.KeyId).toBe(arn);
    const decrypted = await call(server.url, 'Decrypt', { CiphertextBlob: encrypted.json.CiphertextBlob, EncryptionContext: { a: 'b' } });
    expect(decrypted.status).toBe(200);
    expect(Buffer.from(decrypted.json.Plaintext, 'base64').toString()).toBe('hello');
    expect(decrypted.headers['x-amzn-requestid']).not.toBe(encrypted.headers['x-amzn-requestid']);

    const missing = await call(server.url, 'DescribeKey', { KeyId: 'alias/missing' });
    expect(missing.status).toBe(400);
    expect(missing.json.__type).toBe('NotFoundException');
    expect(missing.headers['x-amzn-requestid']).toMatch(UUID);
  });

  it('routes on X-Amz-Target whatever the path, and ignores the header name case', async () => {
    const reply = await http(server.url, { path: '/some/base/?x=1', headers: { 'X-Amz-Target': 'TrentService.ListKeys' }, input: {} });
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.json.Keys)).toBe(true);
  });

  it('keeps connections alive and reuses them', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const replies = [];
      for (let i = 0; i < 5; i += 1) replies.push(await call(server.url, 'ListKeys', {}, { agent }));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(replies.map((r) => r.reused)).toEqual([false, true, true, true, true]);
      expect(replies[0]!.headers.connection).toBe('keep-alive');
      expect(replies[0]!.headers['keep-alive']).toBe('timeout=65');
    } finally {
      agent.destroy();
    }
  });
});

describe('the reset control', () => {
  it(`POST ${RESET_PATH} wipes keys and aliases, answering 200 {}`, async () => {
    const server = await startServer({ port: 0 });
    try {
      const created = await call(server.url, 'CreateKey');
      await call(server.url, 'CreateAlias', { AliasName: 'alias/a', TargetKeyId: created.json.KeyMetadata.KeyId });
      expect((await call(server.url, 'ListKeys')).json.Keys).toHaveLength(1);

      const reset = await http(server.url, { path: RESET_PATH });
      expect(reset.status).toBe(200);
      expect(reset.json).toEqual({});
      expect(reset.headers['content-type']).toBe(JSON_11);
      expect(reset.headers['x-amzn-requestid']).toMatch(UUID);

      expect((await call(server.url, 'ListKeys')).json.Keys).toEqual([]);
      expect((await call(server.url, 'DescribeKey', { KeyId: 'alias/a' })).json.__type).toBe('NotFoundException');
      // A reset server works as a new one.
      expect((await call(server.url, 'CreateKey')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('wipes the partition given as target, every account and Region of it', async () => {
    const partition = new KmsPartition();
    await partition.kms({ accountId: '444455556666', region: 'eu-west-1' }).createKey();
    const server = await startServer({ port: 0, target: partition, accountId: '444455556666', region: 'eu-west-1' });
    try {
      const before = await call(server.url, 'ListKeys');
      expect(before.json.Keys).toHaveLength(1);
      expect(before.json.Keys[0].KeyArn).toMatch(/^arn:aws:kms:eu-west-1:444455556666:key\//);
      expect((await http(server.url, { path: RESET_PATH })).status).toBe(200);
      expect((await call(server.url, 'ListKeys')).json.Keys).toEqual([]);
      expect((await partition.kms({ accountId: '444455556666', region: 'eu-west-1' }).listKeys()).Keys).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('is a 404 JSON error with reset: false, and the state stays', async () => {
    const server = await startServer({ port: 0, reset: false });
    try {
      await call(server.url, 'CreateKey');
      const reset = await http(server.url, { path: RESET_PATH });
      expect(reset.status).toBe(404);
      expect(reset.json.__type).toEqual(expect.any(String));
      expect(reset.json.message).toMatch(/reset/);
      expect(reset.headers['x-amzn-requestid']).toMatch(UUID);
      expect((await call(server.url, 'ListKeys')).json.Keys).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('answers other methods on the reset path with a JSON error and resets nothing', async () => {
    const server = await startServer({ port: 0 });
    try {
      await call(server.url, 'CreateKey');
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const reply = await http(server.url, { method, path: RESET_PATH });
        expect(reply.status, method).toBeGreaterThanOrEqual(400);
        expect(reply.json.__type, method).toEqual(expect.any(String));
      }
      expect((await call(server.url, 'ListKeys')).json.Keys).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('options', () => {
  it('serves the given default account and Region to unsigned requests', async () => {
    const server = await startServer({ port: 0, accountId: '999988887777', region: 'ap-southeast-2' });
    try {
      const created = await call(server.url, 'CreateKey');
      expect(created.json.KeyMetadata.Arn).toMatch(/^arn:aws:kms:ap-southeast-2:999988887777:key\//);
    } finally {
      await server.close();
    }
  });

  it('rejects bad options before binding', async () => {
    await expect(startServer({ port: -1 })).rejects.toThrow(RangeError);
    await expect(startServer({ port: 65_536 })).rejects.toThrow(RangeError);
    await expect(startServer({ port: 1.5 })).rejects.toThrow(RangeError);
    await expect(startServer({ port: 0, accountId: '12' })).rejects.toThrow(RangeError);
  });

  it('rejects when the port is taken', async () => {
    const first = await startServer({ port: 0 });
    try {
      await expect(startServer({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});

describe('close()', () => {
  it('resolves promptly although a client keeps an idle keep-alive socket, and stops serving', async () => {
    const server = await startServer({ port: 0 });
    const agent = new Agent({ keepAlive: true });
    try {
      expect((await call(server.url, 'ListKeys', {}, { agent })).status).toBe(200);
      const started = performance.now();
      await server.close();
      expect(performance.now() - started).toBeLessThan(500);
      await expect(call(server.url, 'ListKeys')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await server.close(); // twice is fine
    } finally {
      agent.destroy();
    }
  });

  it('lets a request in flight finish, and cuts a stalled connection after a short grace', async () => {
    const server = await startServer({ port: 0 });
    // A client that sent half its headers and went quiet.
    const stalled = raw(server.port, ['POST / HTTP/1.1\r\nHost: x\r\n'], { timeoutMs: 5_000 });
    // A request whose body is still arriving when close() is called.
    const body = JSON.stringify({ Description: 'in flight' });
    const inFlight = raw(
      server.port,
      [`POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: TrentService.CreateKey\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 4)}`, body.slice(4)],
      { pauseMs: 200 },
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(2_500);
    const finished = await inFlight;
    expect(finished?.status).toBe(200);
    expect(finished?.json.KeyMetadata.Description).toBe('in flight');
    expect(finished?.headers.connection).toBe('close');
    // The stalled socket was closed, with or without an answer.
    const reply = await stalled;
    if (reply) expect(reply.json.__type).toEqual(expect.any(String));
  });
});

describe('requests split across packets', () => {
  it('are served like any other', async () => {
    const server = await startServer({ port: 0 });
    try {
      const body = JSON.stringify({ NumberOfBytes: 8 });
      const reply = await raw(
        server.port,
        [
          'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n',
          `Content-Type: ${JSON_11}\r\nX-Amz-Target: TrentService.GenerateRandom\r\nContent-Length: ${body.length}\r\n\r\n`,
          body.slice(0, 5),
          body.slice(5),
        ],
        { pauseMs: 20 },
      );
      expect(reply?.status).toBe(200);
      expect(Buffer.from(reply!.json.Plaintext, 'base64')).toHaveLength(8);
    } finally {
      await server.close();
    }
  });
});
