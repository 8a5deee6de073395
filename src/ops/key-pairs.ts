/**
 * Key pairs from the provider, for CreateKey and GenerateDataKeyPair: one table from a key spec's
 * recipe to the provider call that makes it, and to the capability that call needs.
 * @module
 */
import { type Capability, type KeyPairDer, ML_DSA_CAPABILITY, SIGNING_CAPABILITY } from '../crypto/provider.js';
import type { KeyPairRecipe } from '../keystore/key-spec.js';
import type { OperationContext } from './context.js';

export function keyPairCapability(recipe: KeyPairRecipe): Capability {
  switch (recipe.kind) {
    case 'curve':
      return SIGNING_CAPABILITY[recipe.curve];
    case 'rsa':
      return 'rsa';
    case 'ml-dsa':
      return ML_DSA_CAPABILITY[recipe.level];
  }
}

/** A fresh pair: PKCS#8 private key and SPKI public key, as every provider encodes them. */
export function generateKeyPair(ctx: OperationContext, recipe: KeyPairRecipe): Promise<KeyPairDer> {
  switch (recipe.kind) {
    case 'curve':
      return ctx.provider.generateSigningKeyPair(recipe.curve);
    case 'rsa':
      return ctx.provider.generateRsaKeyPair(recipe.bits);
    case 'ml-dsa':
      return ctx.provider.generateMlDsaKeyPair(recipe.level);
  }
}
