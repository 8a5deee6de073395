/**
 * How `KmsPartition` and `Kms.as` make handles over existing state without a public constructor
 * argument for it: a `Kms` constructed with a `Binding` adopts the bound context instead of
 * creating a world of its own. Not exported from the package.
 * @module
 */
import type { OperationContext } from '../ops/context.js';
import type { World } from '../world.js';

export class Binding {
  constructor(
    readonly world: World,
    readonly ctx: OperationContext,
  ) {}
}
