/**
 * Hostile HTTP input against the loopback server. Every request the server can answer gets an
 * AWS-shaped JSON error (`__type`, `message`, `x-amzn-RequestId`), never HTML or plain text; a
 * client that breaks off gets nothing and breaks nothing; and the server keeps serving.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/node/index.js';
import { b64, call, head, http, JSON_11, raw, type RawReply, type Reply } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LIMIT = 1024 * 1024; // the protocol's documented default

let server: RunningServer;
let keyArn: string;

beforeAll(async () => {
  server = await startServer({ port: 0 });
  keyArn = (await call(server.url, 'CreateKey')).json.KeyMetadata.Arn;
});
afterAll(() => server.close());

/** After every hostile case, the server still does real work. */
afterEach(async () => {
  const encrypted = await call(server.url, 'Encrypt', { KeyId: keyArn, Plaintext: b64('still alive') });
  expect(encrypted.status).toBe(200);
  const decrypted = await call(server.url, 'Decrypt', { CiphertextBlob: encrypted.json.CiphertextBlob });
  expect(Buffer.from(decrypted.json.Plaintext, 'base64').toString()).toBe('still alive');
});

function expectJsonError(reply: Reply | RawReply | undefined, status: number, type: string | RegExp): void {
  expect(reply, 'an answer').toBeDefined();
  expect(reply!.status).toBe(status);
  const contentType = reply!.headers['content-type'];
  expect(contentType).toBe(JSON_11);
  expect(reply!.headers['x-amzn-requestid']).toMatch(UUID);
  expect(reply!.json, `JSON body, got ${JSON.stringify(reply!.text)}`).toEqual({ __type: expect.any(String), message: expect.any(String) });
  if (typeof type === 'string') expect(reply!.json.__type).toBe(type);
  else expect(reply!.json.__type).toMatch(type);
}

const target = (operation: string) => ({ 'x-amz-target': `TrentService.${operation}` });

describe('bodies', () => {
  it.each([
    ['truncated JSON', '{"KeyId":'],
    ['not JSON at all', 'hello'],
    ['an HTML form', '<html><body>hi</body></html>'],
    ['JSON with trailing garbage', '{"KeyId":"x"} trailing'],
  ])('%s is a SerializationException', async (_name, body) => {
    expectJsonError(await http(server.url, { headers: target('DescribeKey'), rawBody: body }), 400, 'SerializationException');
  });

  it('invalid UTF-8 is a SerializationException', async () => {
    const body = Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    expectJsonError(await http(server.url, { headers: target('ListKeys'), rawBody: body }), 400, 'SerializationException');
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"Encrypt"'],
    ['a number', '42'],
    ['null', 'null'],
    ['KeyId a number', JSON.stringify({ KeyId: 5, Plaintext: 'aGk=' })],
    ['Plaintext an object', JSON.stringify({ KeyId: 'alias/x', Plaintext: { a: 1 } })],
    ['Plaintext an array', JSON.stringify({ KeyId: 'alias/x', Plaintext: [104, 105] })],
    ['EncryptionContext a string', JSON.stringify({ KeyId: 'alias/x', Plaintext: 'aGk=', EncryptionContext: 'a=b' })],
    ['EncryptionContext with a number value', JSON.stringify({ KeyId: 'alias/x', Plaintext: 'aGk=', EncryptionContext: { a: 1 } })],
    ['GrantTokens a string', JSON.stringify({ KeyId: 'alias/x', Plaintext: 'aGk=', GrantTokens: 'x' })],
  ])('wrong JSON types (%s) are a SerializationException or ValidationException', async (_name, body) => {
    expectJsonError(await http(server.url, { headers: target('Encrypt'), rawBody: body }), 400, /^(SerializationException|ValidationException)$/);
  });

  it('a Limit of the wrong type is refused, not treated as a default', async () => {
    expectJsonError(await call(server.url, 'ListKeys', { Limit: '10' }), 400, /^(SerializationException|ValidationException)$/);
    expectJsonError(await call(server.url, 'ListKeys', { Limit: 1.5 }), 400, /^(SerializationException|ValidationException)$/);
  });

  it.each([
    ['not base64 at all', '!!!!'],
    ['bad padding', 'aGVsbG8'],
    ['base64url alphabet', 'a-_b'],
    ['whitespace inside', 'aGVs bG8='],
  ])('invalid base64 in a blob member (%s) is a SerializationException', async (_name, blob) => {
    expectJsonError(await call(server.url, 'Encrypt', { KeyId: keyArn, Plaintext: blob }), 400, 'SerializationException');
    expectJsonError(await call(server.url, 'Decrypt', { CiphertextBlob: blob }), 400, 'SerializationException');
  });

  it('an empty body is an empty request: ListKeys works, Encrypt is a ValidationException', async () => {
    expect((await http(server.url, { headers: target('ListKeys'), rawBody: '' })).status).toBe(200);
    expectJsonError(await http(server.url, { headers: target('Encrypt'), rawBody: '' }), 400, 'ValidationException');
  });

  it('deeply nested JSON does not crash the server', async () => {
    const body = `{"KeyId":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const reply = await http(server.url, { headers: target('DescribeKey'), rawBody: body });
    expectJsonError(reply, 400, /^(SerializationException|ValidationException)$/);
  });
});

describe('huge bodies', () => {
  it('a declared Content-Length over the limit is a 413 JSON error before any body is read', async () => {
    const reply = await raw(server.port, [
      head(['POST / HTTP/1.1', 'Host: x', `Content-Type: ${JSON_11}`, 'X-Amz-Target: TrentService.Encrypt', `Content-Length: ${LIMIT + 1}`]),
    ]);
    expectJsonError(reply, 413, 'RequestEntityTooLargeException');
    expect(reply!.headers.connection).toBe('close');
  });

  it('a body over the limit sent by a normal client gets the 413', async () => {
    const body = JSON.stringify({ KeyId: keyArn, Plaintext: 'A'.repeat(4 * LIMIT) });
    // The server may close the socket while the client is still writing; the answer arrives first.
    const reply = await http(server.url, { headers: target('Encrypt'), rawBody: body }).catch((e: NodeJS.ErrnoException) => e);
    if (reply instanceof Error) expect(reply.code).toMatch(/^(ECONNRESET|EPIPE)$/);
    else expectJsonError(reply, 413, 'RequestEntityTooLargeException');
  });

  it('a chunked body (no Content-Length) is cut off at the limit with a 413', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = [head(['POST / HTTP/1.1', 'Host: x', 'X-Amz-Target: TrentService.Encrypt', 'Transfer-Encoding: chunked'])];
    for (let sent = 0; sent <= LIMIT + chunk.length; sent += chunk.length) chunks.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const reply = await raw(server.port, chunks);
    expectJsonError(reply, 413, 'RequestEntityTooLargeException');
  });

  it('Expect: 100-continue with a Content-Length over the limit gets the 413 instead of 100 Continue', async () => {
    const reply = await raw(server.port, [
      head(['POST / HTTP/1.1', 'Host: x', 'X-Amz-Target: TrentService.Encrypt', 'Expect: 100-continue', `Content-Length: ${10 * LIMIT}`]),
    ]);
    expectJsonError(reply, 413, 'RequestEntityTooLargeException');
  });

  it('Expect: 100-continue under the limit works', async () => {
    const body = JSON.stringify({ NumberOfBytes: 4 });
    const reply = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/`, { method: 'POST', headers: { ...target('GenerateRandom'), expect: '100-continue', 'content-length': body.length } });
      req.on('continue', () => req.end(body));
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
    });
    expect(reply).toBe(200);
  });

  it('a body just under the limit is read and judged by the protocol, not by size', async () => {
    const body = JSON.stringify({ KeyId: keyArn, Plaintext: 'A'.repeat(LIMIT - 300) });
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    expectJsonError(await http(server.url, { headers: target('Encrypt'), rawBody: body }), 400, 'ValidationException');
  });

  it('a nonsensical Content-Length is a JSON 400', async () => {
    const reply = await raw(server.port, [head(['POST / HTTP/1.1', 'Host: x', 'X-Amz-Target: TrentService.ListKeys', 'Content-Length: abc'])]);
    expectJsonError(reply, 400, /Exception$/);
  });
});

describe('routing', () => {
  it('a missing X-Amz-Target is an UnknownOperationException', async () => {
    expectJsonError(await http(server.url, { input: {} }), 400, 'UnknownOperationException');
  });

  it.each(['TrentService.Nope', 'TrentService.', 'trentservice.Encrypt', 'DynamoDB_20120810.ListTables', 'TrentService.encrypt', 'TrentService.__proto__', 'TrentService.constructor', 'TrentService.dispatch'])(
    'an unknown target (%s) is an UnknownOperationException',
    async (value) => {
      expectJsonError(await http(server.url, { headers: { 'x-amz-target': value }, input: {} }), 400, 'UnknownOperationException');
    },
  );

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('method %s is a JSON error', async (method) => {
    const reply = await http(server.url, { method, headers: target('ListKeys'), rawBody: method === 'GET' || method === 'DELETE' ? '' : '{}' });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expectJsonError(reply, reply.status, /Exception$/);
  });

  it('HEAD gets an error status without a body', async () => {
    const reply = await http(server.url, { method: 'HEAD', headers: target('ListKeys') });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.headers['x-amzn-requestid']).toMatch(UUID);
    expect(reply.text).toBe('');
  });
});

describe('broken HTTP and broken clients', () => {
  it('a malformed request line is a JSON 400', async () => {
    expectJsonError(await raw(server.port, ['GARBAGE\r\n\r\n']), 400, /Exception$/);
    expectJsonError(await raw(server.port, ['POST / HTTP/9.9\r\nHost: x\r\n\r\n']), 400, /Exception$/);
  });

  it('oversized headers are a JSON 431', async () => {
    const reply = await raw(server.port, [head(['POST / HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(32 * 1024)}`])]);
    expectJsonError(reply, 431, /Exception$/);
  });

  it('a body cut short by the client closing its side is a JSON 400 (or no answer), never a crash', async () => {
    const reply = await raw(server.port, [head(['POST / HTTP/1.1', 'Host: x', 'X-Amz-Target: TrentService.ListKeys', 'Content-Length: 100']) + '{"Limit":'], { end: true });
    if (reply) expectJsonError(reply, 400, /Exception$/);
  });

  it('aborted connections (mid-headers, mid-body, right after connecting) break nothing', async () => {
    const abort = (data: string) =>
      new Promise<void>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: server.port }, () => {
          if (data) socket.write(data);
          setTimeout(() => {
            socket.resetAndDestroy();
            resolve();
          }, 10);
        });
        socket.on('error', () => resolve());
      });
    const requestHead = head(['POST / HTTP/1.1', 'Host: x', 'X-Amz-Target: TrentService.Encrypt', 'Content-Length: 1000']);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => abort(['', 'POST / HT', 'POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Ta', requestHead, `${requestHead}{"KeyId":"x","Pla`][i % 5]!)),
    );
  });

  it('a slow client (slowloris-style trickle) is still answered, and does not block others', async () => {
    const body = JSON.stringify({ NumberOfBytes: 8 });
    const text = head(['POST / HTTP/1.1', 'Host: x', 'X-Amz-Target: TrentService.GenerateRandom', `Content-Length: ${body.length}`]) + body;
    const slow = raw(server.port, text.match(/.{1,8}/gs)!, { pauseMs: 5, timeoutMs: 10_000 });
    // Meanwhile others are served at once.
    for (let i = 0; i < 5; i += 1) expect((await call(server.url, 'ListKeys')).status).toBe(200);
    expect((await slow)?.status).toBe(200);
  });

  it('pipelined requests on one connection are answered in order', async () => {
    const one = (op: string, body: string) => head(['POST / HTTP/1.1', 'Host: x', `X-Amz-Target: TrentService.${op}`, `Content-Length: ${body.length}`]) + body;
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: server.port }, () => {
        socket.write(one('ListKeys', '{}') + one('Nope', '{}') + one('GenerateRandom', '{"NumberOfBytes":3}') + 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString('latin1')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses.slice(0, 3)).toEqual([200, 400, 200]);
    expect(statuses).toHaveLength(4);
  });
});
