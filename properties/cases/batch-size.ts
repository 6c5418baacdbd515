/** BatchSize range cases: the boundaries, and values far outside (RequestBody, BatchSize). */
import { baseBody, facts } from '../facts.ts';
import type { Case } from '../types.ts';
import { makeCase } from './make.ts';

const INT32_MAX = 2 ** 31 - 1;

export function isBeyondInt32(n: number): boolean {
  return n > INT32_MAX || n < -INT32_MAX - 1;
}

export function batchSizeRangeCase(value: number, label: string, source: 'boundary' | 'fixed' | 'random', extra: Record<string, unknown> = {}): Case {
  const args: Record<string, unknown> = { value, boundary: label, ...extra };
  if (isBeyondInt32(value)) args.variant = 'beyond-int32';
  return makeCase('BatchSize.range', false, `BatchSize ${value} (${label})`, { body: { ...baseBody(), BatchSize: value }, source, args });
}

export function batchSizeCases(): Case[] {
  const { min, max } = facts.batch;
  return [
    batchSizeRangeCase(min - 1, 'min-1', 'boundary'),
    batchSizeRangeCase(max + 1, 'max+1', 'boundary'),
    batchSizeRangeCase(-1, 'negative', 'fixed'),
    batchSizeRangeCase(INT32_MAX + 1, 'beyond 32-bit', 'fixed'),
    batchSizeRangeCase(Number.MAX_SAFE_INTEGER, 'very large', 'fixed'),
    makeCase('BatchSize.type', false, 'BatchSize 1.5 (not an integer)', { body: { ...baseBody(), BatchSize: 1.5 }, args: { wrongType: 'non-integer' } }),
  ];
}
