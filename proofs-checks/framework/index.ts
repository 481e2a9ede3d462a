export { type Check, type CheckContext, type CheckOutcome, compare, type NegativeControl } from './check.ts';
export { registeredChecks } from './registry.ts';
export {
  normalizeCheckId,
  type RunChecksOptions,
  type RunChecksResult,
  type RunProgress,
  runChecks,
  runOneCheck,
} from './runChecks.ts';
export { type NegativeControlResult, runNegativeControls } from './runNegativeControls.ts';
