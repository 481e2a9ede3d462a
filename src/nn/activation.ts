/**
 * Pointwise activations of the two-layer model and their derivatives, applied in place over flat
 * buffers (no closures in inner loops).
 * @internal
 * @packageDocumentation
 */
import { softplus } from './loss.ts';

/** Names of the two-layer net's activations: ReLU, quadratic ReLU max(0,z)², softplus log(1+eᶻ). */
export type Activation = 'relu' | 'relu2' | 'softplus';

/** The allowed activation names, for validation. @internal */
export const ACTIVATIONS: readonly Activation[] = ['relu', 'relu2', 'softplus'];

/** σ(z). @internal */
export function act(name: Activation, z: number): number {
  if (name === 'relu') return Math.max(z, 0);
  if (name === 'relu2') return z > 0 ? z * z : 0;
  return softplus(z);
}
