import { InvalidArgumentError } from 'commander';

/** commander argument parser for a finite number. */
export function num(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v))
    throw new InvalidArgumentError(`must be a finite number (got ${JSON.stringify(value)})`);
  return v;
}

/** commander argument parser for a number or `inf`/`infinity`. */
export function numOrInf(value: string): number {
  if (/^\+?inf(inity)?$/i.test(value.trim())) return Number.POSITIVE_INFINITY;
  return num(value);
}

/** commander argument parser for a non-negative integer. */
export function int(value: string): number {
  const v = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(v)) {
    throw new InvalidArgumentError(`must be a non-negative integer (got ${JSON.stringify(value)})`);
  }
  return v;
}

/** commander argument parser for a comma-separated list of numbers. */
export function numList(value: string): number[] {
  return value.split(',').map((s) => num(s));
}
