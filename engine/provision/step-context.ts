import type { ProvisionClients } from './clients.ts';
import type { ResourceKind } from './ledger.ts';
import type { RunRecorder } from './recorder.ts';
import type { PollOptions } from './wait.ts';

export interface StepContext {
  clients: ProvisionClients;
  recorder: RunRecorder;
  runId: string;
  /** The run's resource name: `esm-conformance-<runId>`. */
  name: string;
  poll: PollOptions;
  signal: AbortSignal;
}

/** A create step that failed, with the resource kind it was creating. */
export class StepFailure extends Error {
  constructor(
    readonly step: ResourceKind,
    override readonly cause: unknown,
  ) {
    super(`${step} step failed`);
    this.name = 'StepFailure';
  }
}

export async function inStep<T>(step: ResourceKind, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw error instanceof StepFailure ? error : new StepFailure(step, error);
  }
}
