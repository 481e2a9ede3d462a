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

/** σ'(z); ReLU uses the subgradient 0 at the kink z = 0. @internal */
export function actDeriv(name: Activation, z: number): number {
  if (name === 'relu') return z > 0 ? 1 : 0;
  if (name === 'relu2') return z > 0 ? 2 * z : 0;
  return sigmoid(z);
}

/** out[i] = σ(z[i]) for i < n. @internal */
export function actInto(name: Activation, z: Float64Array, out: Float64Array, n: number): void {
  if (name === 'relu') for (let i = 0; i < n; i++) out[i] = Math.max(z[i], 0);
  else if (name === 'relu2')
    for (let i = 0; i < n; i++) {
      const v = z[i];
      out[i] = v > 0 ? v * v : 0;
    }
  else for (let i = 0; i < n; i++) out[i] = softplus(z[i]);
}

/** sup_z |σ'(z)| (∞ for the unbounded ReLU² derivative) and sup_z |σ''(z)| (∞ where σ' jumps). @internal */
export function activationConstants(name: Activation): { lipschitz: number; smoothness: number } {
  if (name === 'relu') return { lipschitz: 1, smoothness: Number.POSITIVE_INFINITY };
  if (name === 'relu2') return { lipschitz: Number.POSITIVE_INFINITY, smoothness: 2 };
  return { lipschitz: 1, smoothness: 0.25 };
}
