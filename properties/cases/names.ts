/** Function names that exist on no target, sized from the model's limits (deterministic, so ids stay stable). */
import { ph } from '../bind.ts';
import { facts } from '../facts.ts';

const STEM = 'esm-conformance-missing';

/** A name of exactly `length` characters (length >= 1) from the name alphabet. */
export function missingName(length: number): string {
  if (length <= STEM.length) return STEM.slice(0, length);
  return (STEM + '-' + 'x'.repeat(length)).slice(0, length);
}

/**
 * A FunctionName in the `account:function:name:qualifier` form of exactly `total` characters, so its
 * length does not depend on the target's region (the account is always 12 digits, by the pattern).
 */
export function qualifiedOfLength(total: number): string {
  const prefix = `${ph('ACCOUNT')}:function:`;
  const prefixLength = 12 + ':function:'.length;
  const name = missingName(Math.min(facts.fn.bareMax, Math.max(1, total - prefixLength - 2)));
  const qualifierLength = total - prefixLength - name.length - 1;
  if (qualifierLength < 1) throw new Error(`cannot build a qualified FunctionName of length ${total}`);
  return `${prefix}${name}:${'q'.repeat(qualifierLength)}`;
}

/** The length the value will have once {{ACCOUNT}} is bound. */
export function boundLength(value: string): number {
  return value.replace(ph('ACCOUNT'), '123456789012').length;
}
