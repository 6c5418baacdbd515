import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { DeleteStreamCommand } from '@aws-sdk/client-kinesis';
import { DeleteAliasCommand, DeleteEventSourceMappingCommand, DeleteFunctionCommand } from '@aws-sdk/client-lambda';
import { DeleteQueueCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { ProvisionClients } from './clients.ts';
import type { LedgerEntry, ResourceKind } from './ledger.ts';
import { INLINE_POLICY_ID_PREFIX } from './naming.ts';

/** Teardown order: what depends on a resource goes before it. */
export const DELETE_ORDER: readonly ResourceKind[] = [
  'event-source-mapping',
  'lambda-alias',
  'lambda-version',
  'lambda-function',
  'role-policy-attachment',
  'iam-role',
  'kinesis-stream',
  'dynamodb-table',
  'sqs-queue',
];

type Deleter = (clients: ProvisionClients, entry: LedgerEntry) => Promise<unknown>;

const DELETERS: Record<ResourceKind, Deleter> = {
  'event-source-mapping': ({ lambda }, e) => lambda.send(new DeleteEventSourceMappingCommand({ UUID: e.id })),
  'lambda-alias': ({ lambda }, e) =>
    lambda.send(new DeleteAliasCommand({ FunctionName: e.parent, Name: lastArnPart(e.id) })),
  'lambda-version': ({ lambda }, e) =>
    lambda.send(new DeleteFunctionCommand({ FunctionName: e.parent, Qualifier: lastArnPart(e.id) })),
  'lambda-function': ({ lambda }, e) => lambda.send(new DeleteFunctionCommand({ FunctionName: e.id })),
  'role-policy-attachment': ({ iam }, e) =>
    e.id.startsWith(INLINE_POLICY_ID_PREFIX)
      ? iam.send(new DeleteRolePolicyCommand({ RoleName: e.parent, PolicyName: e.id.slice(INLINE_POLICY_ID_PREFIX.length) }))
      : iam.send(new DetachRolePolicyCommand({ RoleName: e.parent, PolicyArn: e.id })),
  'iam-role': async (clients, e) => {
    await emptyRole(clients, e.id);
    await clients.iam.send(new DeleteRoleCommand({ RoleName: e.id }));
  },
  'kinesis-stream': ({ kinesis }, e) =>
    kinesis.send(new DeleteStreamCommand({ StreamName: e.id, EnforceConsumerDeletion: true })),
  'dynamodb-table': ({ dynamodb }, e) => dynamodb.send(new DeleteTableCommand({ TableName: e.id })),
  // The entry's id is the queue name; DeleteQueue takes its URL.
  'sqs-queue': async ({ sqs }, e) => {
    const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: e.id }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
  },
};

/** One delete call (for a role, the calls that empty it first). Errors propagate to the caller. */
export async function deleteResource(clients: ProvisionClients, entry: LedgerEntry): Promise<void> {
  await DELETERS[entry.kind](clients, entry);
}

/**
 * DeleteRole refuses a role with policies. The ledger normally holds every attachment; this also
 * covers one that was never recorded (the role is the run's own, so all its policies are too).
 */
async function emptyRole(clients: ProvisionClients, roleName: string): Promise<void> {
  const { iam } = clients;
  const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  for (const policy of attached.AttachedPolicies ?? []) {
    if (policy.PolicyArn) await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.PolicyArn }));
  }
  const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
  for (const name of inline.PolicyNames ?? []) {
    await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
  }
}

function lastArnPart(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}
