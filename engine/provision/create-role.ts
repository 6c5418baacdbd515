import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { describeError, errorName } from './aws-errors.ts';
import {
  EXECUTION_POLICIES,
  INLINE_POLICY_ID_PREFIX,
  LAMBDA_TRUST_POLICY,
  TAG_KEY,
  inlinePolicyDocument,
  managedPolicyArn,
} from './naming.ts';
import { inStep, type StepContext } from './step-context.ts';

/** Creates the run's execution role and gives it the Kinesis and DynamoDB execution policies; returns its ARN. */
export async function createExecutionRole(ctx: StepContext): Promise<string> {
  const roleArn = await inStep('iam-role', () => createRole(ctx));
  // The managed policies live in the role's own partition (arn:aws-cn:iam::aws:policy/... in China).
  const partition = roleArn.split(':')[1] || 'aws';
  await inStep('role-policy-attachment', () => grantPolicies(ctx, partition));
  return roleArn;
}

async function createRole(ctx: StepContext): Promise<string> {
  const { iam } = ctx.clients;
  const created = await ctx.recorder.track('iam-role', ctx.name, {}, () =>
    iam.send(
      new CreateRoleCommand({
        RoleName: ctx.name,
        AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY,
        Description: `ESM conformance run ${ctx.runId}; safe to delete`,
        Tags: [{ Key: TAG_KEY, Value: ctx.runId }],
      }),
      { abortSignal: ctx.signal },
    ),
  );
  const arn = created.Role?.Arn;
  if (!arn) throw new Error(`CreateRole answered without Role.Arn for ${ctx.name}`);
  await ctx.recorder.annotate('iam-role', ctx.name, { arn });
  return arn;
}

/** Attaches each AWS managed policy; where the target does not have it (moto by default), puts an inline copy. */
async function grantPolicies(ctx: StepContext, partition: string): Promise<void> {
  const { iam } = ctx.clients;
  for (const policy of EXECUTION_POLICIES) {
    ctx.signal.throwIfAborted();
    const arn = managedPolicyArn(partition, policy.policy);
    try {
      await ctx.recorder.track('role-policy-attachment', arn, { parent: ctx.name }, () =>
        iam.send(new AttachRolePolicyCommand({ RoleName: ctx.name, PolicyArn: arn }), {
          abortSignal: ctx.signal,
        }),
      );
    } catch (error) {
      if (!isMissingPolicy(error, arn)) throw error;
      const id = `${INLINE_POLICY_ID_PREFIX}${policy.inlineName}`;
      await ctx.recorder.track('role-policy-attachment', id, { parent: ctx.name }, () =>
        iam.send(
          new PutRolePolicyCommand({
            RoleName: ctx.name,
            PolicyName: policy.inlineName,
            PolicyDocument: inlinePolicyDocument(policy.actions),
          }),
          { abortSignal: ctx.signal },
        ),
      );
    }
  }
}

/** NoSuchEntity naming the policy (rather than the role). */
function isMissingPolicy(error: unknown, policyArn: string): boolean {
  return errorName(error) === 'NoSuchEntityException' && describeError(error).includes(policyArn);
}
