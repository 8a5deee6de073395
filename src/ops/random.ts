/** GenerateRandom. @module */
import { authorizeIam } from '../auth/authorize.js';
import { ValidationException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import type { GenerateRandomRequest, GenerateRandomResponse } from '../types.js';
import type { OperationContext } from './context.js';
import { rejectCustomKeyStore, rejectRecipient } from './refusals.js';
import { SHAPES } from './shapes.js';

export async function generateRandom(ctx: OperationContext, input: GenerateRandomRequest | undefined): Promise<GenerateRandomResponse> {
  const request = validateRequest<GenerateRandomRequest>(input, SHAPES.GenerateRandom);
  authorizeIam(ctx, 'GenerateRandom', '*');
  // Optional in the model, but the service refuses a request without it (recorded wording).
  if (request.NumberOfBytes === undefined) throw new ValidationException('NumberOfBytes is required.');
  rejectCustomKeyStore(request.CustomKeyStoreId);
  rejectRecipient(request.Recipient);
  return { Plaintext: ctx.random.take(request.NumberOfBytes) };
}
