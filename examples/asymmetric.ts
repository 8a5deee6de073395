/**
 * Asymmetric keys, checked from outside: an RSA key whose public half encrypts anywhere and whose
 * private half never leaves KMS, an ECDSA signature verified by node:crypto, an ECDH shared secret
 * both sides agree on, and a data key pair for local signing. Run it with
 * `npx tsx examples/asymmetric.ts`.
 *
 * In your own code, import from 'pocket-kms' instead of '../src/index.js'.
 */
import { constants, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, publicEncrypt, sign, verify } from 'node:crypto';
import { Kms } from '../src/index.js';

const kms = new Kms();
const text = new TextEncoder();
const spki = (der: Uint8Array) => createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });

// 1. RSA: anyone with the public key encrypts offline; only KMS decrypts.
const rsa = (await kms.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })).KeyMetadata!;
const rsaPublic = spki((await kms.getPublicKey({ KeyId: rsa.KeyId! })).PublicKey!);
const sealed = publicEncrypt({ key: rsaPublic, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from('for KMS eyes only'));
const opened = await kms.decrypt({ KeyId: rsa.KeyId!, CiphertextBlob: sealed, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
console.log(`RSA-OAEP made by node:crypto, decrypted by KMS: ${new TextDecoder().decode(opened.Plaintext)}`);

// 2. ECDSA: KMS signs, node:crypto verifies the DER signature with the public key.
const signer = (await kms.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).KeyMetadata!;
const message = text.encode('release v1.2.3');
const { Signature } = await kms.sign({ KeyId: signer.KeyId!, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' });
const signerPublic = spki((await kms.getPublicKey({ KeyId: signer.KeyId! })).PublicKey!);
console.log(`ECDSA signature verified by node:crypto: ${verify('sha256', message, { key: signerPublic, dsaEncoding: 'der' }, Signature!)}`);

// 3. ECDH: KMS and a peer derive the same secret, each from its own private key.
const agreement = (await kms.createKey({ KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT' })).KeyMetadata!;
const peer = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const { SharedSecret } = await kms.deriveSharedSecret({
  KeyId: agreement.KeyId!,
  KeyAgreementAlgorithm: 'ECDH',
  PublicKey: peer.publicKey.export({ type: 'spki', format: 'der' }),
});
const peerSecret = diffieHellman({ privateKey: peer.privateKey, publicKey: spki((await kms.getPublicKey({ KeyId: agreement.KeyId! })).PublicKey!) });
console.log(`ECDH secrets agree: ${Buffer.from(SharedSecret!).equals(peerSecret)}`);

// 4. A data key pair: sign locally now, keep only the encrypted private key for later.
const wrapping = (await kms.createKey({ Description: 'wraps data key pairs' })).KeyMetadata!;
const pair = await kms.generateDataKeyPair({ KeyId: wrapping.KeyId!, KeyPairSpec: 'ECC_NIST_EDWARDS25519', EncryptionContext: { app: 'example' } });
const local = sign(null, message, createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' }));
pair.PrivateKeyPlaintext!.fill(0);
const later = await kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob!, EncryptionContext: { app: 'example' } });
const again = sign(null, message, createPrivateKey({ key: Buffer.from(later.Plaintext!), format: 'der', type: 'pkcs8' }));
console.log(`data key pair: the decrypted private key signs as before: ${local.equals(again)}; verified: ${verify(null, message, spki(pair.PublicKey!), again)}`);
