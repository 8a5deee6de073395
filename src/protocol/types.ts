/**
 * The AWS JSON 1.1 protocol, independent of any transport: a request as bytes and headers in, a
 * response as bytes and headers out. The in-process SDK handler (`pocket-kms/aws-sdk`) and the
 * loopback HTTP server (`pocket-kms/node`) both go through it, and through it through
 * `Kms.dispatch`, so every operation is served the same way by both.
 * @module
 */

export interface WireRequest {
  readonly method: string;
  /** The path without the query string, e.g. `/`. */
  readonly path: string;
  /** The raw query string without `?` (usually empty). */
  readonly query?: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
  /** `aws:SourceIp`: the peer address, when the transport knows it. */
  readonly sourceIp?: string;
  /** `aws:SecureTransport`. The loopback server speaks plain HTTP, but stands in for HTTPS AWS. */
  readonly secureTransport?: boolean;
}

export interface WireResponse {
  readonly statusCode: number;
  /** Header names in lower case. */
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

/** Who signs with an access key id. */
export interface Credential {
  /** The principal the key acts as. Default: the root of the default account. */
  readonly principal?: string;
  /** Needed only in strict mode, to verify SigV4 signatures. */
  readonly secretAccessKey?: string;
}

export interface ProtocolOptions {
  /** The account of unsigned requests and of access keys not in `credentials`. Default `111122223333` (or the target `Kms`'s). */
  readonly accountId?: string;
  /** The Region of unsigned requests. Default `us-east-1` (or the target `Kms`'s). */
  readonly region?: string;
  /** Access key id → principal (and secret, for strict mode). */
  readonly credentials?: Readonly<Record<string, Credential>>;
  /**
   * Verify SigV4 signatures against `credentials`: unknown keys, forged, malformed, missing or
   * expired signatures are refused with AWS's errors. Default false (any credentials work).
   */
  readonly strict?: boolean;
  /** The largest request body accepted; larger ones get a 413 JSON error. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}
