/** --mask-account: the target's 12-digit account id written as 000000000000 in every string of a value. */
import { accountMasker } from './record/format.ts';

/** Every string of a JSON value, masked (keys too: a header or member name may hold an ARN). */
export function maskStrings<T>(value: T, mask: (s: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, mask)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [mask(k), maskStrings(v, mask)])) as T;
  }
  return value;
}

export function maskAccount<T>(value: T, account: string | undefined): T {
  return maskStrings(value, accountMasker(account));
}

/** For log lines, whose account is not known yet: any 12-digit id between the colons of an ARN. */
export function maskArnAccounts(line: string): string {
  return line.replace(/(arn:[\w-]+:[\w-]+:[\w-]*:)\d{12}(?=:)/g, '$1000000000000');
}
