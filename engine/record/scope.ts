/** Which case a request belongs to: the engine runs each case inside `inCase`, the recorder and replayer ask `currentCase`. */
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<string>();

export function inCase<T>(caseId: string, task: () => Promise<T>): Promise<T> {
  return store.run(caseId, task);
}

/** The id of the case whose work is running, or undefined outside any case. */
export function currentCase(): string | undefined {
  return store.getStore();
}
