/**
 * Sign and Verify through `Kms` against the provider's own sign/verify on the same key, in one
 * process (issue #5's target: ≥ 0.85× for ECDSA P-256 and Ed25519).
 *
 *   tsx bench/signing.ts [--quick] [--providers noble,node]
 * @module
 */
import type { CryptoProvider, SigningCurve } from '../src/crypto/provider.js';
import { nobleProvider } from '../src/crypto/noble.js';
import { unsafeMaterialBytes } from '../src/keystore/key-material.js';
import { currentMaterial } from '../src/keystore/key-record.js';
import { InMemoryStateStore } from '../src/keystore/state-store.js';
import { Kms } from '../src/kms.js';
import { nodeProvider } from '../src/node/index.js';
import type { KeySpec, SigningAlgorithmSpec } from '../src/types.js';
import { median, quantile, runPairs, side, type Pair } from './harness.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const providers: Record<string, () => CryptoProvider> = { noble: nobleProvider, node: nodeProvider };
const chosen = (argv.includes('--providers') ? argv[argv.indexOf('--providers') + 1]! : 'noble,node').split(',');
const SPECS: readonly [KeySpec, SigningAlgorithmSpec, SigningCurve, 'SHA-256' | 'SHA-384' | 'SHA-512', number][] = [
  ['ECC_NIST_P256', 'ECDSA_SHA_256', 'P-256', 'SHA-256', 0.85],
  ['ECC_NIST_P384', 'ECDSA_SHA_384', 'P-384', 'SHA-384', 0],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'secp256k1', 'SHA-256', 0],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512', 'Ed25519', 'SHA-512', 0.85],
];
const message = new Uint8Array(64).fill(3);

const pairs: (Pair & { target: number })[] = [];
for (const name of chosen) {
  const provider = providers[name]!();
  const store = new InMemoryStateStore();
  const kms = new Kms({ provider, store });
  for (const [spec, algorithm, curve, hash, target] of SPECS) {
    const keyId = (await kms.createKey({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' })).KeyMetadata!.KeyId!;
    const record = store.getKey(keyId)!;
    const privateKey = unsafeMaterialBytes(currentMaterial(record));
    const signature = (await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm })).Signature!;
    pairs.push({
      id: `${name} Sign ${spec}`,
      target,
      api: side(() => kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm })),
      bare: side(() => provider.sign(curve, hash, privateKey, { message })),
      ratios: [],
    });
    pairs.push({
      id: `${name} Verify ${spec}`,
      target,
      api: side(() => kms.verify({ KeyId: keyId, Message: message, Signature: signature, SigningAlgorithm: algorithm })),
      bare: side(() => provider.verify(curve, hash, record.publicKey!, { message }, signature)),
      ratios: [],
    });
  }
}
process.stderr.write(`calibrating ${pairs.length * 2} cases...`);
await runPairs(pairs, { sampleMs: quick ? 60 : 100, rounds: quick ? 7 : 15, warmupRounds: 1, onRound: (r, n) => process.stderr.write(r === n ? ' done\n' : '') });
console.log('case                                    API ops/s  primitive ops/s  ratio  IQR         target');
for (const p of pairs) {
  const ratio = median(p.ratios);
  const verdict = p.target ? `≥ ${p.target.toFixed(2)}× ${ratio >= p.target ? 'pass' : 'MISS'}` : '–';
  console.log(
    `${p.id.padEnd(38)} ${median(p.api.samples).toFixed(0).padStart(10)}  ${median(p.bare.samples).toFixed(0).padStart(15)}  ${ratio.toFixed(2)}×  ` +
      `${quantile(p.ratios, 0.25).toFixed(2)}–${quantile(p.ratios, 0.75).toFixed(2)}   ${verdict}`,
  );
}
