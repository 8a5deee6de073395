/**
 * `pocket-kms/aws-sdk`: an in-process `requestHandler` for `@aws-sdk/client-kms`, so the real SDK
 * (and anything built on it, such as the AWS Encryption SDK) talks to a `Kms` without sockets:
 *
 * ```ts
 * import { KMSClient } from '@aws-sdk/client-kms';
 * import { Kms } from 'pocket-kms';
 * import { createRequestHandler } from 'pocket-kms/aws-sdk';
 *
 * const kms = new Kms();
 * const client = new KMSClient({
 *   region: 'us-east-1',
 *   credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'any' },
 *   requestHandler: createRequestHandler(kms),
 * });
 * ```
 *
 * The handler speaks the SDK's HTTP request/response shapes structurally, so pocket-kms needs no
 * `@smithy` dependency. The SDK still serializes, signs and parses every call, exactly as it does
 * against AWS.
 * @module
 */
import type { Kms } from '../kms.js';
import type { KmsPartition } from '../partition.js';
import { createProtocol } from '../protocol/index.js';
import type { ProtocolOptions } from '../protocol/types.js';

export type { Credential, ProtocolOptions } from '../protocol/types.js';

/** The part of the SDK's `HttpRequest` the handler reads. */
export interface SdkHttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[] | null | undefined>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** What the SDK expects back: a plain object is enough, no `HttpResponse` instance. */
export interface SdkHttpResponse {
  readonly response: {
    readonly statusCode: number;
    readonly reason?: string;
    readonly headers: Record<string, string>;
    readonly body: Uint8Array;
  };
}

export interface PocketRequestHandler {
  handle(request: SdkHttpRequest, options?: { readonly abortSignal?: { readonly aborted: boolean } }): Promise<SdkHttpResponse>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

const encoder = new TextEncoder();

/**
 * A request handler over `target` (a `Kms`, or a `KmsPartition` for several accounts and Regions).
 * The Region comes from the client's signing scope, the caller from its access key id through
 * `options.credentials` (unknown keys act as the account root).
 */
export function createRequestHandler(target: Kms | KmsPartition, options: ProtocolOptions = {}): PocketRequestHandler {
  const protocol = createProtocol(target, options);
  return {
    async handle(request, handleOptions) {
      if (handleOptions?.abortSignal?.aborted) {
        const error = new Error('Request aborted');
        error.name = 'AbortError';
        throw error;
      }
      const response = await protocol.handle({
        method: request.method,
        path: request.path,
        query: queryString(request.query),
        headers: lowerCaseHeaders(request.headers),
        body: await bodyBytes(request.body),
      });
      return { response: { statusCode: response.statusCode, headers: response.headers, body: response.body } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}

/** The SDK sends lower-case names; a middleware of the caller's might not. Copy only then. */
function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const names = Object.keys(headers);
  if (names.every((name) => name === name.toLowerCase())) return headers;
  const lowered: Record<string, string> = {};
  for (const name of names) lowered[name.toLowerCase()] = headers[name]!;
  return lowered;
}

/** The SDK has sent strings, `Uint8Array`s (3.1164) and streams as bodies over its versions. */
async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
  throw new TypeError(`unsupported request body of type ${typeof body}`);
}

/** SigV4 signs the canonical query string, so it is rebuilt from the SDK's parsed form. */
function queryString(query: SdkHttpRequest['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const v of typeof value === 'string' ? [value] : value) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(v)}`);
  }
  return parts.join('&');
}
