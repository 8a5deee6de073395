/**
 * Sign and Verify through `Kms`, for every signing key spec, against the provider's own sign/verify
 * on the same key, in one process (issue #5's target: ≥ 0.85× for ECDSA P-256 and Ed25519).
 *
 * Then the provider primitives without `Kms` against the raw library call they wrap, on inputs
 * prepared once: Ed25519ph and ML-DSA-44/65/87 sign and verify on the noble provider against
 * `@noble/curves` and `@noble/post-quantum` (with the secret key already expanded from its seed), and
 * ECDH on P-256/384/521 per provider against noble's `getSharedSecret`, `node:crypto`'s
 * `diffieHellman` on an imported private key, or WebCrypto's `deriveBits` on an imported private key.
 * The peer's key arrives as fresh bytes in every ECDH call, as in DeriveSharedSecret, so each side
 * parses (and the platform sides import) it every time.
 *
 *   tsx bench/signing.ts [--quick] [--providers noble,node,webcrypto]
 * @module
 */
import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { decodeEcPkcs8, decodeEcSpki, decodeEd25519Pkcs8, decodeEd25519Spki } from '../src/crypto/der.js';
import { decodeMlDsaPkcs8, decodeMlDsaSpki } from '../src/crypto/ml-dsa-der.js';
import { type CryptoProvider, type EcdhCurve, type MlDsaLevel, type SigningCurve } from '../src/crypto/provider.js';
import { nobleProvider } from '../src/crypto/noble.js';
import { detectWebCryptoEd25519, webCryptoProvider } from '../src/crypto/webcrypto.js';
import { unsafeMaterialBytes } from '../src/keystore/key-material.js';
import { KEY_SPEC_REGISTRY, type SigningScheme } from '../src/keystore/key-spec.js';
import { currentMaterial } from '../src/keystore/key-record.js';
import { InMemoryStateStore } from '../src/keystore/state-store.js';
import { Kms } from '../src/kms.js';
import { nodeProvider } from '../src/node/index.js';
import type { KeySpec, MessageType, SigningAlgorithmSpec } from '../src/types.js';
import { median, quantile, runPairs, side, type Pair } from './harness.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const webCryptoEd25519 = await detectWebCryptoEd25519();
const providers: Record<string, () => CryptoProvider> = {
  noble: nobleProvider,
  node: nodeProvider,
  webcrypto: () => webCryptoProvider(undefined, { ed25519: webCryptoEd25519 }),
};
const chosen = (argv.includes('--providers') ? argv[argv.indexOf('--providers') + 1]! : 'noble,node,webcrypto').split(',');
/** Every signing key spec, each with one of its algorithms; targets from issue #5 (0 = report only). */
const SPECS: readonly [KeySpec, SigningAlgorithmSpec, MessageType, number][] = [
  ['ECC_NIST_P256', 'ECDSA_SHA_256', 'RAW', 0.85],
  ['ECC_NIST_P384', 'ECDSA_SHA_384', 'RAW', 0],
  ['ECC_NIST_P521', 'ECDSA_SHA_512', 'RAW', 0],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'RAW', 0],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512', 'RAW', 0.85],
  ['ECC_NIST_EDWARDS25519', 'ED25519_PH_SHA_512', 'DIGEST', 0],
  ['RSA_2048', 'RSASSA_PSS_SHA_256', 'RAW', 0],
  ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256', 'RAW', 0],
  ['ML_DSA_44', 'ML_DSA_SHAKE_256', 'RAW', 0],
  ['ML_DSA_65', 'ML_DSA_SHAKE_256', 'RAW', 0],
  ['ML_DSA_87', 'ML_DSA_SHAKE_256', 'RAW', 0],
];
const message = new Uint8Array(64).fill(3);

/** The provider's own call for a signing scheme, as Sign makes it (Ed25519ph's DIGEST is its message). */
function primitiveSign(provider: CryptoProvider, scheme: SigningScheme, key: Uint8Array): Promise<Uint8Array> {
  if (scheme.kind === 'curve') return provider.sign(scheme.curve, scheme.hash, key, { message });
  if (scheme.kind === 'rsa') return provider.rsaSign(scheme.padding, scheme.hash, key, { message });
  return provider.mlDsaSign(scheme.level, key, { message });
}

function primitiveVerify(provider: CryptoProvider, scheme: SigningScheme, key: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (scheme.kind === 'curve') return provider.verify(scheme.curve, scheme.hash, key, { message }, signature);
  if (scheme.kind === 'rsa') return provider.rsaVerify(scheme.padding, scheme.hash, key, { message }, signature);
  return provider.mlDsaVerify(scheme.level, key, { message }, signature);
}

const pairs: (Pair & { target: number })[] = [];
for (const name of chosen) {
  const provider = providers[name]!();
  const store = new InMemoryStateStore();
  const kms = new Kms({ provider, store });
  const keys = new Map<KeySpec, string>();
  for (const [spec, algorithm, MessageType, target] of SPECS) {
    const { scheme, capability } = KEY_SPEC_REGISTRY[spec]!.signing!.algorithms.find((a) => a.algorithm === algorithm)!;
    if (!provider.capabilities.has(capability)) continue;
    const keyId = keys.get(spec) ?? (await kms.createKey({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' })).KeyMetadata!.KeyId!;
    keys.set(spec, keyId);
    const record = store.getKey(keyId)!;
    const privateKey = unsafeMaterialBytes(currentMaterial(record));
    const request = { KeyId: keyId, Message: message, MessageType, SigningAlgorithm: algorithm };
    const signature = (await kms.sign(request)).Signature!;
    const label = spec === 'ECC_NIST_EDWARDS25519' || spec.startsWith('RSA') ? `${spec} ${algorithm}` : spec;
    pairs.push({
      id: `${name} Sign ${label}`,
      target,
      api: side(() => kms.sign(request)),
      bare: side(() => primitiveSign(provider, scheme, privateKey)),
      ratios: [],
    });
    pairs.push({
      id: `${name} Verify ${label}`,
      target,
      api: side(() => kms.verify({ ...request, Signature: signature })),
      bare: side(() => primitiveVerify(provider, scheme, record.publicKey!, signature)),
      ratios: [],
    });
  }
}

/** Provider primitives (the `api` side here) against the raw library call (`bare`). */
const primitivePairs: (Pair & { target: number })[] = [];
const primitivePair = (id: string, api: () => Promise<unknown>, bare: () => unknown) =>
  primitivePairs.push({ id, target: 0, api: side(api), bare: side(async () => bare()), ratios: [] });

if (chosen.includes('noble')) {
  const noble = nobleProvider();
  const { privateKey, publicKey } = await noble.generateSigningKeyPair('Ed25519ph');
  const [seed, rawPublicKey] = [decodeEd25519Pkcs8(privateKey), decodeEd25519Spki(publicKey)];
  const signature = await noble.sign('Ed25519ph', 'SHA-512', privateKey, { message });
  primitivePair('noble Ed25519ph sign', () => noble.sign('Ed25519ph', 'SHA-512', privateKey, { message }), () => ed25519ph.sign(message, seed));
  primitivePair(
    'noble Ed25519ph verify',
    () => noble.verify('Ed25519ph', 'SHA-512', publicKey, { message }, signature),
    () => ed25519ph.verify(signature, message, rawPublicKey, { zip215: false }),
  );

  const ML_DSA: readonly [MlDsaLevel, typeof ml_dsa44][] = [
    ['ML-DSA-44', ml_dsa44],
    ['ML-DSA-65', ml_dsa65],
    ['ML-DSA-87', ml_dsa87],
  ];
  for (const [level, dsa] of ML_DSA) {
    const pair = await noble.generateMlDsaKeyPair(level);
    const secretKey = dsa.keygen(decodeMlDsaPkcs8(level, pair.privateKey)).secretKey;
    const rawKey = decodeMlDsaSpki(level, pair.publicKey);
    const mlDsaSignature = await noble.mlDsaSign(level, pair.privateKey, { message });
    primitivePair(`noble ${level} sign`, () => noble.mlDsaSign(level, pair.privateKey, { message }), () => dsa.sign(message, secretKey));
    primitivePair(
      `noble ${level} verify`,
      () => noble.mlDsaVerify(level, pair.publicKey, { message }, mlDsaSignature),
      () => dsa.verify(mlDsaSignature, message, rawKey),
    );
  }
}

const ECDH_CURVES: readonly [EcdhCurve, typeof p256, number][] = [
  ['P-256', p256, 256],
  ['P-384', p384, 384],
  ['P-521', p521, 528],
];
const subtle = globalThis.crypto.subtle;
const source = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;
for (const name of chosen) {
  const provider = providers[name]!();
  for (const [curve, nobleCurve, bits] of ECDH_CURVES) {
    const [own, peer] = await Promise.all([provider.generateSigningKeyPair(curve), provider.generateSigningKeyPair(curve)]);
    let bare: () => unknown;
    if (name === 'node') {
      const privateKey = createPrivateKey({ key: Buffer.from(own.privateKey), format: 'der', type: 'pkcs8' });
      bare = () => diffieHellman({ privateKey, publicKey: createPublicKey({ key: Buffer.from(peer.publicKey.slice()), format: 'der', type: 'spki' }) });
    } else if (name === 'webcrypto') {
      const algorithm = { name: 'ECDH', namedCurve: curve };
      const privateKey = await subtle.importKey('pkcs8', source(own.privateKey), algorithm, false, ['deriveBits']);
      bare = async () => subtle.deriveBits({ name: 'ECDH', public: await subtle.importKey('spki', source(peer.publicKey.slice()), algorithm, false, []) }, privateKey, bits);
    } else {
      const d = decodeEcPkcs8(curve, own.privateKey);
      bare = () => nobleCurve.getSharedSecret(d, decodeEcSpki(curve, peer.publicKey.slice()));
    }
    primitivePair(`${name} ECDH ${curve}`, () => provider.ecdh(curve, own.privateKey, peer.publicKey.slice()), bare);
  }
}

process.stderr.write(`calibrating ${(pairs.length + primitivePairs.length) * 2} cases...`);
await runPairs([...pairs, ...primitivePairs], {
  sampleMs: quick ? 60 : 100,
  rounds: quick ? 7 : 15,
  warmupRounds: 1,
  onRound: (r, n) => process.stderr.write(r === n ? ' done\n' : ''),
});
const table = (api: string, bare: string, rows: readonly (Pair & { target: number })[]) => {
  console.log(`${'case'.padEnd(58)} ${api.padStart(10)}  ${bare.padStart(15)}  ratio  IQR         target`);
  for (const p of rows) {
    const ratio = median(p.ratios);
    const verdict = p.target ? `≥ ${p.target.toFixed(2)}× ${ratio >= p.target ? 'pass' : 'MISS'}` : '–';
    console.log(
      `${p.id.padEnd(58)} ${median(p.api.samples).toFixed(0).padStart(10)}  ${median(p.bare.samples).toFixed(0).padStart(15)}  ${ratio.toFixed(2)}×  ` +
        `${quantile(p.ratios, 0.25).toFixed(2)}–${quantile(p.ratios, 0.75).toFixed(2)}   ${verdict}`,
    );
  }
};
table('API ops/s', 'primitive ops/s', pairs);
console.log();
table('ops/s', 'raw call ops/s', primitivePairs);
