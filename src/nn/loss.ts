/**
 * Pointwise losses ℓ(ŷ, y) used by training, attacks and robust-loss estimates.
 * @packageDocumentation
 */
import { checkOneOf } from '../internal/assert.ts';

/** Names of the supported losses. */
export type LossName = 'square' | 'logistic' | 'hinge';

/** A pointwise loss: its value and its (sub)derivative in the prediction ŷ. */
export interface Loss {
  readonly name: LossName;
  /** ℓ(ŷ, y) ≥ 0. */
  value(yhat: number, y: number): number;
  /** ∂ℓ/∂ŷ (a subgradient at kinks). */
  derivative(yhat: number, y: number): number;
}

/** log(1 + e^z) without overflow or loss of precision for large |z|. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** 1 / (1 + e^{−z}) without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

const LOSSES: Readonly<Record<LossName, Loss>> = {
  square: {
    name: 'square',
    value: (p, y) => (p - y) * (p - y),
    derivative: (p, y) => 2 * (p - y),
  },
  logistic: {
    name: 'logistic',
    value: (p, y) => softplus(-y * p),
    derivative: (p, y) => -y * sigmoid(-y * p),
  },
  hinge: {
    name: 'hinge',
    value: (p, y) => Math.max(0, 1 - y * p),
    // Subgradient −y on the margin side, 0 at and beyond the kink.
    derivative: (p, y) => (1 - y * p > 0 ? -y : 0),
  },
};

/**
 * The pointwise loss called `name`.
 *
 * - `'square'`: ℓ = (ŷ − y)² (no ½ factor), ℓ' = 2(ŷ − y);
 * - `'logistic'`: ℓ = log(1 + e^{−yŷ}) (labels ±1), computed without overflow, 1-Lipschitz in ŷ for |y| = 1;
 * - `'hinge'`: ℓ = max(0, 1 − yŷ), subgradient −y where 1 − yŷ > 0 and 0 otherwise.
 *
 * @param name - `'square' | 'logistic' | 'hinge'`
 * @throws {@link DomainError} for an unknown name
 * @example
 * loss('square').value(3, 1); // 4
 * loss('hinge').derivative(0, 1); // -1
 * loss('logistic').value(0, 1); // 0.693147
 * @remarks Since 0.1.0
 */
export function loss(name: LossName): Loss {
  return LOSSES[checkOneOf('loss', 'name', name, ['square', 'logistic', 'hinge'] as const)];
}
