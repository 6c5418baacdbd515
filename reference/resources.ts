/**
 * The resources the reference server holds from the start: one function with a published version and an
 * alias, a second function (two functions may map the same stream), one Kinesis stream and one DynamoDB
 * stream, the event sources of the other kinds (`sources`, by overlay kind id: an SQS standard queue and,
 * under `sqs-fifo`, a FIFO queue, an MSK cluster, an MQ broker, a DocumentDB cluster, and a self-managed
 * Kafka bootstrap server `host:port`), and the lookup of a FunctionName among them.
 */
import { partitionOf } from '../properties/bind.ts';
import type { Resources } from '../properties/types.ts';

export interface ReferenceResources extends Resources {
  functionArn: string;
  /**
   * The seeded functions of the lanes (the first is `functionName`), each with the same version and alias
   * (`otherFunctionName` is apart): a mapping collides only with one of the same function on the same
   * source (aws-observed.md: two functions on one stream are both accepted), so more functions let the
   * suite run more cases that create mappings at once.
   */
  functionNames: string[];
}

/** How many functions the reference seeds (lanes of the suite: functions x sources). */
export const SEEDED_FUNCTIONS = 8;

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT = '123456789012';
const FUNCTION_NAME = 'esm-conformance-fn';
const OTHER_FUNCTION_NAME = 'esm-conformance-fn-2';
const VERSION = '1';
const ALIAS = 'live';
const LATEST = '$LATEST';

export function seedResources(region: string, account: string, functions = SEEDED_FUNCTIONS): ReferenceResources {
  // esm-conformance-fn, then -3, -4, ...: -2 is the second function of the shared-source cases.
  const functionNames = Array.from({ length: Math.max(1, functions) }, (_, i) => (i === 0 ? FUNCTION_NAME : `${FUNCTION_NAME}-${i + 2}`));
  const p = partitionOf(region);
  return {
    region,
    account,
    functionName: FUNCTION_NAME,
    functionNames,
    functionArn: `arn:${p}:lambda:${region}:${account}:function:${FUNCTION_NAME}`,
    otherFunctionName: OTHER_FUNCTION_NAME,
    version: VERSION,
    alias: ALIAS,
    kinesisStreamArn: `arn:${p}:kinesis:${region}:${account}:stream/esm-conformance-stream`,
    dynamodbStreamArn: `arn:${p}:dynamodb:${region}:${account}:table/esm-conformance-table/stream/2024-01-01T00:00:00.000`,
    sources: {
      sqs: `arn:${p}:sqs:${region}:${account}:esm-conformance-queue`,
      'sqs-fifo': `arn:${p}:sqs:${region}:${account}:esm-conformance-queue.fifo`,
      msk: `arn:${p}:kafka:${region}:${account}:cluster/esm-conformance-cluster/8f4b7c1e-0d2a-4c3b-9e5f-6a7b8c9d0e1f-1`,
      mq: `arn:${p}:mq:${region}:${account}:broker:esm-conformance-broker:b-3c5e7a9b-1d2f-4e6a-8b0c-2d4f6a8b0c1e`,
      documentdb: `arn:${p}:rds:${region}:${account}:cluster:esm-conformance-docdb`,
      'self-managed-kafka': 'esm-conformance-kafka.example.com:9092',
    },
  };
}

/** A FunctionName resolved to the seeded function: its unqualified ARN and the qualifier as sent. */
export interface ResolvedFunction {
  unqualifiedArn: string;
  qualifier?: string;
}

/**
 * Every spelling of the seeded function that Lambda resolves: the name, `account:name`,
 * `account:function:name`, `region:account:function:name` and the full ARN, each unqualified or
 * qualified with `$LATEST`, the version or the alias. Anything else (another region or account,
 * another name, an unknown version or alias) names no function.
 */
function addFunctionForms(forms: Map<string, ResolvedFunction>, r: ReferenceResources, name: string): void {
  const unqualifiedArn = `arn:${partitionOf(r.region)}:lambda:${r.region}:${r.account}:function:${name}`;
  const prefixes = [name, `${r.account}:${name}`, `${r.account}:function:${name}`, `${r.region}:${r.account}:function:${name}`, unqualifiedArn];
  for (const prefix of prefixes) {
    forms.set(prefix, { unqualifiedArn });
    for (const qualifier of [LATEST, r.version, r.alias]) forms.set(`${prefix}:${qualifier}`, { unqualifiedArn, qualifier });
  }
}

function functionForms(r: ReferenceResources): Map<string, ResolvedFunction> {
  const forms = new Map<string, ResolvedFunction>();
  for (const name of new Set([r.functionName, ...r.functionNames, ...(r.otherFunctionName ? [r.otherFunctionName] : [])])) addFunctionForms(forms, r, name);
  return forms;
}

/** The unqualified ARN of one seeded function. */
export function seededFunctionArn(r: ReferenceResources, name: string): string {
  return `arn:${partitionOf(r.region)}:lambda:${r.region}:${r.account}:function:${name}`;
}

/** The seeded resources seen from one of the seeded functions (the same streams, version and alias). */
export function forFunction(r: ReferenceResources, name: string): ReferenceResources {
  return { ...r, functionName: name, functionArn: seededFunctionArn(r, name) };
}

const formCache = new WeakMap<ReferenceResources, Map<string, ResolvedFunction>>();

export function resolveFunction(r: ReferenceResources, name: string): ResolvedFunction | undefined {
  let forms = formCache.get(r);
  if (!forms) {
    forms = functionForms(r);
    formCache.set(r, forms);
  }
  return forms.get(name);
}

/** The FunctionArn AWS returns: the unqualified ARN plus exactly the qualifier that was sent. */
export function qualifiedArn(fn: ResolvedFunction): string {
  return fn.qualifier === undefined ? fn.unqualifiedArn : `${fn.unqualifiedArn}:${fn.qualifier}`;
}

/** The seeded stream ARN of each event-source kind (keys of model.eventSources). */
export function seededStreams(r: ReferenceResources): Record<string, string> {
  return { kinesis: r.kinesisStreamArn, dynamodb: r.dynamodbStreamArn };
}
