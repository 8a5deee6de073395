/**
 * `pocket-kms/node`: what only runs in Node.
 * @module
 */
export { nodeProvider } from './node-provider.js';
export type { Capability, CryptoProvider } from '../crypto/provider.js';
