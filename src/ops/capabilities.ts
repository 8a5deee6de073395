/** Maps a provider's missing capability to the AWS-shaped error an operation reports. @module */
import { type Capability, requireCapabilities, UnsupportedCapabilityError } from '../crypto/provider.js';
import { UnsupportedOperationException } from '../errors.js';
import type { OperationContext } from './context.js';

/**
 * Runs a provider call that may turn out to lack a capability only once it sees its input
 * (WebCrypto cannot sign a precomputed digest), reporting that as the AWS-shaped error.
 */
export async function withProviderCapability<T>(purpose: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UnsupportedCapabilityError) throw new UnsupportedOperationException(`${error.message}, which ${purpose} needs.`);
    throw error;
  }
}

/** @throws {@link UnsupportedOperationException} naming the provider and the missing capability */
export function assertProviderCan(ctx: OperationContext, capabilities: readonly Capability[], purpose: string): void {
  try {
    requireCapabilities(ctx.provider, capabilities);
  } catch (error) {
    if (error instanceof UnsupportedCapabilityError) throw new UnsupportedOperationException(`${error.message}, which ${purpose} needs.`);
    throw error;
  }
}
