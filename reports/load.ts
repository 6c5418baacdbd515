/**
 * Reading report.json: the one door through which every writer, diff, compare and certificate gets a
 * Report. The file is parsed and validated against engine/report.schema.json; anything else is a
 * ReportError with a one-line message (the CLI maps it to an exit code).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import reportSchema from '../engine/report.schema.json' with { type: 'json' };
import type { Report } from '../engine/report-types.ts';
import { paritySummary } from '../engine/summary.ts';

/** `unreadable`: missing file, permissions, not JSON. `invalid`: JSON that breaks the report schema. */
export type ReportErrorKind = 'unreadable' | 'invalid';

export class ReportError extends Error {
  readonly kind: ReportErrorKind;
  constructor(kind: ReportErrorKind, message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'ReportError';
    this.kind = kind;
  }
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(reportSchema);
  return compiled;
}

/** One line naming the first schema error and how many more there are. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string {
  const list = errors ?? [];
  const first = list[0];
  if (!first) return 'does not match the schema';
  const where = first.instancePath === '' ? '(root)' : first.instancePath;
  const extra = 'allowedValues' in first.params ? ` ${JSON.stringify(first.params.allowedValues)}` : '';
  const more = list.length > 1 ? ` (+${list.length - 1} more)` : '';
  return `${where} ${first.message ?? 'is invalid'}${extra}${more}`;
}

/** Validates already-parsed data as a Report; `source` names it in the error message. */
export function parseReport(data: unknown, source = 'report'): Report {
  const validate = validator();
  if (!validate(data)) {
    throw new ReportError('invalid', `${source} is not a valid report: ${describeSchemaErrors(validate.errors)}`);
  }
  const report = data as Report;
  // A report of schema 1.0 (before parity) is read as one whose cases carry no parity checks.
  return report.parity ? report : { ...report, parity: paritySummary(report.cases, false) };
}

/** Reads and validates a report.json file. Throws ReportError on an unreadable or invalid file. */
export function loadReport(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ReportError('unreadable', `cannot read report ${file}: ${code}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReportError('unreadable', `${file} is not JSON: ${(e as Error).message}`);
  }
  return parseReport(data, file);
}
