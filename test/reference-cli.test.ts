/** The reference server driven by a client no one here wrote: the AWS CLI v1 (botocore). */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, type ReferenceHandle } from '../reference/server.ts';

interface CliResult { code: number; stdout: string; stderr: string }

const ENV = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test',
  AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '',
};

let ref: ReferenceHandle;
beforeAll(async () => { ref = await startReference(); });
afterAll(async () => { await ref.close(); });

function aws(command: string, ...args: string[]): Promise<CliResult> {
  const argv = ['lambda', command, '--endpoint-url', ref.url, '--region', 'us-east-1', '--output', 'json', ...args];
  return new Promise((resolve) => {
    execFile('aws', argv, { env: ENV, timeout: 15_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function createArgs(functionName: string, startingPosition = 'LATEST', arn = ref.resources.kinesisStreamArn): string[] {
  return ['--function-name', functionName, '--event-source-arn', arn, '--starting-position', startingPosition];
}

function parsed(r: CliResult): Record<string, unknown> {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('AWS CLI v1 against the reference server', () => {
  let uuid = '';

  it('parses the 202 answer of create-event-source-mapping', async () => {
    const out = parsed(await aws('create-event-source-mapping', ...createArgs(ref.resources.functionName)));
    expect(out).toMatchObject({ State: 'Creating', BatchSize: 100, FunctionArn: ref.resources.functionArn, StartingPosition: 'LATEST' });
    expect(String(out.UUID)).toHaveLength(36);
    expect(typeof out.LastModified).toBe('number');
    uuid = String(out.UUID);
  });

  it('reads the error codes of the error answers', async () => {
    const r = ref.resources;
    const [dup, enumError, missing, dynamo] = await Promise.all([
      aws('create-event-source-mapping', ...createArgs(r.functionName)),
      aws('create-event-source-mapping', ...createArgs(r.functionName, 'bogus')),
      aws('create-event-source-mapping', ...createArgs('no-such-function')),
      aws('create-event-source-mapping', ...createArgs(r.functionName, 'AT_TIMESTAMP', r.dynamodbStreamArn), '--starting-position-timestamp', '1700000000'),
    ]);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('An error occurred (ResourceConflictException) when calling the CreateEventSourceMapping operation: ');
    expect(dup.stderr).toContain(`existing mapping with UUID ${uuid}`);
    expect(enumError.stderr).toContain("An error occurred (ValidationException) when calling the CreateEventSourceMapping operation: 1 validation error detected: Value 'bogus' at 'startingPosition'");
    expect(missing.stderr).toContain('An error occurred (InvalidParameterValueException) when calling the CreateEventSourceMapping operation: Function does not exist');
    expect(dynamo.stderr).toContain(`(InvalidParameterValueException) when calling the CreateEventSourceMapping operation: Unsupported starting position for arn type: ${r.dynamodbStreamArn}`);
  });

  it('keeps the qualifier in FunctionArn and echoes the timestamp', async () => {
    const r = ref.resources;
    const out = parsed(await aws('create-event-source-mapping', ...createArgs(`${r.functionName}:${r.alias}`, 'AT_TIMESTAMP'), '--starting-position-timestamp', '1700000000', '--no-enabled'));
    expect(out).toMatchObject({ FunctionArn: `${r.functionArn}:${r.alias}`, StartingPosition: 'AT_TIMESTAMP', State: 'Disabled' });
    expect(out.StartingPositionTimestamp).toBe(1700000000);
  });

  it('gets, lists and deletes through the CLI', async () => {
    const got = parsed(await aws('get-event-source-mapping', '--uuid', uuid));
    expect(got).toMatchObject({ UUID: uuid, FunctionArn: ref.resources.functionArn });
    const listed = parsed(await aws('list-event-source-mappings', '--event-source-arn', ref.resources.kinesisStreamArn));
    expect((listed.EventSourceMappings as unknown[]).length).toBe(2);
    const deleted = parsed(await aws('delete-event-source-mapping', '--uuid', uuid));
    expect(deleted).toMatchObject({ UUID: uuid, State: 'Deleting' });
    const gone = await aws('get-event-source-mapping', '--uuid', uuid);
    expect(gone.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the GetEventSourceMapping operation: The resource you requested does not exist.');
    expect(ref.mappings()).toBe(1);
  });
});
