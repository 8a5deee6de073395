/**
 * `pocket-kms/node`: what only runs in Node.
 * @module
 */
export { nodeProvider } from './node-provider.js';
export type { Capability, CryptoProvider } from '../crypto/provider.js';
export { startServer, DEFAULT_HOST, DEFAULT_PORT, RESET_PATH, type RunningServer, type ServerOptions } from './server.js';
export type { Credential, ProtocolOptions } from '../protocol/types.js';
