import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ListTagsForStreamCommand,
} from '@aws-sdk/client-kinesis';
import { TAG_KEY } from './naming.ts';
import { inStep, type StepContext } from './step-context.ts';
import { pollUntil } from './wait.ts';

/** A one-shard Kinesis stream, ACTIVE and tagged; returns its ARN. */
export function createKinesisStream(ctx: StepContext): Promise<string> {
  return inStep('kinesis-stream', async () => {
    const { kinesis } = ctx.clients;
    await ctx.recorder.track('kinesis-stream', ctx.name, {}, () =>
      kinesis.send(
        new CreateStreamCommand({
          StreamName: ctx.name,
          ShardCount: 1,
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
          Tags: { [TAG_KEY]: ctx.runId },
        }),
        { abortSignal: ctx.signal },
      ),
    );
    const arn = await pollUntil(
      `Kinesis stream ${ctx.name} to become ACTIVE`,
      async () => {
        const { StreamDescriptionSummary: summary } = await kinesis.send(
          new DescribeStreamSummaryCommand({ StreamName: ctx.name }),
          { abortSignal: ctx.signal },
        );
        return summary?.StreamStatus === 'ACTIVE' ? summary.StreamARN : undefined;
      },
      ctx.poll,
      ctx.signal,
    );
    await ctx.recorder.annotate('kinesis-stream', ctx.name, { arn });
    await ensureStreamTag(ctx);
    return arn;
  });
}

/** Some targets (moto 5.2) ignore CreateStream's Tags: check, and tag afterwards if needed. */
async function ensureStreamTag(ctx: StepContext): Promise<void> {
  const { kinesis } = ctx.clients;
  const { Tags: tags } = await kinesis.send(new ListTagsForStreamCommand({ StreamName: ctx.name }), {
    abortSignal: ctx.signal,
  });
  if (tags?.some((t) => t.Key === TAG_KEY && t.Value === ctx.runId)) return;
  await kinesis.send(new AddTagsToStreamCommand({ StreamName: ctx.name, Tags: { [TAG_KEY]: ctx.runId } }), {
    abortSignal: ctx.signal,
  });
}

/** An on-demand DynamoDB table with a NEW_AND_OLD_IMAGES stream, ACTIVE; returns the stream's ARN. */
export function createDynamoTable(ctx: StepContext): Promise<string> {
  return inStep('dynamodb-table', async () => {
    const { dynamodb } = ctx.clients;
    await ctx.recorder.track('dynamodb-table', ctx.name, {}, () =>
      dynamodb.send(
        new CreateTableCommand({
          TableName: ctx.name,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
          Tags: [{ Key: TAG_KEY, Value: ctx.runId }],
        }),
        { abortSignal: ctx.signal },
      ),
    );
    const table = await pollUntil(
      `DynamoDB table ${ctx.name} to become ACTIVE with a stream`,
      async () => {
        const { Table: t } = await dynamodb.send(new DescribeTableCommand({ TableName: ctx.name }), {
          abortSignal: ctx.signal,
        });
        const streamArn = t?.TableStatus === 'ACTIVE' ? t.LatestStreamArn : undefined;
        return streamArn ? { streamArn, tableArn: t?.TableArn } : undefined;
      },
      ctx.poll,
      ctx.signal,
    );
    await ctx.recorder.annotate('dynamodb-table', ctx.name, { arn: table.tableArn });
    return table.streamArn;
  });
}
