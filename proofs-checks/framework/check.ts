/**
 * The contract every verification script follows: a claim (C1–C18, stated in docs/verification.md) turned into numbers,
 * compared with its bound, with pass/fail, tables and plots for the report.
 */

/** What a check gets from the runner. */
export interface CheckContext {
  /** Quick mode: small sizes so the whole suite runs in minutes on 2 cores (used by tests and CI). */
  readonly quick: boolean;
  /** Base seed; a check derives all its randomness from it. */
  readonly seed: number;
  /** Cancels a long run; checks should pass it to long library calls or test it between stages. */
  readonly signal?: AbortSignal;
  /** Progress line for the terminal (not part of the result). */
  log(message: string): void;
}

/** One measured quantity against its bound. `pass` must be computed from value and bound, never hard-coded. */
export interface Comparison {
  readonly label: string;
  readonly value: number;
  readonly bound: number;
  /** How value must relate to bound for the comparison to pass. */
  readonly relation: '<=' | '>=' | '<' | '>';
  readonly pass: boolean;
}

/** A line/point plot rendered as SVG in the HTML report. */
export interface Plot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly series: readonly {
    readonly name: string;
    readonly x: readonly number[];
    readonly y: readonly number[];
    readonly style?: 'line' | 'points' | 'dashed';
  }[];
}

/** A table of numbers (or short strings) for the report. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (number | string)[])[];
}

/** What a check returns. */
export interface CheckOutcome {
  readonly comparisons: readonly Comparison[];
  readonly tables?: readonly (Table & { readonly title: string })[];
  readonly plots?: readonly Plot[];
  /** Short remarks: settings used, what is a reconstruction of the paper rather than its wording, caveats. */
  readonly notes?: readonly string[];
}

/**
 * A broken ingredient that must make a check fail: the evidence that the check can fail at all.
 * The negative-control test runs every registered check with each of these and asserts that at least one
 * comparison fails (and that the unbroken run passes).
 */
export interface NegativeControl<I extends object = object> {
  /** Short name, e.g. 'kernel scaled by 1.01'. */
  readonly name: string;
  /** What is broken and which comparison should catch it (shown in the docs). */
  readonly description: string;
  /** The replaced ingredients. */
  readonly ingredients: Partial<I>;
}

/**
 * A verification script: measure (computed from its ingredients) + judge (comparisons with derived
 * bounds). `I` names the ingredients a test or a researcher may replace: kernel, trainer, attack, data, ….
 */
export interface Check<I extends object = object> {
  /** 'C1' … 'C18'. */
  readonly id: string;
  readonly title: string;
  /** The claim in one or two sentences, as checked. */
  readonly claim: string;
  /** Runs the check with its default ingredients, or with some of them replaced. */
  run(ctx: CheckContext, ingredients?: Partial<I>): Promise<CheckOutcome>;
  /** Broken ingredients that must make this check fail (every registered check has at least one). */
  readonly negativeControls?: readonly NegativeControl<I>[];
}

/** Builds a comparison, computing `pass` from the relation. */
export function compare(
  label: string,
  value: number,
  relation: Comparison['relation'],
  bound: number,
): Comparison {
  const pass =
    relation === '<='
      ? value <= bound
      : relation === '>='
        ? value >= bound
        : relation === '<'
          ? value < bound
          : value > bound;
  return { label, value, bound, relation, pass: pass && Number.isFinite(value) };
}
