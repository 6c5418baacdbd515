/** Error answers of the reference server: the code, its HTTP status and the AWS message formats. */
import { model } from '../spec/index.ts';

/** Codes the seed page does not list (model.errors.list), with the status AWS gives them. */
const EXTRA_STATUS: Record<string, number> = {
  ValidationException: 400,
  UnknownOperationException: 404,
  // Recorded for a delete while the mapping is still Creating (aws-observed.md); 400 as the Lambda model has it.
  ResourceInUseException: 400,
};

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    const status = model.errors.list[code]?.status ?? EXTRA_STATUS[code];
    if (status === undefined) throw new Error(`no HTTP status known for error code ${code}`);
    this.status = status;
  }
}

export const INVALID_PARAMETER = 'InvalidParameterValueException';
export const VALIDATION = 'ValidationException';
export const CONFLICT = 'ResourceConflictException';
export const NOT_FOUND = 'ResourceNotFoundException';
export const SERVICE = 'ServiceException';
export const UNKNOWN_OPERATION = 'UnknownOperationException';

/** One broken model constraint, already worded the way AWS (Coral) words it. */
export interface ModelViolation {
  member: string;
  /** The member's path as AWS names it (lowerCamel segments), where it is not just `member` in lower camel case. */
  path?: string;
  constraint: 'required' | 'range' | 'length' | 'pattern' | 'enum' | 'bare-name-length' | 'size' | 'map-key' | 'map-value';
  value: unknown;
  text: string;
}

/** `batchSize` from `BatchSize`: AWS names members in lower camel case in validation messages. */
function wireName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function quoted(value: unknown): string {
  return value === undefined || value === null ? 'null' : `'${String(value)}'`;
}

export function violationText(v: ModelViolation): string {
  return `Value ${quoted(v.value)} at '${v.path ?? wireName(v.member)}' failed to satisfy constraint: ${v.text}`;
}

/** `1 validation error detected: ...` or `N validation errors detected: ...; ...`. */
export function validationMessage(violations: readonly ModelViolation[]): string {
  const n = violations.length;
  const head = `${n} validation error${n === 1 ? '' : 's'} detected: `;
  return head + violations.map(violationText).join('; ');
}
