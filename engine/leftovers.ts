/**
 * Mappings left on given resources (a cleanup cut short, a delete that kept failing) are kept in the
 * ledger under the run's id, so that `cleanup` deletes them later. Provisioned runs need not: their
 * teardown finds every mapping of the run's functions.
 */
import type { Leak } from './cleanup.ts';
import type { RunConfig } from './config.ts';
import { Ledger } from './provision/ledger.ts';
import { endpointKey } from './provision/naming.ts';
import { provisioningEndpoint, type Target } from './target.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function keepInLedger(leaks: Leak[], target: Target, config: RunConfig, runId: string): Promise<void> {
  const uuids = leaks.filter((l) => l.kind === 'event-source-mapping' && UUID.test(l.id)).map((l) => l.id);
  if (uuids.length === 0) return;
  const ledger = new Ledger(config.ledgerDir);
  const endpoint = endpointKey(provisioningEndpoint(target.endpoint));
  try {
    for (const id of uuids) {
      await ledger.record({ runId, kind: 'event-source-mapping', id, endpoint, region: config.region, createdAt: new Date().toISOString(), parent: target.resources.functionName, state: 'created' });
    }
    config.log?.(`${uuids.length} mapping(s) the run could not delete are kept in the ledger ${ledger.dir} (run ${runId}): \`npx tsx runner.ts cleanup\` deletes them`);
  } catch (e) {
    config.log?.(`could not write the ledger ${ledger.dir}: ${(e as Error).message.split('\n')[0]}`);
  }
}
