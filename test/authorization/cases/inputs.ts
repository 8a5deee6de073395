/** Request inputs the cases share. */
import type { EncryptionContext } from '../../../src/types.js';
import { PLAINTEXT } from '../harness.js';

export const encrypt = (context?: EncryptionContext, keyId = '$KEY_ARN') => ({
  KeyId: keyId,
  Plaintext: PLAINTEXT,
  ...(context && { EncryptionContext: context }),
});
export const decrypt = (context?: EncryptionContext) => ({ CiphertextBlob: '$BLOB', ...(context && { EncryptionContext: context }) });
export const generateDataKey = (context?: EncryptionContext, keyId = '$KEY_ARN') => ({
  KeyId: keyId,
  KeySpec: 'AES_256',
  ...(context && { EncryptionContext: context }),
});
export const describe = (keyId = '$KEY_ARN') => ({ KeyId: keyId });
export const keyOnly = (keyId = '$KEY_ID') => ({ KeyId: keyId });
export const reEncryptTo = (destination = '$KEY2_ARN') => ({ CiphertextBlob: '$BLOB', DestinationKeyId: destination });
