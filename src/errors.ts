/**
 * Typed errors for every public function of the toolkit.
 *
 * Messages follow `"<fn>: <arg or relation> must <requirement> (got <actual>)"`, and `data` carries the
 * same facts in machine-readable form, so callers can switch on `code` and read `data.arg`.
 *
 * @packageDocumentation
 */

/** Machine-readable error codes. */
export type NtkErrorCode =
  | 'E_TYPE'
  | 'E_SHAPE'
  | 'E_DOMAIN'
  | 'E_NON_FINITE'
  | 'E_NOT_PD'
  | 'E_NO_CONVERGENCE'
  | 'E_BACKEND_UNAVAILABLE'
  | 'E_IO'
  | 'E_ABORTED'
  | 'E_LAW'
  | 'E_WORKER_EXIT';

/** Structured facts about an error: which function, which argument, what was expected and received. */
export interface NtkErrorData {
  /** Public function that raised the error, e.g. `'gram'`. */
  readonly fn: string;
  /** Argument name exactly as in the signature, e.g. `'x2'` or `'options.depth'`. */
  readonly arg?: string;
  readonly expected?: string | number | readonly number[];
  readonly actual?: string | number | readonly number[];
  readonly [extra: string]: unknown;
}

/** Base class of every error the toolkit throws. */
export class NtkError extends Error {
  readonly code: NtkErrorCode;
  readonly data: NtkErrorData;
  constructor(code: NtkErrorCode, message: string, data: NtkErrorData, options?: ErrorOptions) {
    super(`${data.fn}: ${message}`, options);
    this.name = new.target.name;
    this.code = code;
    this.data = data;
  }
}

/** A wrong JavaScript type (e.g. a string where a number is expected). Code `E_TYPE`. */
export class ArgumentTypeError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_TYPE', message, data);
  }
}

/** Mismatched or empty shapes. Code `E_SHAPE`. */
export class ShapeError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_SHAPE', message, data);
  }
}

/** A value outside its allowed range (negative variance, non-integer depth, unknown option value). Code `E_DOMAIN`. */
export class DomainError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_DOMAIN', message, data);
  }
}

/** NaN or ±Infinity in an input. Code `E_NON_FINITE`. */
export class NonFiniteError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_NON_FINITE', message, data);
  }
}

/** A matrix that stayed not positive definite after the allowed jitter retries. Code `E_NOT_PD`. */
export class NotPositiveDefiniteError extends NtkError {
  constructor(
    message: string,
    data: NtkErrorData & { readonly jitterTried: number; readonly minPivot: number },
  ) {
    super('E_NOT_PD', message, data);
  }
}

/** An iterative method that did not converge, when the caller asked for a throw. Code `E_NO_CONVERGENCE`. */
export class ConvergenceError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_NO_CONVERGENCE', message, data);
  }
}

/** A backend (e.g. `'wasm-simd'`) that was requested explicitly but cannot run here. Code `E_BACKEND_UNAVAILABLE`. */
export class BackendUnavailableError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_BACKEND_UNAVAILABLE', message, data);
  }
}

/** A malformed, truncated or unsupported file. Code `E_IO`. */
export class IoError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_IO', message, data);
  }
}

/** A long run stopped through its `AbortSignal`. Code `E_ABORTED`. */
export class AbortError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_ABORTED', message, data);
  }
}

/**
 * A law of `ntk-toolkit/testing` does not hold for the kernel or model under test (e.g. an asymmetric
 * kernel, a negative eigenvalue beyond the rounding tolerance, an attack loss above the claimed
 * certificate). Code `E_LAW`; `data` carries the law, the offending value and its bound.
 */
export class LawViolationError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_LAW', message, data);
  }
}

/**
 * A worker thread of the synchronous team exited (a `process.exit`, an uncaught error, out of memory, a
 * termination) while it ran a block of a job, so the job cannot complete. Code `E_WORKER_EXIT`; `data`
 * carries the job kind (`arg`), the lost `block`, the number of `blocks` and the worker's `exitCode`. The
 * dead worker is replaced at the next call, so a retry can succeed.
 * @remarks Since 0.2.0
 */
export class WorkerExitError extends NtkError {
  constructor(message: string, data: NtkErrorData) {
    super('E_WORKER_EXIT', message, data);
  }
}

/**
 * True for any toolkit error, also across duplicate copies of the package (no `instanceof` needed).
 * @param e - anything caught
 */
export function isNtkError(e: unknown): e is NtkError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'data' in e;
}
