/** Placeholders in cases, and binding them to a target's resources. Pure. */
import type { Placeholder, Resources } from './types.ts';

export const ph = (name: Placeholder): string => `{{${name}}}`;

/** A stream ARN of the target's region and account that names no stream (the name is fixed, so case ids stay stable). */
export function missingStreamArn(r: Resources): string {
  return `arn:aws:kinesis:${r.region}:${r.account}:stream/esm-conformance-no-such-stream`;
}

/** An SQS queue ARN of the target's region and account that names no queue (a fixed name, as above). */
export function missingSqsArn(r: Resources): string {
  return `arn:aws:sqs:${r.region}:${r.account}:esm-conformance-no-such-queue`;
}

/** The placeholder of a kind's event source: SOURCE_SQS, SOURCE_SELF_MANAGED_KAFKA. */
export function sourcePlaceholder(kind: string): Placeholder {
  return `SOURCE_${kind.toUpperCase().replace(/-/g, '_')}`;
}

/** The kind id a SOURCE_<KIND> placeholder names. */
function kindOfPlaceholder(name: string): string {
  return name.slice('SOURCE_'.length).toLowerCase().replace(/_/g, '-');
}

function valueOf(name: string, r: Resources): string {
  if (name.startsWith('SOURCE_')) {
    const v = r.sources?.[kindOfPlaceholder(name)];
    if (v === undefined) throw new Error(`the target has no ${kindOfPlaceholder(name)} resource ({{${name}}})`);
    return v;
  }
  switch (name as Placeholder) {
    case 'REGION': return r.region;
    case 'ACCOUNT': return r.account;
    case 'FUNCTION_NAME': return r.functionName;
    case 'VERSION': return r.version;
    case 'ALIAS': return r.alias;
    case 'KINESIS_STREAM_ARN': return r.kinesisStreamArn;
    case 'DYNAMODB_STREAM_ARN': return r.dynamodbStreamArn;
    case 'MISSING_STREAM_ARN': return missingStreamArn(r);
    case 'MISSING_SQS_ARN': return missingSqsArn(r);
    case 'OTHER_FUNCTION_NAME':
      if (r.otherFunctionName === undefined) throw new Error('the target has no second function (OTHER_FUNCTION_NAME)');
      return r.otherFunctionName;
    default: throw new Error(`unknown placeholder {{${name}}}`);
  }
}

export function bindString(s: string, r: Resources): string {
  return s.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => valueOf(name, r));
}

/** Binds every placeholder inside strings (keys and values) of a JSON value. */
export function bindValue<T>(value: T, r: Resources): T {
  if (typeof value === 'string') return bindString(value, r) as T;
  if (Array.isArray(value)) return value.map((v) => bindValue(v, r)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [bindString(k, r), bindValue(v, r)])) as T;
  }
  return value;
}

/** Example resources for pure tests of the generators (any target's resources must satisfy the model's patterns). */
export const EXAMPLE_RESOURCES: Resources = {
  region: 'us-east-1',
  account: '123456789012',
  functionName: 'esm-conformance-fn',
  otherFunctionName: 'esm-conformance-fn-2',
  version: '1',
  alias: 'live',
  kinesisStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/esm-conformance-stream',
  dynamodbStreamArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/esm-conformance-table/stream/2024-01-01T00:00:00.000',
  sources: {
    sqs: 'arn:aws:sqs:us-east-1:123456789012:esm-conformance-queue',
  },
};
