/**
 * Rebuilds a toolkit kernel from its serialisable {@link KernelSpec}.
 * @packageDocumentation
 */
import { ArgumentTypeError, DomainError } from '../errors.ts';
import { describe } from '../internal/assert.ts';
import { arcCosineKernel } from './arcCosineKernel.ts';
import { biasLiftKernel } from './biasLiftKernel.ts';
import { fcReluKernel } from './fcReluKernel.ts';
import { twoLayerNtk } from './twoLayerNtk.ts';
import type { KernelFn, KernelSpec, ScalarKernelFn } from './types.ts';

/**
 * The kernel a {@link KernelSpec} describes (the inverse of each kernel's `spec`): `fcRelu` →
 * {@link fcReluKernel}, `twoLayerNtk` → {@link twoLayerNtk}, `arcCosine` → {@link arcCosineKernel},
 * `biasLift` → {@link biasLiftKernel} of its base. The constructors validate the options.
 *
 * @param spec - e.g. `fcReluKernel({ depth: 2 }).spec`
 * @returns the kernel, whose `spec` equals `spec`
 * @throws {@link ArgumentTypeError} if `spec` is not an object
 * @throws {@link DomainError} for an unknown `name`, a bias lift of a single kernel, or invalid options
 * @example
 * const k = kernelFromSpec({ name: 'twoLayerNtk', activation: 'relu', train: 'first' });
 * k([[1, 0]]).ntk.data[0]; // 0.5
 * @remarks Since 0.2.0
 */
export function kernelFromSpec(spec: KernelSpec): KernelFn | ScalarKernelFn {
  const fn = 'kernelFromSpec';
  if (spec === null || typeof spec !== 'object') {
    throw new ArgumentTypeError(`spec must be a kernel spec object (got ${describe(spec)})`, {
      fn,
      arg: 'spec',
      expected: 'KernelSpec',
      actual: describe(spec),
    });
  }
  switch (spec.name) {
    case 'fcRelu': {
      const { name: _n, ...o } = spec;
      return fcReluKernel(o);
    }
    case 'twoLayerNtk': {
      const { name: _n, ...o } = spec;
      return twoLayerNtk(o);
    }
    case 'arcCosine': {
      const { name: _n, ...o } = spec;
      return arcCosineKernel(o);
    }
    case 'biasLift': {
      const base = kernelFromSpec(spec.base);
      if (!('inputGradient' in base) || spec.base.name === 'arcCosine') {
        throw new DomainError(
          'spec.base must be a kernel pair (fcRelu or twoLayerNtk) for a bias lift (got arcCosine)',
          {
            fn,
            arg: 'spec.base',
          },
        );
      }
      return biasLiftKernel(base as KernelFn, spec.c);
    }
    default:
      throw new DomainError(
        `spec.name must be one of fcRelu, twoLayerNtk, arcCosine, biasLift (got ${describe((spec as { name?: unknown }).name)})`,
        { fn, arg: 'spec.name' },
      );
  }
}
