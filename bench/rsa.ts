/**
 * RSA per provider: key generation time at 2048, 3072 and 4096 bits (median of a few runs), and
 * sign and verify ops/s for PSS_SHA_256 and PKCS1_SHA_256 at 2048 bits beside the raw primitive on a
 * pre-imported key (`node:crypto` sign/verify on a KeyObject for the node provider, `subtle.sign` /
 * `subtle.verify` on a CryptoKey for noble and WebCrypto, which both run RSA on WebCrypto), with
 * the ratio provider ÷ primitive per round (see harness.ts).
 *
 *   tsx bench/rsa.ts [--quick] [--providers noble,webcrypto,node]
 * @module
 */
import { constants, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { nobleProvider } from '../src/crypto/noble.js';
import type { CryptoProvider, RsaModulusBits, RsaSignaturePadding } from '../src/crypto/provider.js';
import { webCryptoProvider } from '../src/crypto/webcrypto.js';
import { nodeProvider } from '../src/node/index.js';
import { median, quantile, runPairs, side, type Pair } from './harness.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const providers: Record<string, () => CryptoProvider> = { noble: nobleProvider, webcrypto: () => webCryptoProvider(), node: nodeProvider };
const chosen = (argv.includes('--providers') ? argv[argv.indexOf('--providers') + 1]! : 'noble,webcrypto,node').split(',');
const RUNS: Readonly<Record<RsaModulusBits, number>> = quick ? { 2048: 3, 3072: 1, 4096: 1 } : { 2048: 7, 3072: 5, 4096: 3 };
const ALGORITHMS: readonly [string, RsaSignaturePadding][] = [
  ['PSS_SHA_256', 'PSS'],
  ['PKCS1_SHA_256', 'PKCS1-v1_5'],
];
const message = new Uint8Array(64).fill(3);
const subtle = globalThis.crypto.subtle;
const source = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

const nodeOptions = (key: KeyObject, padding: RsaSignaturePadding) =>
  padding === 'PSS' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { key, padding: constants.RSA_PKCS1_PADDING };
const webCryptoParams = (padding: RsaSignaturePadding) => (padding === 'PSS' ? { name: 'RSA-PSS', saltLength: 32 } : { name: 'RSASSA-PKCS1-v1_5' });

/** The raw primitive on a key imported once, for the same padding, hash and message. */
async function primitive(name: string, padding: RsaSignaturePadding, privateKey: Uint8Array, publicKey: Uint8Array, signature: Uint8Array) {
  if (name === 'node') {
    const privateObject = createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
    const publicObject = createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' });
    return {
      sign: async () => sign('sha256', message, nodeOptions(privateObject, padding)),
      verify: async () => verify('sha256', message, nodeOptions(publicObject, padding), signature),
    };
  }
  const algorithm = { name: padding === 'PSS' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const privateCryptoKey = await subtle.importKey('pkcs8', source(privateKey), algorithm, false, ['sign']);
  const publicCryptoKey = await subtle.importKey('spki', source(publicKey), algorithm, false, ['verify']);
  return {
    sign: () => subtle.sign(webCryptoParams(padding), privateCryptoKey, source(message)),
    verify: () => subtle.verify(webCryptoParams(padding), publicCryptoKey, source(signature), source(message)),
  };
}

const keygen: { name: string; bits: RsaModulusBits; ms: number[] }[] = [];
const pairs: Pair[] = [];
for (const name of chosen) {
  const provider = providers[name]!();
  let key2048: { privateKey: Uint8Array; publicKey: Uint8Array } | undefined;
  for (const bits of [2048, 3072, 4096] as const) {
    const ms: number[] = [];
    for (let i = 0; i < RUNS[bits]; i++) {
      process.stderr.write(`\r${name}: generating ${bits}-bit key ${i + 1}/${RUNS[bits]}   `);
      const start = performance.now();
      const pair = await provider.generateRsaKeyPair(bits);
      ms.push(performance.now() - start);
      key2048 ??= pair;
    }
    keygen.push({ name, bits, ms });
  }
  const { privateKey, publicKey } = key2048!;
  for (const [spec, padding] of ALGORITHMS) {
    const signature = await provider.rsaSign(padding, 'SHA-256', privateKey, { message });
    if (!(await provider.rsaVerify(padding, 'SHA-256', publicKey, { message }, signature))) throw new Error(`${name} ${spec}: own signature does not verify`);
    const raw = await primitive(name, padding, privateKey, publicKey, signature);
    pairs.push({ id: `${name} Sign ${spec}`, api: side(() => provider.rsaSign(padding, 'SHA-256', privateKey, { message })), bare: side(raw.sign), ratios: [] });
    pairs.push({
      id: `${name} Verify ${spec}`,
      api: side(() => provider.rsaVerify(padding, 'SHA-256', publicKey, { message }, signature)),
      bare: side(raw.verify),
      ratios: [],
    });
  }
}
process.stderr.write(`\rcalibrating ${pairs.length * 2} cases...                 `);
await runPairs(pairs, { sampleMs: quick ? 60 : 100, rounds: quick ? 5 : 11, warmupRounds: 1, onRound: (r, n) => process.stderr.write(r === n ? ' done\n' : '') });

console.log('RSA key generation, median ms (runs)');
console.log('provider     2048             3072             4096');
for (const name of chosen) {
  const cells = keygen.filter((k) => k.name === name).map((k) => `${median(k.ms).toFixed(0).padStart(6)} (${k.ms.length})`.padEnd(17));
  console.log(`${name.padEnd(12)} ${cells.join('')}`);
}
console.log('\nRSA 2048, 64-byte message      provider ops/s  primitive ops/s  ratio  IQR');
for (const p of pairs) {
  console.log(
    `${p.id.padEnd(30)} ${median(p.api.samples).toFixed(0).padStart(14)}  ${median(p.bare.samples).toFixed(0).padStart(15)}  ${median(p.ratios).toFixed(2)}×  ` +
      `${quantile(p.ratios, 0.25).toFixed(2)}–${quantile(p.ratios, 0.75).toFixed(2)}`,
  );
}
