import { describe, expect, it } from 'vitest';
import { hasRule, isParityRule, rules } from '../spec/index.ts';
import { COLLECTION, create, errorCode, getMapping, type RawAnswer } from '../reference/client.ts';
import { DEVIATION_NAMES, DEVIATIONS, type DeviationName } from '../reference/deviations.ts';
import { startReference, type ReferenceHandle, type ReferenceResources } from '../reference/server.ts';

type Probe = (url: string, r: ReferenceResources) => Promise<unknown>;

const valid = (r: ReferenceResources, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ FunctionName: r.functionName, EventSourceArn: r.kinesisStreamArn, StartingPosition: 'LATEST', ...extra });
/** Accepted (2xx) or the error code: what a profile judges, independent of the exact success status. */
const verdict = (a: RawAnswer): string => (a.status >= 200 && a.status < 300 ? 'accepted' : `${a.status} ${errorCode(a) ?? '?'}`);
const member = (name: string, extra: (r: ReferenceResources) => Record<string, unknown> = () => ({})): Probe =>
  async (url, r) => (await create(url, valid(r, extra(r)))).json?.[name];
const outcome = (extra: (r: ReferenceResources) => Record<string, unknown>): Probe =>
  async (url, r) => verdict(await create(url, valid(r, extra(r))));

/** The message of an error answer, under either key. */
const textOf = (a: RawAnswer): string => String(a.json?.message ?? a.json?.Message ?? '');

/** For each deviation: a probe and what it observes on the faithful server and on the deviation. */
const PROBES: Record<DeviationName, { probe: Probe; faithful: unknown; deviant: unknown }> = {
  'status-200': { probe: async (url, r) => (await create(url, valid(r))).status, faithful: 202, deviant: 200 },
  'error-code-in-body': {
    // A wrong JSON type: an error that no other deviation changes.
    probe: async (url, r) => { const a = await create(url, valid(r, { StartingPosition: 1 })); return [a.headers.get('x-amzn-errortype'), a.json?.__type]; },
    faithful: ['InvalidParameterValueException', undefined], deviant: [null, 'InvalidParameterValueException'],
  },
  'enum-wrong-code': { probe: outcome(() => ({ StartingPosition: 'invalid' })), faithful: '400 ValidationException', deviant: '400 InvalidParameterValueException' },
  'batch-size-no-max': { probe: outcome(() => ({ BatchSize: 10001 })), faithful: '400 ValidationException', deviant: 'accepted' },
  'batch-size-no-min': { probe: outcome(() => ({ BatchSize: 0 })), faithful: '400 ValidationException', deviant: 'accepted' },
  'function-name-unanchored': { probe: outcome((r) => ({ FunctionName: `${r.functionName}!` })), faithful: '400 ValidationException', deviant: 'accepted' },
  'function-name-no-length': {
    probe: async (url, r) => [verdict(await create(url, valid(r, { FunctionName: 'a'.repeat(257) }))), verdict(await create(url, valid(r, { FunctionName: 'a'.repeat(65) })))],
    faithful: ['400 ValidationException', '400 ValidationException'],
    deviant: ['400 InvalidParameterValueException', '400 InvalidParameterValueException'],
  },
  'event-source-arn-no-pattern': {
    probe: outcome((r) => ({ EventSourceArn: r.kinesisStreamArn.replace(r.account, '12345') })),
    faithful: '400 ValidationException', deviant: '400 InvalidParameterValueException',
  },
  'starting-position-case-insensitive': {
    probe: async (url, r) => { const a = await create(url, valid(r, { StartingPosition: 'latest' })); return [a.status < 300, a.json?.StartingPosition]; },
    faithful: [false, undefined], deviant: [true, 'LATEST'],
  },
  'starting-position-optional': { probe: outcome(() => ({ StartingPosition: undefined })), faithful: '400 InvalidParameterValueException', deviant: 'accepted' },
  'at-timestamp-without-timestamp': { probe: outcome(() => ({ StartingPosition: 'AT_TIMESTAMP' })), faithful: '400 InvalidParameterValueException', deviant: 'accepted' },
  'at-timestamp-on-dynamodb': {
    probe: outcome((r) => ({ EventSourceArn: r.dynamodbStreamArn, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1700000000 })),
    faithful: '400 InvalidParameterValueException', deviant: 'accepted',
  },
  'duplicates-allowed': {
    probe: async (url, r) => { await create(url, valid(r)); return verdict(await create(url, valid(r))); },
    faithful: '409 ResourceConflictException', deviant: 'accepted',
  },
  'missing-function-404': { probe: outcome(() => ({ FunctionName: 'no-such-function' })), faithful: '400 InvalidParameterValueException', deviant: '404 ResourceNotFoundException' },
  'batch-size-default-10': { probe: member('BatchSize'), faithful: 100, deviant: 10 },
  'function-arn-drops-qualifier': {
    probe: async (url, r) => (await create(url, valid(r, { FunctionName: `${r.functionName}:${r.alias}` }))).json?.FunctionArn === `${r.functionArn}:${r.alias}`,
    faithful: true, deviant: false,
  },
  'no-last-processing-result': { probe: async (url, r) => 'LastProcessingResult' in ((await create(url, valid(r))).json ?? {}), faithful: true, deviant: false },
  'state-active': { probe: async (url, r) => (await create(url, valid(r))).json?.State === 'Active', faithful: false, deviant: true },
  'last-modified-iso': { probe: async (url, r) => typeof (await create(url, valid(r))).json?.LastModified, faithful: 'number', deviant: 'string' },
  'non-json-500': { probe: async (url) => verdict(await create(url, '{not json')), faithful: '400 InvalidParameterValueException', deviant: '500 ServiceException' },
  'trailing-slash-only': {
    probe: async (url, r) => [verdict(await create(url, valid(r), COLLECTION)), verdict(await create(url, valid(r, { EventSourceArn: r.dynamodbStreamArn }), `${COLLECTION}/`))],
    faithful: ['accepted', 'accepted'], deviant: ['404 UnknownOperationException', 'accepted'],
  },
  'uuid-not-readable': {
    probe: async (url, r) => {
      const a = await create(url, valid(r));
      return (await getMapping(url, String(a.json?.UUID))).status;
    },
    faithful: 200, deviant: 404,
  },
  'wrong-types-coerced': {
    probe: async (url, r) => {
      const batch = await create(url, valid(r, { BatchSize: '100' }));
      const enabled = await create(url, valid(r, { EventSourceArn: r.dynamodbStreamArn, Enabled: 'false' }));
      return [verdict(batch), batch.json?.BatchSize, verdict(enabled), enabled.json?.State];
    },
    faithful: ['400 InvalidParameterValueException', undefined, '400 InvalidParameterValueException', undefined],
    deviant: ['accepted', 100, 'accepted', 'Disabled'],
  },
  'unknown-members-ignored': {
    probe: async (url, r) => { const a = await create(url, valid(r, { UnknownMember: 'x' })); return [verdict(a), a.json?.UnknownMember]; },
    faithful: ['400 InvalidParameterValueException', undefined], deviant: ['accepted', undefined],
  },
  'missing-stream-accepted': {
    probe: outcome((r) => ({ EventSourceArn: r.kinesisStreamArn.replace('esm-conformance-stream', 'other-stream') })),
    faithful: '400 InvalidParameterValueException', deviant: 'accepted',
  },
  'function-name-required-404': {
    probe: outcome(() => ({ FunctionName: undefined })), faithful: '400 ValidationException', deviant: '404 ResourceNotFoundException',
  },
  'event-source-arn-required-500': {
    probe: outcome(() => ({ EventSourceArn: undefined })), faithful: '400 InvalidParameterValueException', deviant: '500 ServiceException',
  },
  'error-message-capitalised': {
    probe: async (url, r) => {
      const keys = async (a: Promise<RawAnswer>) => { const j = (await a).json ?? {}; return [typeof j.message, typeof j.Message]; };
      return [await keys(create(url, valid(r, { StartingPosition: 1 }))), await keys(getMapping(url, 'no-such-uuid'))];
    },
    faithful: [['string', 'undefined'], ['undefined', 'string']],
    deviant: [['undefined', 'string'], ['undefined', 'string']],
  },
  'event-source-arn-not-echoed': {
    probe: async (url, r) => {
      const echoed = (await create(url, valid(r, { EventSourceArn: r.dynamodbStreamArn }))).json?.EventSourceArn;
      return [echoed === r.dynamodbStreamArn, echoed === r.dynamodbStreamArn.split('/stream/')[0]];
    },
    faithful: [true, false], deviant: [false, true],
  },
  'batch-size-not-echoed': { probe: member('BatchSize', () => ({ BatchSize: 5 })), faithful: 5, deviant: 100 },
  'one-mapping-per-stream': {
    probe: async (url, r) => { await create(url, valid(r, { FunctionName: r.otherFunctionName })); return verdict(await create(url, valid(r))); },
    faithful: 'accepted', deviant: '409 ResourceConflictException',
  },
  'state-enabled-on-create': { probe: async (url, r) => (await create(url, valid(r))).json?.State === 'Enabled', faithful: false, deviant: true },
  'transition-reason-user-initiated': { probe: member('StateTransitionReason'), faithful: 'User action', deviant: 'User initiated' },
  'processing-result-ok': { probe: async (url, r) => (await create(url, valid(r))).json?.LastProcessingResult === 'OK', faithful: false, deviant: true },
  'uuid-without-dashes': { probe: async (url, r) => String((await create(url, valid(r))).json?.UUID).length, faithful: 36, deviant: 32 },
  'mapping-arn-missing': { probe: async (url, r) => typeof (await create(url, valid(r))).json?.EventSourceMappingArn, faithful: 'string', deviant: 'undefined' },
  'starting-position-not-echoed': { probe: member('StartingPosition', () => ({ StartingPosition: 'TRIM_HORIZON' })), faithful: 'TRIM_HORIZON', deviant: undefined },
  'never-returned-members-returned': {
    probe: async (url, r) => { const j = (await create(url, valid(r))).json ?? {}; return ['Enabled' in j, 'Tags' in j]; },
    faithful: [false, false], deviant: [true, true],
  },
  'stream-defaults-missing': { probe: member('ParallelizationFactor'), faithful: 1, deviant: undefined },
  'kafka-consumer-group-named': {
    probe: async (url, r) => {
      const kafka = { FunctionName: r.functionName, Topics: ['orders'], SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [r.sources!['self-managed-kafka']] } },
        SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: `arn:aws:secretsmanager:${r.region}:${r.account}:secret:esm-conformance-kafka-auth` }] };
      const j = (await create(url, kafka)).json ?? {};
      // The mapping's own UUID (in whatever form the UUID deviations give it), not a name.
      return /^[0-9a-f-]{32,36}$/.test(String((j.SelfManagedKafkaEventSourceConfig as { ConsumerGroupId?: unknown } | undefined)?.ConsumerGroupId));
    },
    faithful: true, deviant: false,
  },
  'kafka-starting-position-latest': {
    probe: async (url, r) => {
      const kafka = { FunctionName: r.functionName, Topics: ['positions'], SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [r.sources!['self-managed-kafka']] } },
        SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: `arn:aws:secretsmanager:${r.region}:${r.account}:secret:esm-conformance-kafka-auth` }] };
      return (await create(url, kafka)).json?.StartingPosition === 'LATEST';
    },
    faithful: false, deviant: true,
  },
  'error-type-missing': { probe: async (url, r) => 'Type' in ((await create(url, valid(r, { FunctionName: 'no-such-function' }))).json ?? {}), faithful: true, deviant: false },
  'messages-reworded': {
    probe: async (url, r) => textOf(await create(url, valid(r, { FunctionName: 'no-such-function' }))).startsWith('Request failed: '),
    faithful: false, deviant: true,
  },
  'lookups-before-validation': {
    // The same mapping again with a StartingPosition outside the enum: validation first (any code), or the conflict.
    probe: async (url, r) => { await create(url, valid(r)); return textOf(await create(url, valid(r, { StartingPosition: 'invalid' }))).includes('validation error detected'); },
    faithful: true, deviant: false,
  },
  'function-before-event-source': {
    probe: async (url, r) => textOf(await create(url, valid(r, { FunctionName: 'no-such-function', EventSourceArn: undefined }))).includes('Function does not exist'),
    faithful: false, deviant: true,
  },
  'source-before-function': {
    probe: async (url, r) => textOf(await create(url, valid(r, { FunctionName: 'no-such-function', EventSourceArn: r.kinesisStreamArn.replace('esm-conformance-stream', 'gone') }))).includes('Stream not found'),
    faithful: false, deviant: true,
  },
};

describe('the deviation catalogue', () => {
  it('names at least 30 deviations, each with a description and known rule ids', () => {
    expect(DEVIATION_NAMES.length).toBeGreaterThanOrEqual(30);
    for (const name of DEVIATION_NAMES) {
      const d = DEVIATIONS[name];
      expect(d?.description.length).toBeGreaterThan(10);
      expect(d?.rules.length).toBeGreaterThan(0);
      const known = d?.kind === 'parity' ? isParityRule : hasRule;
      for (const rule of d?.rules ?? []) expect(known(rule), `${name}: ${rule}`).toBe(true);
    }
  });
  it('covers every kind of rule (spec/rules.json): some deviation names a rule of each kind', () => {
    const named = new Set(DEVIATION_NAMES.flatMap((n) => DEVIATIONS[n]!.rules));
    const uncovered = [...new Set(rules.map((r) => r.kind))].filter((kind) => !rules.some((r) => r.kind === kind && named.has(r.id)));
    expect(uncovered).toEqual([]);
  });
  it('refuses an unknown deviation name', async () => {
    await expect(startReference({ deviation: 'no-such-deviation' })).rejects.toThrow(/unknown deviation/);
  });
});

describe('each deviation departs from AWS in its own way, and only there', () => {
  /** Runs a probe on a fresh server (faithful when `deviation` is ''), so that probes cannot disturb each other. */
  async function observe(deviation: string, probe: DeviationName): Promise<unknown> {
    const s: ReferenceHandle = await startReference(deviation ? { deviation } : {});
    try {
      return await PROBES[probe].probe(s.url, s.resources);
    } finally {
      await s.close();
    }
  }

  it.each(DEVIATION_NAMES)('%s', async (name) => {
    const { faithful, deviant } = PROBES[name];
    expect(await observe('', name)).toEqual(faithful);
    expect(await observe(name, name)).toEqual(deviant);
    const elsewhere: string[] = [];
    for (const other of DEVIATION_NAMES.filter((n) => n !== name)) {
      const seen = await observe(name, other);
      if (JSON.stringify(seen) !== JSON.stringify(PROBES[other].faithful)) elsewhere.push(`${other}: ${JSON.stringify(seen)}`);
    }
    expect(elsewhere).toEqual([]);
  });
});
