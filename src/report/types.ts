/**
 * Data types of a verification report: the results of a suite of checks, the machine they ran on, and
 * the plots and tables each check produced. Structurally compatible with the `proofs-checks` contract,
 * so a check's outcome can be stored without conversion.
 * @packageDocumentation
 */

/** One measured quantity against its bound. */
export interface ReportComparison {
  readonly label: string;
  readonly value: number;
  readonly bound: number;
  readonly relation: '<=' | '>=' | '<' | '>';
  readonly pass: boolean;
}

/** One series of a plot. */
export interface ReportSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** @defaultValue 'line' */
  readonly style?: 'line' | 'points' | 'dashed';
}

/** A line/point plot, rendered as inline SVG. */
export interface ReportPlot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** @defaultValue false */
  readonly logX?: boolean;
  /** @defaultValue false */
  readonly logY?: boolean;
  readonly series: readonly ReportSeries[];
}

/** A titled table of numbers or short strings. */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (number | string)[])[];
}

/** The result of running one check. */
export interface CheckRecord {
  /** 'C1' … 'C16'. */
  readonly id: string;
  readonly title: string;
  readonly claim: string;
  /** `'pass'` iff every comparison passed and the check did not throw. */
  readonly status: 'pass' | 'fail';
  /** Wall time in seconds. */
  readonly seconds: number;
  readonly comparisons: readonly ReportComparison[];
  readonly tables: readonly ReportTable[];
  readonly plots: readonly ReportPlot[];
  readonly notes: readonly string[];
  /** The message of the error the check threw, if it threw. */
  readonly error?: string;
}

/** Where and how the suite ran. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly nodeVersion: string;
  readonly platform: string;
  /** ISO 8601 start time of the run. */
  readonly date: string;
  /** `git rev-parse HEAD` of the working tree, when available. */
  readonly gitCommit?: string;
}

/** A whole verification run. */
export interface SuiteReport {
  /** Report format version. */
  readonly version: 1;
  readonly title: string;
  readonly mode: 'quick' | 'full';
  readonly seed: number;
  readonly machine: MachineInfo;
  /** Total wall time in seconds. */
  readonly seconds: number;
  readonly checks: readonly CheckRecord[];
}
