/** Every key spec, usage and algorithm through Kms on each provider in Node; Chromium runs the same matrix in test/browser/kms.browser.test.ts. */
import { detectWebCryptoEd25519, webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { nobleProvider } from '../../src/crypto/noble.js';
import { nodeProvider } from '../../src/node/node-provider.js';
import { keySpecMatrixSuite } from './provider-matrix.js';

const ed25519 = await detectWebCryptoEd25519();
keySpecMatrixSuite('noble', nobleProvider);
keySpecMatrixSuite('webcrypto', () => webCryptoProvider(undefined, { ed25519 }));
keySpecMatrixSuite('node', nodeProvider);
