/**
 * What a Ctrl-C (or SIGTERM) means to a run. The run's `signal` stops sending: no new case starts and the
 * requests in flight are aborted. Cleanup (deleting mappings, the sweep, the teardown of provisioned
 * resources) then goes on under `cleanupSignal`, for at most CLEANUP_GRACE_MS, or until a second Ctrl-C
 * fires the caller's own cleanup signal; what is left then is reported as leaks and kept in the ledger.
 */
import { setMaxListeners } from 'node:events';
import type { RunConfig } from './config.ts';

export const CLEANUP_GRACE_MS = 8_000;

export interface CleanupGuard { signal: AbortSignal; dispose(): void }

export function cleanupGuard(config: Pick<RunConfig, 'signal' | 'cleanupSignal'>, graceMs = CLEANUP_GRACE_MS): CleanupGuard {
  const ctrl = new AbortController();
  setMaxListeners(0, ctrl.signal); // every cleanup request listens to it
  const abandon = () => ctrl.abort(new Error('cleanup abandoned'));
  let timer: NodeJS.Timeout | undefined;
  const startGrace = () => {
    timer = setTimeout(abandon, graceMs);
    timer.unref();
  };
  const outer = config.cleanupSignal;
  if (outer?.aborted) abandon();
  else outer?.addEventListener('abort', abandon, { once: true });
  if (config.signal?.aborted) startGrace();
  else config.signal?.addEventListener('abort', startGrace, { once: true });
  return {
    signal: ctrl.signal,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', abandon);
      config.signal?.removeEventListener('abort', startGrace);
    },
  };
}
