/** HTTP helpers for the loopback-server tests: plain node:http requests and raw sockets. */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

export const JSON_11 = 'application/x-amz-json-1.1';

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: any;
  /** Whether the request went out on a kept-alive socket. */
  readonly reused: boolean;
}

export interface CallOptions {
  readonly agent?: Agent;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** Sent as is; otherwise the input is JSON-encoded. */
  readonly rawBody?: string | Uint8Array;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One HTTP request; resolves with the whole reply, rejects on a socket error. */
export function http(url: string, options: CallOptions & { target?: string; input?: unknown } = {}): Promise<Reply> {
  const body =
    options.rawBody !== undefined
      ? options.rawBody
      : options.input === undefined
        ? ''
        : JSON.stringify(options.input);
  const headers: Record<string, string> = { 'content-type': JSON_11, ...options.headers };
  if (options.target !== undefined) headers['x-amz-target'] = options.target;
  const target = new URL(options.path ?? '/', url);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: options.method ?? 'POST', headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, text, json: parse(text), reused: req.reusedSocket });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A KMS call: `POST /` with `X-Amz-Target: TrentService.<operation>` and a JSON body. */
export function call(url: string, operation: string, input: unknown = {}, options: CallOptions = {}): Promise<Reply> {
  return http(url, { ...options, target: `TrentService.${operation}`, input });
}

export interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly json: any;
}

/**
 * Writes `chunks` on a raw TCP socket (with `pauseMs` between them) and resolves with the first
 * HTTP response read back, or undefined if the server closed the socket without one.
 * `end: true` half-closes the socket after the last chunk.
 */
export function raw(port: number, chunks: Array<string | Uint8Array>, options: { end?: boolean; pauseMs?: number; timeoutMs?: number } = {}): Promise<RawReply | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (reply: RawReply | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const timer = setTimeout(() => {
      settled = true;
      socket.destroy();
      reject(new Error(`no complete response within ${options.timeoutMs ?? 5000} ms; got ${JSON.stringify(received.toString('latin1'))}`));
    }, options.timeoutMs ?? 5000);
    const tryParse = (final: boolean) => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) {
        if (final) settle(undefined);
        return;
      }
      const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? Number.NaN);
      const body = received.subarray(end + 4);
      if (Number.isFinite(length) ? body.length >= length : final) {
        const text = body.subarray(0, Number.isFinite(length) ? length : body.length).toString('utf8');
        settle({ status: Number(statusLine!.split(' ')[1]), headers, text, json: parse(text) });
      }
    };
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    socket.on('close', () => tryParse(true));
    // A reset after the answer was read is fine; before it, the caller sees `undefined`.
    socket.on('error', () => tryParse(true));
    socket.on('connect', async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (settled || socket.destroyed) return;
        if (i > 0 && options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
        socket.write(chunk);
      }
      if (options.end) socket.end();
    });
  });
}

/** A request head for `raw()`. */
export function head(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
