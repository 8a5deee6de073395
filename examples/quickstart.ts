/**
 * Envelope encryption with pocket-kms, the way AWS recommends it with the real KMS:
 * KMS generates a data key; the data is encrypted locally under the data key; only the
 * encrypted data key is stored beside the data. Run it with `npm run demo`.
 *
 * In your own code, import from 'pocket-kms' instead of '../src/index.js'.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { Kms, KmsError } from '../src/index.js';

const text = new TextEncoder();
const kms = new Kms(); // account 111122223333 in us-east-1, keys in memory

// 1. A KMS key, named by an alias.
const { KeyMetadata } = await kms.createKey({ Description: 'quickstart key' });
await kms.createAlias({ AliasName: 'alias/quickstart', TargetKeyId: KeyMetadata!.KeyId });
console.log(`created ${KeyMetadata!.Arn} as alias/quickstart`);

// 2. A data key for one record, bound to the record's encryption context.
const context = { table: 'patients', recordId: '42' };
const dataKey = await kms.generateDataKey({ KeyId: 'alias/quickstart', KeySpec: 'AES_256', EncryptionContext: context });
console.log(`data key: ${dataKey.Plaintext!.length} bytes, encrypted copy: ${dataKey.CiphertextBlob!.length} bytes`);

// 3. Encrypt the record locally, then forget the plaintext data key.
const record = text.encode(JSON.stringify({ name: 'Ada', diagnosis: 'curious' }));
const nonce = crypto.getRandomValues(new Uint8Array(12));
const sealed = gcm(dataKey.Plaintext!, nonce).encrypt(record);
dataKey.Plaintext!.fill(0);
const stored = { encryptedDataKey: dataKey.CiphertextBlob!, nonce, sealed };
console.log(`stored ${sealed.length} encrypted bytes with the encrypted data key`);

// 4. Later: ask KMS to decrypt the data key (no KeyId needed), then decrypt the record.
const { Plaintext: key, KeyId } = await kms.decrypt({ CiphertextBlob: stored.encryptedDataKey, EncryptionContext: context });
const opened = gcm(key!, stored.nonce).decrypt(stored.sealed);
key!.fill(0);
console.log(`decrypted with ${KeyId}: ${new TextDecoder().decode(opened)}`);

// 5. The encryption context is bound: the data key will not decrypt under another record's context.
try {
  await kms.decrypt({ CiphertextBlob: stored.encryptedDataKey, EncryptionContext: { ...context, recordId: '43' } });
  throw new Error('unreachable: a wrong context must not decrypt');
} catch (error) {
  if (!(error instanceof KmsError)) throw error;
  console.log(`wrong context refused with ${error.name}, as AWS KMS does`);
}
