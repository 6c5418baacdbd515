import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  PublishVersionCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { isRoleNotYetAssumable } from './aws-errors.ts';
import { ALIAS_NAME, TAG_KEY, functionZip } from './naming.ts';
import { inStep, type StepContext } from './step-context.ts';
import { pollUntil, retryWhile } from './wait.ts';

export interface CreatedFunction {
  functionName: string;
  functionArn: string;
  version: string;
  alias: string;
}

/** The run's function, Active, with one published version and the alias `live` pointing at it. */
export async function createFunctionWithAlias(ctx: StepContext, roleArn: string): Promise<CreatedFunction> {
  const functionArn = await inStep('lambda-function', () => createFunction(ctx, roleArn));
  const version = await inStep('lambda-version', () => publishVersion(ctx));
  await inStep('lambda-alias', () => createAlias(ctx, functionArn, version));
  return { functionName: ctx.name, functionArn, version, alias: ALIAS_NAME };
}

/**
 * A second function of the run (`<name>-2`, Active, no version or alias): a mapping of another function on
 * the same stream is no conflict, and the suite checks that. Recorded in the ledger like the first.
 */
export async function createOtherFunction(ctx: StepContext, roleArn: string): Promise<string> {
  const other = { ...ctx, name: `${ctx.name}-2` };
  await inStep('lambda-function', () => createFunction(other, roleArn));
  return other.name;
}

async function createFunction(ctx: StepContext, roleArn: string): Promise<string> {
  const { lambda } = ctx.clients;
  const zip = functionZip();
  const send = (): Promise<FunctionConfiguration> =>
    lambda.send(
      new CreateFunctionCommand({
        FunctionName: ctx.name,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: roleArn,
        Code: { ZipFile: zip },
        Description: `ESM conformance run ${ctx.runId}; safe to delete`,
        Tags: { [TAG_KEY]: ctx.runId },
      }),
      { abortSignal: ctx.signal },
    );
  // A new role takes seconds to propagate to Lambda on real AWS; until then CreateFunction is refused.
  const created = await ctx.recorder.track('lambda-function', ctx.name, {}, () =>
    retryWhile(send, isRoleNotYetAssumable, ctx.poll, ctx.signal),
  );
  const arn = created.FunctionArn;
  if (!arn) throw new Error(`CreateFunction answered without FunctionArn for ${ctx.name}`);
  await ctx.recorder.annotate('lambda-function', ctx.name, { arn });
  await waitActive(ctx);
  return arn;
}

async function publishVersion(ctx: StepContext): Promise<string> {
  const published = await ctx.clients.lambda.send(new PublishVersionCommand({ FunctionName: ctx.name }), {
    abortSignal: ctx.signal,
  });
  const { Version: version, FunctionArn: arn } = published;
  if (!version || !arn) throw new Error(`PublishVersion answered without Version or FunctionArn for ${ctx.name}`);
  await ctx.recorder.add('lambda-version', arn, { parent: ctx.name, arn });
  await waitActive(ctx, version);
  return version;
}

async function createAlias(ctx: StepContext, functionArn: string, version: string): Promise<void> {
  const aliasArn = `${functionArn}:${ALIAS_NAME}`;
  await ctx.recorder.track('lambda-alias', aliasArn, { parent: ctx.name, arn: aliasArn }, () =>
    ctx.clients.lambda.send(
      new CreateAliasCommand({ FunctionName: ctx.name, Name: ALIAS_NAME, FunctionVersion: version }),
      { abortSignal: ctx.signal },
    ),
  );
}

/** Polls until the function (or one version of it) is Active and not being updated. */
async function waitActive(ctx: StepContext, qualifier?: string): Promise<void> {
  const what = `function ${ctx.name}${qualifier ? `:${qualifier}` : ''} to become Active`;
  await pollUntil(
    what,
    async () => {
      const config = await ctx.clients.lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: ctx.name, Qualifier: qualifier }),
        { abortSignal: ctx.signal },
      );
      if (config.State === 'Failed') throw new Error(`function ${ctx.name} failed: ${config.StateReason ?? 'no reason given'}`);
      // Targets that do not implement function states report none: treat that as Active.
      const active = config.State === undefined || config.State === 'Active';
      return active && config.LastUpdateStatus !== 'InProgress' ? true : undefined;
    },
    ctx.poll,
    ctx.signal,
  );
}
