/**
 * Checks of the target options before anything is sent: a mistyped ARN or region is a usage error of the
 * user (exit 2), never a failure blamed on the target. The patterns are the model's (spec/).
 */
import { awsModel, eventSourceKind, matchesPattern } from '../spec/index.ts';
import type { RunConfig } from '../engine/config.ts';
import { UsageError } from './parse.ts';
import { bareFunctionName } from '../properties/checks/response.ts';
import { partitionOf } from '../properties/bind.ts';

/** A region is valid when a function ARN in it matches today's FunctionArn pattern (spec/aws-model.json). */
function isRegion(region: string): boolean {
  const pattern = awsModel.responseMembers.FunctionArn?.pattern ?? '';
  return matchesPattern(pattern, `arn:${partitionOf(region)}:lambda:${region}:000000000000:function:f`);
}

/**
 * A region whose stream ARNs today's EventSourceArn pattern admits: the model's own pattern leaves out some
 * regions its FunctionArn admits (the ISO ones), and there no valid stream request can be built.
 */
function streamsExpressible(region: string): boolean {
  const pattern = awsModel.members.EventSourceArn?.pattern ?? '';
  return matchesPattern(pattern, `arn:${partitionOf(region)}:kinesis:${region}:000000000000:stream/s`);
}

function checkStream(flag: string, arn: string, kind: 'kinesis' | 'dynamodb', region: string): void {
  const pattern = awsModel.members.EventSourceArn?.pattern ?? '';
  if (!matchesPattern(pattern, arn)) throw new UsageError(`${flag} ${JSON.stringify(arn)} is not a stream ARN (it must match ${pattern})`);
  if (eventSourceKind(arn) !== kind) throw new UsageError(`${flag} must be a ${kind} ARN (arn:aws:${kind}:...), not ${arn}`);
  const arnRegion = arn.split(':')[3];
  if (arnRegion !== region) throw new UsageError(`${flag} is in region ${arnRegion}, but --region is ${region}: pass --region ${arnRegion}`);
}

const FLAG = { functionName: 'function-name', version: 'function-version', alias: 'function-alias', otherFunctionName: 'other-function-name', kinesisStreamArn: 'kinesis-stream-arn', dynamodbStreamArn: 'dynamodb-stream-arn', sources: 'source' } as const;

export function validateTarget(config: RunConfig): void {
  if (!isRegion(config.region)) {
    // A region of a partition the model's patterns lag behind (eusc-de-east-1) is not a typo: say which.
    if (/^[a-z]{2,4}(-[a-z]+)+-\d+$/.test(config.region) && partitionOf(config.region) !== 'aws') {
      throw new UsageError(`--region ${JSON.stringify(config.region)}: today's model's FunctionArn pattern admits no ARN in this region (partition ${partitionOf(config.region)}), so the suite cannot judge a target there`);
    }
    throw new UsageError(`--region ${JSON.stringify(config.region)} is not a region name (such as us-east-1)`);
  }
  if (!streamsExpressible(config.region)) {
    throw new UsageError(`--region ${JSON.stringify(config.region)}: today's model's EventSourceArn pattern admits no ARN in this region, so the suite cannot build a valid request there`);
  }
  const g = config.given;
  const named = (['functionName', 'version', 'alias', 'otherFunctionName', 'kinesisStreamArn', 'dynamodbStreamArn', 'sources'] as const).filter((k) => g[k] !== undefined);
  if (named.length && (!config.endpoint || config.provision)) {
    throw new UsageError(`--${FLAG[named[0]!]} names a resource of a remote target: it applies with --endpoint and without --provision`);
  }
  if (!config.endpoint || config.provision || config.replayDir) return;
  // A published version is a number ($LATEST is not published); an alias name is not all digits (Lambda's CreateAlias rules).
  if (g.version !== undefined && !/^[0-9]{1,20}$/.test(g.version)) throw new UsageError(`--function-version ${JSON.stringify(g.version)} is not a published version number`);
  if (g.alias !== undefined && !/^(?![0-9]+$)[A-Za-z0-9_-]{1,128}$/.test(g.alias)) throw new UsageError(`--function-alias ${JSON.stringify(g.alias)} is not an alias name`);
  const missing = [['--function-name', g.functionName], ['--kinesis-stream-arn', g.kinesisStreamArn], ['--dynamodb-stream-arn', g.dynamodbStreamArn]]
    .filter(([, v]) => !v).map(([f]) => f);
  if (missing.length) throw new UsageError(`a remote target needs its resources: ${missing.join(', ')} (or --provision to create them)`);
  const fnPattern = awsModel.members.FunctionName?.pattern ?? '';
  const functionFlags: Array<[string, string]> = [...(g.functionNames ?? [g.functionName!]).map((n): [string, string] => ['--function-name', n]), ...(g.otherFunctionName ? [['--other-function-name', g.otherFunctionName] as [string, string]] : [])];
  for (const [flag, name] of functionFlags) {
    if (!matchesPattern(fnPattern, name)) throw new UsageError(`${flag} ${JSON.stringify(name)} does not match the FunctionName pattern ${fnPattern}`);
    // The cases spell the function's ARNs and qualified forms from its name: an ARN or a qualifier here would be doubled.
    const plain = bareFunctionName(name);
    if (plain !== name) throw new UsageError(`${flag} ${JSON.stringify(name)}: give the function's plain name (${plain}); the cases build its ARNs and qualified forms from it (the version and alias go to --function-version and --function-alias)`);
  }
  checkStream('--kinesis-stream-arn', g.kinesisStreamArn!, 'kinesis', config.region);
  checkStream('--dynamodb-stream-arn', g.dynamodbStreamArn!, 'dynamodb', config.region);
}
