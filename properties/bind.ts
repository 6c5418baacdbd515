/** Placeholders in cases, and binding them to a target's resources. Pure. */
import type { Placeholder, Resources } from './types.ts';

export const ph = (name: Placeholder): string => `{{${name}}}`;

/**
 * Region prefixes of the partitions other than `aws`, as the AWS SDK's partition table gives them
 * (`regionRegex`; test/partition.test.ts holds the two equal over every region the SDK knows). Kept here
 * because properties/ is pure and imports no SDK.
 */
const PARTITIONS: Array<[RegExp, string]> = [
  [/^cn-\w+-\d+$/, 'aws-cn'],
  [/^us-gov-\w+-\d+$/, 'aws-us-gov'],
  [/^us-iso-\w+-\d+$/, 'aws-iso'],
  [/^us-isob-\w+-\d+$/, 'aws-iso-b'],
  [/^us-isof-\w+-\d+$/, 'aws-iso-f'],
  [/^eu-isoe-\w+-\d+$/, 'aws-iso-e'],
  [/^eusc-de-\w+-\d+$/, 'aws-eusc'],
];

/**
 * The ARN partition of a region (`aws`, `aws-cn` for cn-*, `aws-us-gov` for us-gov-*, ...); a region no
 * partition claims (an emulator's invented one) is `aws`, as the SDK takes it. Every ARN the suite builds
 * for a target's region starts `arn:<partition>:`, so that a full ARN of a real resource in China or
 * GovCloud names that resource.
 */
export function partitionOf(region: string): string {
  for (const [regex, name] of PARTITIONS) if (regex.test(region)) return name;
  return 'aws';
}

/** A stream ARN of the target's region and account that names no stream (the name is fixed, so case ids stay stable). */
export function missingStreamArn(r: Resources): string {
  return `arn:${partitionOf(r.region)}:kinesis:${r.region}:${r.account}:stream/esm-conformance-no-such-stream`;
}

/** An SQS queue ARN of the target's region and account that names no queue (a fixed name, as above). */
export function missingSqsArn(r: Resources): string {
  return `arn:${partitionOf(r.region)}:sqs:${r.region}:${r.account}:esm-conformance-no-such-queue`;
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
    case 'PARTITION': return partitionOf(r.region);
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
