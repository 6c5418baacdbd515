/**
 * Fixed valid cases: every StartingPosition on every stream kind it is valid for, the BatchSize edges,
 * Enabled present and absent, every FunctionName form and qualifier, both paths.
 */
import { ph } from '../bind.ts';
import { SAMPLE_TIMESTAMP, baseBody, facts, plainPositions } from '../facts.ts';
import type { Case } from '../types.ts';
import { makeCase } from './make.ts';
import { inDoubtfulRange } from '../../spec/overlay/index.ts';

const NAME = ph('FUNCTION_NAME');
const FULL_ARN = `arn:${ph('PARTITION')}:lambda:${ph('REGION')}:${ph('ACCOUNT')}:function:${NAME}`;

/** Every FunctionName form the seed documents (RequestBody, FunctionName), unqualified. */
export const FUNCTION_NAME_FORMS: Record<string, string> = {
  'bare name': NAME,
  'full ARN': FULL_ARN,
  'partial ARN region:account:function:name': `${ph('REGION')}:${ph('ACCOUNT')}:function:${NAME}`,
  'account:name': `${ph('ACCOUNT')}:${NAME}`,
  'account:function:name': `${ph('ACCOUNT')}:function:${NAME}`,
};

/**
 * Forms the model accepts but AWS's documentation does not list (it names the function name, the ARN, a
 * version or alias ARN and the partial ARN `account:function:name`), and no recording shows accepted:
 * `account:name` may read as a function `account` with a qualifier. A refusal of them passes (INFO note).
 */
export const UNDOCUMENTED_FORMS: ReadonlySet<string> = new Set([FUNCTION_NAME_FORMS['account:name']!, FUNCTION_NAME_FORMS['partial ARN region:account:function:name']!]);

export const QUALIFIERS: Record<string, string> = { $LATEST: '$LATEST', version: ph('VERSION'), alias: ph('ALIAS') };

function positionCases(): Case[] {
  const out: Case[] = [];
  for (const kind of ['kinesis', 'dynamodb'] as const) {
    for (const position of plainPositions) {
      const body = { ...baseBody(kind), StartingPosition: position };
      out.push(makeCase('StartingPosition.enum', true, `${kind} stream, StartingPosition ${position}`, { body, args: { kind, position } }));
    }
  }
  const at = { ...baseBody(facts.atTimestampSource as 'kinesis'), StartingPosition: facts.atTimestamp, [facts.timestampMember]: SAMPLE_TIMESTAMP };
  out.push(makeCase(facts.atTimestampRule, true, `${facts.atTimestampSource} stream, ${facts.atTimestamp} with a timestamp`, { body: at }));
  return out;
}

function batchCases(): Case[] {
  const b = facts.batch;
  return [
    makeCase('BatchSize.range', true, `BatchSize at the minimum (${b.min})`, { body: { ...baseBody(), BatchSize: b.min }, args: { boundary: 'min', value: b.min } }),
    // A number the documentation says a stream may refuse (overlay doubtfulRanges): a refusal passes (INFO note).
    makeCase('BatchSize.range', true, `BatchSize at the maximum (${b.max})`, { body: { ...baseBody(), BatchSize: b.max }, args: { boundary: 'max', value: b.max, ...(inDoubtfulRange('kinesis', { BatchSize: b.max }) ? { mayBeRefused: true } : {}) } }),
    makeCase('BatchSize.default', true, 'BatchSize omitted: the default applies', { body: baseBody('dynamodb') }),
  ];
}

function enabledCases(): Case[] {
  return [
    makeCase('Enabled.default', true, 'Enabled omitted', { body: baseBody() }),
    makeCase('Enabled.default', true, 'Enabled true', { body: { ...baseBody(), Enabled: true } }),
    makeCase('Enabled.default', true, 'Enabled false', { body: { ...baseBody(), Enabled: false } }),
  ];
}

function functionNameCases(): Case[] {
  const out: Case[] = [];
  for (const [form, value] of Object.entries(FUNCTION_NAME_FORMS)) {
    out.push(makeCase('FunctionName.pattern', true, `FunctionName as ${form}`, { body: { ...baseBody(), FunctionName: value }, args: { form, ...(UNDOCUMENTED_FORMS.has(value) ? { mayBeRefused: true } : {}) } }));
  }
  for (const [q, qualifier] of Object.entries(QUALIFIERS)) {
    for (const [form, value] of [['bare name', NAME], ['full ARN', FULL_ARN]] as const) {
      out.push(makeCase('FunctionName.pattern', true, `FunctionName as ${form} with the ${q} qualifier`, {
        body: { ...baseBody('dynamodb'), FunctionName: `${value}:${qualifier}` }, args: { form, qualifier: q },
      }));
    }
  }
  return out;
}

function pathCases(): Case[] {
  return facts.paths.map((path) => makeCase('operation.path', true, `minimal request to ${path}`, { body: baseBody(), path, args: { path } }));
}

export function validCases(): Case[] {
  return [...positionCases(), ...batchCases(), ...enabledCases(), ...functionNameCases(), ...pathCases()];
}
