/**
 * SQS queues for the SQS cases: a standard queue and a FIFO queue (`<name>.fifo`), tagged with the run id
 * and recorded in the ledger by queue name, each with its ARN (teardown looks the URL up by name).
 */
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { TAG_KEY } from './naming.ts';
import { inStep, type StepContext } from './step-context.ts';

async function createQueue(ctx: StepContext, name: string, fifo: boolean): Promise<string> {
  const { sqs } = ctx.clients;
  const created = await ctx.recorder.track('sqs-queue', name, {}, () =>
    sqs.send(new CreateQueueCommand({ QueueName: name, tags: { [TAG_KEY]: ctx.runId }, ...(fifo ? { Attributes: { FifoQueue: 'true' } } : {}) }), { abortSignal: ctx.signal }),
  );
  const url = created.QueueUrl;
  if (!url) throw new Error(`CreateQueue answered without QueueUrl for ${name}`);
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }), { abortSignal: ctx.signal });
  const arn = attrs.Attributes?.QueueArn;
  if (!arn) throw new Error(`GetQueueAttributes answered without QueueArn for ${name}`);
  await ctx.recorder.annotate('sqs-queue', name, { arn });
  return arn;
}

/** The run's queues: `sqs` (standard) and `sqs-fifo`, by kind id as Resources.sources names them. */
export function createQueues(ctx: StepContext): Promise<Record<string, string>> {
  return inStep('sqs-queue', async () => ({
    sqs: await createQueue(ctx, ctx.name, false),
    'sqs-fifo': await createQueue(ctx, `${ctx.name}.fifo`, true),
  }));
}
