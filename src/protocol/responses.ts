/** AWS JSON 1.1 responses: what every one carries, and the error body SDKs parse. @module */
import type { WireResponse } from './types.js';

const encoder = new TextEncoder();

function headers(): Record<string, string> {
  return { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': crypto.randomUUID() };
}

export function jsonResponse(json: string): WireResponse {
  return { statusCode: 200, headers: headers(), body: encoder.encode(json) };
}

/**
 * `{"__type": …, "message": …}`: botocore reads the type only from the body, so it is always
 * there; `x-amzn-errortype` repeats it for clients that look at headers.
 */
export function errorResponse(statusCode: number, type: string, message: string): WireResponse {
  return {
    statusCode,
    headers: { ...headers(), 'x-amzn-errortype': type },
    body: encoder.encode(JSON.stringify({ __type: type, message })),
  };
}
