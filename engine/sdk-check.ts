/** Valid cases also go through @aws-sdk/client-lambda: a real client must parse the target's answers. */
import { CreateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** `transient`: throttled, a 5xx, or no answer: the SDK pass could not judge, which is not the target's fault. */
/** `status`: the HTTP status of a refusal, when the answer had one. */
export interface SdkOutcome { ok: boolean; detail?: string; uuid?: string; transient?: boolean; attempts?: number; status?: number }

/** Error names and codes of a connection that failed, timed out or was cut: the answer never arrived whole. */
const CUT = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_STREAM_PREMATURE_CLOSE', 'HPE_INVALID_CONSTANT']);
const CUT_MESSAGE = /\b(aborted|socket hang up|premature close|parse error|ECONNRESET|timed? ?out)\b/i;

type SdkError = { name?: string; code?: string; message?: string; cause?: unknown; $metadata?: { httpStatusCode?: number } };

/** The answer was cut short (a reset, a timeout, a stalled body), with or without a status line: nothing to judge. */
function wasCut(e: SdkError | undefined, depth = 0): boolean {
  if (!e || depth > 5) return false;
  if (CUT.has(e.name ?? '') || CUT.has(e.code ?? '') || CUT_MESSAGE.test(e.message ?? '')) return true;
  return wasCut(e.cause as SdkError | undefined, depth + 1);
}

function isTransient(e: SdkError): boolean {
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return true; // no answer: timeout or network
  return status === 429 || status >= 500 || e.name === 'TooManyRequestsException' || wasCut(e);
}

export function toSdkInput(body: Record<string, unknown>): Record<string, unknown> {
  const input = { ...body };
  if (typeof input.StartingPositionTimestamp === 'number') input.StartingPositionTimestamp = new Date(input.StartingPositionTimestamp * 1000);
  return input;
}

/** Creates the mapping through the SDK, checks the parsed output, and deletes it again through the SDK. */
/** The UUID a 409 names ("... the existing mapping with UUID <uuid>"). */
export function conflictUuid(message: string): string | undefined {
  return /UUID\s+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(message)?.[1];
}

export async function sdkCreate(client: LambdaClient, body: Record<string, unknown>, track: (uuid: string) => void): Promise<SdkOutcome> {
  return sdkOutcome(() => client.send(new CreateEventSourceMappingCommand(toSdkInput(body) as never)), body, track);
}

type CreateOutput = { UUID?: string; LastModified?: Date; EventSourceArn?: string; $metadata?: { attempts?: number } };

/** Runs one SDK create (`send`) and judges what the client made of the answer. */
export async function sdkOutcome(send: () => Promise<CreateOutput>, body: Record<string, unknown>, track: (uuid: string) => void): Promise<SdkOutcome> {
  let out: CreateOutput;
  try {
    out = await send();
  } catch (e) {
    const err = e as SdkError & { $metadata?: { httpStatusCode?: number; attempts?: number } };
    const detail = `${err.name ?? 'Error'} (HTTP ${err.$metadata?.httpStatusCode ?? '?'}): ${(err.message ?? '').split('\n')[0]}`;
    const attempts = err.$metadata?.attempts ?? 1;
    // A conflict is state, not the client's reading of the answer: the SDK retried (5xx, timeout) and met the
    // mapping its first attempt made, or the target still holds a mapping of the pair after the raw case's
    // was deleted and read back gone (its duplicate check behind its reads). Nothing to judge; the mapping it
    // names is tracked, so that it is deleted too.
    if (err.name === 'ResourceConflictException' || err.name === 'ResourceInUseException') {
      const uuid = conflictUuid(err.message ?? '');
      if (uuid) track(uuid);
      const why = attempts > 1 ? detail : `${detail} (the pair still held a mapping after the raw case's was deleted and read back gone)`;
      return { ok: false, detail: why, transient: true, attempts, ...(uuid ? { uuid } : {}) };
    }
    const status = err.$metadata?.httpStatusCode;
    return { ok: false, detail, attempts, ...(status !== undefined ? { status } : {}), ...(isTransient(err) ? { transient: true } : {}) };
  }
  const attempts = out.$metadata?.attempts ?? 1;
  const uuid = out.UUID;
  if (!uuid) return { ok: false, detail: 'the SDK parsed no UUID from the answer', attempts };
  track(uuid);
  const problems: string[] = [];
  if (!(out.LastModified instanceof Date) || Number.isNaN(out.LastModified.getTime())) problems.push('LastModified did not parse as a date');
  if (out.EventSourceArn !== body.EventSourceArn) problems.push('EventSourceArn differs');
  return problems.length ? { ok: false, detail: problems.join('; '), uuid, attempts } : { ok: true, uuid, attempts };
}
