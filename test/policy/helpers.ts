import { expect } from 'vitest';
import { parsePrincipal, type Principal } from '../../src/auth/principal.js';
import { KmsError } from '../../src/errors.js';
import { compilePolicy } from '../../src/policy/index.js';
import type { ConditionContext, PolicyKind, PolicyRequest, PolicyVerdict } from '../../src/policy/index.js';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
export const ALICE = `arn:aws:iam::${ACCOUNT}:user/Alice`;
export const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/ops/Admin`;
export const ADMIN_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice-session`;

export type Context = Readonly<Record<string, string | readonly string[]>>;

/** A context whose keys are matched case-insensitively, as the engine expects (it asks in lowercase). */
export function context(values: Context = {}): ConditionContext {
  const map = new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value] as const));
  return { get: (name) => map.get(name) };
}

export function principal(value: string): Principal {
  const parsed = parsePrincipal(value);
  if (!parsed) throw new Error(`test principal ${value} does not parse`);
  return parsed;
}

export interface RequestSpec {
  readonly caller?: string;
  readonly action?: string;
  readonly resource?: string;
  readonly context?: Context;
}

export const request = (spec: RequestSpec = {}): PolicyRequest => ({
  principal: principal(spec.caller ?? ALICE),
  action: spec.action ?? 'kms:Encrypt',
  resource: spec.resource ?? KEY_ARN,
  context: context(spec.context),
});

export type Statement = Record<string, unknown>;

/** A Version 2012-10-17 document of these statements. */
export const doc = (...statements: Statement[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** An Allow statement for everyone on every kms action, with `extra` members merged in. */
export const allowAll = (extra: Statement = {}): Statement => ({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', ...extra });

export function evaluate(document: string, spec: RequestSpec = {}, kind: PolicyKind = 'key'): PolicyVerdict {
  return compilePolicy(document, kind).evaluate(request(spec));
}

/** Runs `compile` and expects MalformedPolicyDocumentException whose message contains `fragment` (or matches it). */
export function expectMalformed(compile: () => unknown, fragment: string | RegExp): KmsError {
  return expectThrown(compile, 'MalformedPolicyDocumentException', fragment);
}

export function expectThrown(run: () => unknown, name: string, fragment?: string | RegExp): KmsError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${name}`).toBeInstanceOf(KmsError);
  const error = thrown as KmsError;
  expect(error.name).toBe(name);
  if (typeof fragment === 'string') expect(error.message).toContain(fragment);
  else if (fragment) expect(error.message).toMatch(fragment);
  return error;
}
