/**
 * The loopback HTTP server: AWS KMS's JSON 1.1 wire protocol on `node:http`, for the AWS CLI,
 * boto3, SDKs of other languages and anything else that takes an endpoint URL. Every request goes
 * through the same protocol core as the in-process SDK handler; this file only moves bytes.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Kms } from '../kms.js';
import { KmsPartition } from '../partition.js';
import { createProtocol, errorResponse, jsonResponse, type Protocol } from '../protocol/index.js';
import type { ProtocolOptions, WireResponse } from '../protocol/types.js';
import { nodeProvider } from './node-provider.js';

/** The port `startServer()` and `pocket-kms serve` listen on unless told otherwise. */
export const DEFAULT_PORT = 4599;
/** The address they bind unless told otherwise: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';
/** `POST` here wipes all state (unless the server was started with `reset: false`). */
export const RESET_PATH = '/_pocket-kms/reset';

/**
 * How long an idle keep-alive connection stays open. Longer than the idle timeouts of common
 * clients (botocore and the AWS CLI keep sockets without one), so a client never sends a request
 * on a socket the server is closing at that moment.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** The whole header block of a request must arrive within this (slow-header clients are cut off). */
const HEADERS_TIMEOUT_MS = 10_000;
/** The whole request, headers and body, must arrive within this. */
const REQUEST_TIMEOUT_MS = 30_000;
/** How often Node checks the two timeouts above. */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** After `close()`, requests still in flight get this long to finish before their sockets are cut. */
const CLOSE_GRACE_MS = 1_000;


export interface ServerOptions extends ProtocolOptions {
  /** The address to bind. Default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** The TCP port. Default 4599; `0` picks a free one (read it from the result). */
  readonly port?: number;
  /**
   * What to serve. Default: a new `KmsPartition` on the `node:crypto` provider, whose unsigned
   * requests and unknown access keys go to `accountId` in `region`.
   */
  readonly target?: Kms | KmsPartition;
  /** Serve `POST /_pocket-kms/reset`, which wipes all state. Default true. */
  readonly reset?: boolean;
}

export interface RunningServer {
  /** `http://host:port`, ready for `endpoint` / `--endpoint-url` / `endpoint_url`. */
  readonly url: string;
  /** The port actually bound (useful with `port: 0`). */
  readonly port: number;
  /**
   * Stops listening, closes idle keep-alive connections at once, lets requests in flight finish
   * (for at most a second) and resolves when every connection is closed. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Starts the loopback server. Resolves once it is listening; rejects if it cannot bind (the
 * port is taken, say) or if an option is invalid.
 *
 * ```ts
 * const server = await startServer({ port: 0 });
 * const client = new KMSClient({ endpoint: server.url, region: 'us-east-1', credentials });
 * // ...
 * await server.close();
 * ```
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (typeof host !== 'string' || host === '') throw new TypeError(`host must be a non-empty string, got ${String(host)}`);
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  const resetEnabled = options.reset ?? true;
  const { host: _host, port: _port, target, reset: _reset, ...protocolOptions } = options;
  const protocol = createProtocol(target ?? new KmsPartition({ provider: nodeProvider() }), protocolOptions);

  const state: ServerState = { protocol, resetEnabled, closing: false };

  const server = createServer(
    {
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    (req, res) => {
      serve(state, req, res);
    },
  );
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS; // the option is read only by newer Node versions

  // `Expect: 100-continue`: refuse an oversized body before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (declaredLength(req) > protocol.maxBodyBytes) {
      res.on('error', () => {});
      send(state, res, protocol.tooLarge(), true);
      return;
    }
    res.writeContinue();
    serve(state, req, res);
  });

  // Requests Node's parser refuses (malformed request line or headers, headers too large, a body
  // cut short by the client closing its side, timeouts) still get a JSON answer when the socket
  // can take one. Node's default would be a bare `400 Bad Request` without a body.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    answerClientError(error, socket);
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port });
  });
  // Never crash the process on a late server error; there is nobody to report it to.
  server.on('error', () => {});

  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    if (closed) return closed;
    state.closing = true;
    closed = new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closed;
  };

  return { url, port: boundPort, close };
}

interface ServerState {
  readonly protocol: Protocol;
  readonly resetEnabled: boolean;
  /** Set by `close()`: every answer from then on closes its connection. */
  closing: boolean;
}

/** Reads the request, hands it to the protocol (or the reset control), writes the answer. */
function serve(state: ServerState, req: IncomingMessage, res: ServerResponse): void {
  const { protocol } = state;
  // A client that goes away mid-response must not turn into an unhandled 'error' event.
  res.on('error', () => {});
  req.on('error', () => {});

  // Refuse an oversized body by its declared length, before reading any of it. Node discards
  // what is already buffered and closes the socket once the 413 is written (`connection: close`).
  if (declaredLength(req) > protocol.maxBodyBytes) {
    send(state, res, protocol.tooLarge(), true);
    return;
  }

  readBody(req, protocol.maxBodyBytes).then(
    async (body) => {
      if (body === TOO_LARGE) {
        send(state, res, protocol.tooLarge(), true);
        return;
      }
      const { path, query } = splitUrl(req.url ?? '/');
      if (path === RESET_PATH && req.method === 'POST') {
        if (state.resetEnabled) {
          protocol.partition.reset();
          send(state, res, jsonResponse('{}'));
        } else {
          send(state, res, errorResponse(404, 'UnknownOperationException', `${RESET_PATH} is turned off on this server (started with reset: false / --no-reset).`));
        }
        return;
      }
      let response: WireResponse;
      try {
        response = await protocol.handle({
          method: req.method ?? 'GET',
          path,
          query,
          headers: lowerCaseHeaders(req),
          body,
          sourceIp: req.socket.remoteAddress,
          secureTransport: true,
        });
      } catch (error) {
        // `handle` never rejects; if it ever does, the client still gets AWS's 500.
        response = errorResponse(500, 'KMSInternalException', `Internal error: ${error instanceof Error ? error.message : String(error)}`);
      }
      send(state, res, response);
    },
    () => {
      // The body never arrived whole, so the request is not served. A client that reset the
      // connection gets nothing; one that only closed its sending side still gets a 400.
      if (!req.socket.destroyed && !res.headersSent) send(state, res, errorResponse(400, 'SerializationException', 'The request body was not received completely.'), true);
    },
  );
}

const TOO_LARGE = Symbol('too large');

/**
 * The body as one plain `Uint8Array` (not a `Buffer` over Node's shared pool), or `TOO_LARGE` as
 * soon as more than `limit` bytes have arrived (the rest is not read). Rejects if the request is
 * aborted before its end.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let done = false;
    const finish = (value: Uint8Array | typeof TOO_LARGE | Error) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onClose);
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        chunks.length = 0;
        finish(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      const body = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.length;
      }
      finish(body);
    };
    const onFail = (error: Error) => finish(error);
    // 'close' before 'end': the connection went away mid-body.
    const onClose = () => finish(new Error('request closed before its body ended'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
    req.on('close', onClose);
  });
}

/** `Content-Length` as a number: 0 when absent, Infinity when unreadable (Node already refuses those). */
function declaredLength(req: IncomingMessage): number {
  const header = req.headers['content-length'];
  if (header === undefined) return 0;
  const value = Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : Number.POSITIVE_INFINITY;
}

function send(state: ServerState, res: ServerResponse, response: WireResponse, closeConnection = false): void {
  if (res.headersSent || res.destroyed || res.writableEnded) return;
  const headers: Record<string, string | number> = { ...response.headers };
  headers['content-length'] = response.body.byteLength;
  if (closeConnection || state.closing) {
    res.shouldKeepAlive = false;
    headers.connection = 'close';
  }
  res.writeHead(response.statusCode, headers);
  res.end(response.body);
}

function splitUrl(url: string): { path: string; query: string } {
  // Absolute-form targets (`POST http://host/ HTTP/1.1`, as sent to proxies) carry the authority.
  let target = url;
  if (!target.startsWith('/')) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
    target = scheme ? target.slice(scheme[0].length) || '/' : target;
  }
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  // Node lower-cases names already; repeated headers arrive joined with ', ' (set-cookie as an array).
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** A raw JSON error on a socket whose request Node's parser refused, then the socket is closed. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const code = error.code ?? '';
  const pending = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable || (pending && pending.headersSent)) {
    socket.destroy();
    return;
  }
  let status = 400;
  let reason = 'Bad Request';
  let type = 'SerializationException';
  let message = `Malformed HTTP request (${code || error.message}).`;
  if (code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    reason = 'Request Header Fields Too Large';
    type = 'RequestEntityTooLargeException';
    message = 'The request headers are too large.';
  } else if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    reason = 'Request Timeout';
    type = 'RequestTimeoutException';
    message = `The request did not arrive in time (headers within ${HEADERS_TIMEOUT_MS / 1000} s, the whole request within ${REQUEST_TIMEOUT_MS / 1000} s).`;
  } else if (code === 'HPE_INVALID_EOF_STATE') {
    message = 'The request ended before its body was complete.';
  }
  const response = errorResponse(status, type, message);
  const headers = Object.entries({ ...response.headers, 'content-length': String(response.body.byteLength), connection: 'close' });
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} ${reason}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`), response.body]));
  // Do not wait for a client that never reads: drop the socket shortly after.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
