/** --lanes, --shard, --latency and --latency-scale: how a run spreads, splits and (embedded) how slow its target is. */
import type { RunConfig } from '../engine/config.ts';
import { intOption, stringOption, UsageError, type Values } from './parse.ts';

const MAX_SHARDS = 1000;

export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UsageError(`--shard ${JSON.stringify(text)}: expected I/N with 1 <= I <= N <= ${MAX_SHARDS} (such as 2/4)`);
  }
  return { index, count };
}

export function latencyOf(values: Values, embedded: boolean): RunConfig['latency'] {
  const mode = stringOption(values, 'latency') ?? 'none';
  const scaleText = stringOption(values, 'latency-scale') ?? '1';
  const scale = Number(scaleText);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new UsageError(`--latency-scale ${JSON.stringify(scaleText)}: expected a number above 0 and at most 100`);
  if (mode === 'none') return undefined;
  if (!embedded) throw new UsageError('--latency applies to the embedded target only (no --endpoint)');
  return { mode: 'aws', scale };
}

/** The fields of RunConfig these options set (absent when not given). */
export function speedOptions(values: Values, embedded: boolean): Pick<RunConfig, 'lanes' | 'shard' | 'latency' | 'sdkPass'> {
  const shardText = stringOption(values, 'shard');
  if (shardText !== undefined && values.certify) throw new UsageError('--certify runs the complete case set: --shard is not allowed (a certificate is issued for one whole, unsharded run)');
  const latency = latencyOf(values, embedded);
  return {
    ...(values.lanes !== undefined ? { lanes: intOption(values, 'lanes', 1, 256) } : {}),
    ...(shardText !== undefined ? { shard: parseShard(shardText) } : {}),
    ...(latency ? { latency } : {}),
    sdkPass: (stringOption(values, 'sdk-pass') ?? 'auto') as NonNullable<RunConfig['sdkPass']>,
  };
}
