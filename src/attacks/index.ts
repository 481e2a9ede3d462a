export type { ExactCapAttackOptions } from './exactCapAttack.ts';
export { exactCapAttack } from './exactCapAttack.ts';
export type { FgsmOptions } from './fgsm.ts';
export { fgsm } from './fgsm.ts';
export type { PgdOptions } from './pgd.ts';
export { pgd } from './pgd.ts';
export type { RunAttackOptions } from './runAttack.ts';
export { runAttack } from './runAttack.ts';
export type { SetViolationOptions } from './setViolation.ts';
export { setViolation } from './setViolation.ts';
export type {
  AttackCommonOptions,
  AttackResult,
  AttackSpec,
  AttackTargets,
  DataBox,
  PerturbationSet,
  PgdSettings,
  StepSchedule,
} from './types.ts';
