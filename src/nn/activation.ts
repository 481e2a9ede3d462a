/**
 * Pointwise activations of the two-layer model and their derivatives, applied in place over flat
 * buffers (no closures in inner loops).
 * @internal
 * @packageDocumentation
 */
import { sigmoid, softplus } from './loss.ts';

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

/** σ'(z); ReLU uses the subgradient 0 at the kink z = 0 (used by the certificates in `certify/`). @internal */
export function actDeriv(name: Activation, z: number): number {
  if (name === 'relu') return z > 0 ? 1 : 0;
  if (name === 'relu2') return z > 0 ? 2 * z : 0;
  return sigmoid(z);
}
