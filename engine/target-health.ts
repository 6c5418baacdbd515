/**
 * Whether the target is still there. A target that refuses every connection (nothing listens any more: the
 * emulator died, the tunnel closed) for LOST_AFTER requests in a row, with no answer in between, has gone:
 * the run stops sending instead of spending its remaining cases on it, and says so (exit 3). Resets,
 * timeouts and 5xx are faults of a live target and never count.
 */
import type { RawResult } from './transport/index.ts';

/** Requests in a row (each after its own retries) whose connection was refused. */
export const LOST_AFTER = 12;

/**
 * Codes of a connection never made: nothing listens, no route, no such host (the one list: the provisioning
 * errors and the setup messages read it too). A certificate refused or a reset is a target that answers.
 */
export const SILENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

const SILENT_TEXT = new RegExp(`\\b(${[...SILENT_CODES].join('|')})\\b`);

/** Does an error text (a network outcome's message, a leak's error) name one of SILENT_CODES? */
export function mentionsSilent(text: string): boolean {
  return SILENT_TEXT.test(text);
}

export class TargetHealth {
  private refusedInRow = 0;
  /** Why the target was declared gone, once it was. */
  lost: string | undefined;

  constructor(private readonly onLost: (why: string) => void, private readonly threshold = LOST_AFTER) {}

  observe(r: RawResult): void {
    if (r.kind === 'response') {
      this.refusedInRow = 0;
      return;
    }
    if (r.kind !== 'network' || !mentionsSilent(r.message)) return;
    this.refusedInRow += 1;
    if (this.refusedInRow >= this.threshold && this.lost === undefined) {
      this.lost = `${this.threshold} requests in a row could not connect (${r.message})`;
      this.onLost(this.lost);
    }
  }
}
