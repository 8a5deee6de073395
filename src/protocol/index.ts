/**
 * The AWS JSON 1.1 protocol over one `Kms` partition: routing on `X-Amz-Target`, identity from
 * SigV4 credentials, AWS-shaped JSON errors. Both transports use it; neither knows an operation by
 * name, so every operation `Kms.dispatch` knows is served.
 * @module
 */
import { InvalidSignatureException, KmsError, SerializationException, UnknownOperationException } from '../errors.js';
import type { Kms } from '../kms.js';
import { KmsPartition } from '../partition.js';
import { makeCaller } from '../auth/caller.js';
import { accountRootArn } from '../auth/principal.js';
import { partitionOf } from '../keystore/identifiers.js';
import { SHAPES } from '../ops/shapes.js';
import { checkScope, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../options.js';
import { decodeBlobs, encodeResponse } from './json-codec.js';
import { errorResponse, jsonResponse } from './responses.js';
import { credentialScope, verifySigV4 } from './sigv4.js';
import type { Credential, ProtocolOptions, WireRequest, WireResponse } from './types.js';

export type { Credential, ProtocolOptions, WireRequest, WireResponse } from './types.js';
export { errorResponse, jsonResponse } from './responses.js';

/** 1 MiB: far above any valid KMS request (the largest, a 32 KB policy, is well under 200 KB as JSON). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const TARGET_PREFIX = 'TrentService.';
/** `kms.<region>.amazonaws.com`: the Region an in-process request names when nothing else does. */
const KMS_HOST = /^kms(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

export interface Protocol {
  /** Serves one request. Never rejects: every failure is an AWS-shaped JSON error response. */
  handle(request: WireRequest): Promise<WireResponse>;
  /** The 413 answer for a body over {@link maxBodyBytes}, for a transport that stops reading early. */
  tooLarge(): WireResponse;
  readonly maxBodyBytes: number;
  readonly partition: KmsPartition;
}

interface Identity {
  readonly principal: string;
  readonly accountId: string;
  readonly secretAccessKey?: string;
}

/**
 * @throws {TypeError} / {RangeError} for options that could never work (a credential whose
 * principal is not a principal, a default account or Region AWS could not have)
 */
export function createProtocol(target: Kms | KmsPartition, options: ProtocolOptions = {}): Protocol {
  const partition = target instanceof KmsPartition ? target : target.partition;
  const accountId = options.accountId ?? (target instanceof KmsPartition ? DEFAULT_ACCOUNT_ID : target.accountId);
  const region = options.region ?? (target instanceof KmsPartition ? DEFAULT_REGION : target.region);
  checkScope(accountId, region);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new RangeError(`maxBodyBytes must be a positive integer, got ${maxBodyBytes}`);
  const root: Identity = { principal: accountRootArn(partitionOf(region), accountId), accountId };
  const identities = identitiesOf(options.credentials ?? {}, partitionOf(region), root);
  const strict = options.strict === true;

  async function serve(request: WireRequest): Promise<WireResponse> {
    if (request.method !== 'POST') throw new UnknownOperationException(`KMS accepts only POST requests, not ${request.method}.`);
    if (request.body.length > maxBodyBytes) return tooLarge();
    const authorization = request.headers['authorization'];
    const scope = strict
      ? verifySigV4(request, (key) => identities.get(key)?.secretAccessKey, new Date())
      : credentialScope(authorization);
    const identity = (scope && identities.get(scope.accessKeyId)) ?? root;
    const callRegion = scope?.region ?? KMS_HOST.exec(request.headers['host'] ?? '')?.[1] ?? region;
    const operation = operationOf(request.headers['x-amz-target']);
    const input = parseBody(request.body);
    if (Object.hasOwn(SHAPES, operation) && typeof input === 'object' && input !== null && !Array.isArray(input)) {
      decodeBlobs(input as Record<string, unknown>, SHAPES[operation as keyof typeof SHAPES]);
    }
    const kms = handleFor(identity, callRegion, request);
    return jsonResponse(encodeResponse(await kms.dispatch(operation, input)));
  }

  function handleFor(identity: Identity, callRegion: string, request: WireRequest): Kms {
    let kms: Kms;
    try {
      kms = partition.kms({ accountId: identity.accountId, region: callRegion });
    } catch {
      throw new InvalidSignatureException(`Credential should be scoped to a valid region, not '${callRegion}'.`);
    }
    const context = {
      ...(request.sourceIp !== undefined && { sourceIp: request.sourceIp }),
      ...(request.secureTransport !== undefined && { secureTransport: request.secureTransport }),
    };
    // The account root with nothing to add to the request context is the partition's own handle.
    if (identity.principal === root.principal && context.sourceIp === undefined && context.secureTransport === undefined) return kms;
    return kms.as(identity.principal, context);
  }

  function tooLarge(): WireResponse {
    return errorResponse(413, 'RequestEntityTooLargeException', `The request body exceeds the limit of ${maxBodyBytes} bytes.`);
  }

  return Object.freeze({
    maxBodyBytes,
    partition,
    tooLarge,
    async handle(request: WireRequest): Promise<WireResponse> {
      try {
        return await serve(request);
      } catch (error) {
        if (error instanceof KmsError) return errorResponse(error.httpStatusCode, error.name, error.message);
        // A bug of ours, not the caller's: AWS's internal-error shape, which SDKs retry.
        return errorResponse(500, 'KMSInternalException', 'The request failed because of an internal error.');
      }
    },
  });
}

/** Access key → identity; a key without a principal is the default account's root, as unknown keys are. */
function identitiesOf(credentials: Readonly<Record<string, Credential>>, defaultPartition: string, root: Identity): Map<string, Identity> {
  const identities = new Map<string, Identity>();
  for (const [accessKeyId, credential] of Object.entries(credentials)) {
    const secret = credential.secretAccessKey === undefined ? {} : { secretAccessKey: credential.secretAccessKey };
    if (credential.principal === undefined) {
      identities.set(accessKeyId, { ...root, ...secret });
      continue;
    }
    const caller = makeCaller(credential.principal, defaultPartition);
    if (caller.accountId === undefined) throw new TypeError(`credential ${accessKeyId}: a service principal cannot sign requests`);
    identities.set(accessKeyId, { principal: caller.principal.arn, accountId: caller.accountId, ...secret });
  }
  return identities;
}

/** @throws {@link UnknownOperationException} for a missing or foreign target */
function operationOf(target: string | undefined): string {
  if (target === undefined || !target.startsWith(TARGET_PREFIX)) {
    throw new UnknownOperationException(target === undefined ? 'Missing X-Amz-Target header.' : `Unknown operation target ${target}.`);
  }
  return target.slice(TARGET_PREFIX.length);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** An empty body is an empty request, as the SDKs send for operations without members. */
function parseBody(body: Uint8Array): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(decoder.decode(body));
  } catch {
    throw new SerializationException('The request body is not valid JSON.');
  }
}
