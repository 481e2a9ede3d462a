/**
 * The checks of the verification suite, imported statically (simpler and faster than scanning the
 * directory, and type-checked). Add a check here when its file lands.
 */
import c01 from '../c01-kernels-vs-monte-carlo.ts';
import c02 from '../c02-empirical-ntk.ts';
import c03 from '../c03-positive-definiteness.ts';
import c04 from '../c04-circle-spectrum.ts';
import c05 from '../c05-kernel-interpolation.ts';
import c06 from '../c06-min-norm-fit.ts';
import c07 from '../c07-robust-kernel-interpolation.ts';
import c08 from '../c08-surrogate-vs-robust.ts';
import c09 from '../c09-linearisation.ts';
import c10 from '../c10-online-gd-regret.ts';
import c11 from '../c11-main-claim.ts';
import c12 from '../c12-exact-attack.ts';
import c13 from '../c13-monotone-in-R.ts';
import c14 from '../c14-capacity-geometry.ts';
import c15 from '../c15-shattering.ts';
import c16 from '../c16-plain-interpolation.ts';
import c17 from '../c17-robust-loss-near-zero.ts';
import c18 from '../c18-width-vs-radius.ts';
import type { Check } from './check.ts';

/** Every registered check, in THEORY.md order (C1–C18). */
export const registeredChecks: readonly Check[] = [
  c01,
  c02,
  c03,
  c04,
  c05,
  c06,
  c07,
  c08,
  c09,
  c10,
  c11,
  c12,
  c13,
  c14,
  c15,
  c16,
  c17,
  c18,
];
