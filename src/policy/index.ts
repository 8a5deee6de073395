/**
 * The IAM policy language as KMS key policies and IAM identity policies use it: compile a document
 * once, then evaluate requests against it.
 * @module
 */
export { compilePolicy, type CompileOptions } from './compile.js';
export { MAX_KEY_POLICY_BYTES } from './document.js';
export type { CompiledPolicy, ConditionContext, PolicyKind, PolicyRequest, PolicyVerdict } from './types.js';
