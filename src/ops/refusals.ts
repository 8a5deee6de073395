/** Refusals of features pocket-kms does not have, shared by the operations that accept them. @module */
import { CustomKeyStoreNotFoundException, UnsupportedOperationException } from '../errors.js';
import type { RecipientInfo } from '../types.js';

/** @throws {@link UnsupportedOperationException} when a Nitro Enclaves `Recipient` is given */
export function rejectRecipient(recipient: RecipientInfo | undefined): void {
  if (recipient !== undefined) {
    throw new UnsupportedOperationException('pocket-kms does not support Recipient (AWS Nitro Enclaves attestation documents).');
  }
}

/** pocket-kms has no custom key stores, so any id names a store that does not exist. */
export function rejectCustomKeyStore(customKeyStoreId: string | undefined): void {
  if (customKeyStoreId !== undefined) {
    throw new CustomKeyStoreNotFoundException(`Custom key store ${customKeyStoreId} does not exist.`);
  }
}
