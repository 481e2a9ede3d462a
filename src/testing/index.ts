/**
 * `ntk-toolkit/testing`: fast-check arbitraries and law functions that take YOUR kernel or model, so
 * research groups can run the toolkit's laws (kernel symmetry and positive (semi)definiteness, surrogate ≤
 * robust ≤ certified loss, exact-attack resolution, ε-closeness after adversarial training) in their own CI. Needs `fast-check` (peer dependency).
 * @packageDocumentation
 */

export { LawViolationError } from '../errors.ts';
export type {
  AdversarialTrainingLawDetails,
  AdversarialTrainingLawOptions,
  AdversarialTrainingLawProblem,
} from './adversarialTrainingLaw.ts';
export { adversarialTrainingLaw } from './adversarialTrainingLaw.ts';
export type { CapProblem, CapProblemOptions } from './capProblem.ts';
export { capProblem } from './capProblem.ts';
export type { ExactAttackResolutionLawOptions } from './exactAttackResolutionLaw.ts';
export { exactAttackResolutionLaw } from './exactAttackResolutionLaw.ts';
export type { KernelPsdLawOptions } from './kernelPsdLaw.ts';
export { kernelPsdLaw } from './kernelPsdLaw.ts';
export type { KernelSymmetryLawOptions } from './kernelSymmetryLaw.ts';
export { kernelSymmetryLaw } from './kernelSymmetryLaw.ts';
export type { LawResult } from './lawResult.ts';
export type { PerturbationSetOptions } from './perturbationSet.ts';
export { perturbationSet } from './perturbationSet.ts';
export type { RobustLossCertificate, RobustLossOrderLawOptions, UserAttack } from './robustLossOrderLaw.ts';
export { robustLossOrderLaw } from './robustLossOrderLaw.ts';
export type { SmallModelOptions } from './smallModel.ts';
export { smallModel } from './smallModel.ts';
export type { LabelledData, UnitSphereDataOptions } from './unitSphereData.ts';
export { unitSphereData } from './unitSphereData.ts';
export type { UserKernel } from './userKernel.ts';
