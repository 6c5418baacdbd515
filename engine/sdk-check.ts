/** Valid cases also go through @aws-sdk/client-lambda: a real client must parse the target's answers. */
import { CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';

export interface SdkOutcome { ok: boolean; detail?: string; uuid?: string }

function toSdkInput(body: Record<string, unknown>): Record<string, unknown> {
  const input = { ...body };
  if (typeof input.StartingPositionTimestamp === 'number') input.StartingPositionTimestamp = new Date(input.StartingPositionTimestamp * 1000);
  return input;
}

/** Creates the mapping through the SDK, checks the parsed output, and deletes it again through the SDK. */
export async function sdkCreate(client: LambdaClient, body: Record<string, unknown>, track: (uuid: string) => void): Promise<SdkOutcome> {
  let out;
  try {
    out = await client.send(new CreateEventSourceMappingCommand(toSdkInput(body) as never));
  } catch (e) {
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, detail: `${err.name ?? 'Error'} (HTTP ${err.$metadata?.httpStatusCode ?? '?'}): ${(err.message ?? '').split('\n')[0]}` };
  }
  const uuid = out.UUID;
  if (!uuid) return { ok: false, detail: 'the SDK parsed no UUID from the answer' };
  track(uuid);
  const problems: string[] = [];
  if (!(out.LastModified instanceof Date) || Number.isNaN(out.LastModified.getTime())) problems.push('LastModified did not parse as a date');
  if (out.EventSourceArn !== body.EventSourceArn) problems.push('EventSourceArn differs');
  return problems.length ? { ok: false, detail: problems.join('; '), uuid } : { ok: true, uuid };
}

export async function sdkDelete(client: LambdaClient, uuid: string): Promise<string | undefined> {
  try {
    await client.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
    return undefined;
  } catch (e) {
    const name = (e as { name?: string }).name;
    return name === 'ResourceNotFoundException' ? undefined : `${name}: ${(e as Error).message.split('\n')[0]}`;
  }
}
