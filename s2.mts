import { startReference } from './reference/server.ts';
import { bareRate } from './bench/network.ts';
import { sendRaw } from './engine/transport/index.ts';
const ref = await startReference();
const body = JSON.stringify({ FunctionName: 'no-such-function', EventSourceArn: ref.resources.kinesisStreamArn, StartingPosition: 'LATEST' });
async function rawLoop(n: number, c: number) {
  let left = n; const t = performance.now();
  await Promise.all(Array.from({ length: c }, async () => { while (left-- > 0) await sendRaw({ endpoint: new URL(ref.url), method: 'POST', path: '/2015-03-31/event-source-mappings', headers: { 'content-type': 'application/json' }, body }, { region: 'us-east-1', service: 'lambda', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, timeoutMs: 5000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }); }));
  return n / (performance.now() - t) * 1000;
}
for (let k = 0; k < 3; k++) console.log('bare', (await bareRate(ref, 5000, 4)).perSecond.toFixed(0), 'sendRaw', (await rawLoop(5000, 4)).toFixed(0));
await ref.close();
