/** Request inputs the cases share. */
import type { EncryptionContext, MacAlgorithmSpec } from '../../../src/types.js';
import { MAC_MESSAGE, PLAINTEXT } from '../harness.js';

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
/** GenerateMac of MAC_MESSAGE; HMAC_SHA_256 fits the HMAC_256 key the MAC cases use. */
export const generateMac = (keyId = '$KEY_ARN', MacAlgorithm: MacAlgorithmSpec = 'HMAC_SHA_256') => ({ KeyId: keyId, Message: MAC_MESSAGE, MacAlgorithm });
/** VerifyMac of `$MAC`, the root's MAC of MAC_MESSAGE under the main key. */
export const verifyMac = (keyId = '$KEY_ARN', MacAlgorithm: MacAlgorithmSpec = 'HMAC_SHA_256') => ({
  KeyId: keyId,
  Message: MAC_MESSAGE,
  MacAlgorithm,
  Mac: '$MAC',
});
