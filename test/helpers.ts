import { expect } from 'vitest';
import { KmsError } from '../src/errors.js';
import { Kms } from '../src/kms.js';
import type { KmsOptions } from '../src/options.js';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return {
    clock: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export async function newKmsWithKey(options: KmsOptions = {}) {
  const kms = new Kms(options);
  const { KeyMetadata } = await kms.createKey({ Description: 'test key' });
  return { kms, keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

/** Asserts that `promise` rejects with the AWS exception `name` (and `message`, when given). */
export async function expectAwsError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<KmsError> {
  const error = await promise.then(
    () => expect.fail(`expected ${name}, but the call succeeded`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KmsError);
  expect((error as KmsError).name).toBe(name);
  if (typeof message === 'string') expect((error as KmsError).message).toBe(message);
  else if (message) expect((error as KmsError).message).toMatch(message);
  return error as KmsError;
}
