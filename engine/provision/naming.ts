import { storeZip } from './store-zip.ts';

export const TAG_KEY = 'esm-conformance-run';
export const NAME_PREFIX = 'esm-conformance-';
export const ALIAS_NAME = 'live';
/** Ledger `endpoint` of resources reached through the SDK's own AWS endpoints. */
export const AWS_ENDPOINT_KEY = 'aws';

/** Lambda names allow [A-Za-z0-9_-] and 64 characters; the prefix takes 16 of them. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/;

export function checkRunId(runId: string): void {
  if (!RUN_ID.test(runId)) {
    throw new Error(`run id must match ${RUN_ID.source} (it becomes part of resource names): ${JSON.stringify(runId)}`);
  }
}

/** The one name of the run's role, function, stream and table. */
export function resourceName(runId: string): string {
  return `${NAME_PREFIX}${runId}`;
}

export function endpointKey(endpoint: string | undefined): string {
  return endpoint ? endpoint.replace(/\/+$/, '') : AWS_ENDPOINT_KEY;
}

export function endpointOfKey(key: string): string | undefined {
  return key === AWS_ENDPOINT_KEY ? undefined : key;
}

export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

/** The AWS managed policies to attach (by name; managedPolicyArn makes the ARN), each with an inline equivalent for targets that lack it. */
export const EXECUTION_POLICIES = [
  {
    policy: 'service-role/AWSLambdaKinesisExecutionRole',
    inlineName: 'esm-conformance-kinesis-execution',
    actions: [
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:GetRecords',
      'kinesis:GetShardIterator',
      'kinesis:ListShards',
      'kinesis:ListStreams',
      'kinesis:SubscribeToShard',
      ...LOGS,
    ],
  },
  {
    policy: 'service-role/AWSLambdaDynamoDBExecutionRole',
    inlineName: 'esm-conformance-dynamodb-execution',
    actions: [
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      ...LOGS,
    ],
  },
  {
    policy: 'service-role/AWSLambdaSQSQueueExecutionRole',
    inlineName: 'esm-conformance-sqs-execution',
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', ...LOGS],
  },
] as const;

/** An AWS managed policy's ARN in a partition: `arn:aws-cn:iam::aws:policy/...` in China. */
export function managedPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:iam::aws:policy/${policy}`;
}

export function inlinePolicyDocument(actions: readonly string[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
}

/** Ledger ids of inline role policies carry this prefix; managed attachments use the policy ARN. */
export const INLINE_POLICY_ID_PREFIX = 'inline:';

const HANDLER_SOURCE = `exports.handler = async (event) => ({
  records: Array.isArray(event && event.Records) ? event.Records.length : 0,
});
`;

/** The deployment package: one CommonJS index.js exporting `handler`. */
export function functionZip(): Buffer {
  return storeZip([{ name: 'index.js', content: HANDLER_SOURCE }]);
}

/** `arn:aws:lambda:region:account:function:name[:qualifier]` -> parts (undefined for other strings). */
export function parseFunctionArn(arn: string): { account: string; name: string; qualifier?: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[5] !== 'function') return undefined;
  const [account, name, qualifier] = [parts[4] ?? '', parts[6] ?? '', parts[7]];
  return qualifier === undefined ? { account, name } : { account, name, qualifier };
}
