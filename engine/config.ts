/** The engine's run configuration: what the CLI (or a test) asks for. */
import type { ProfileName } from '../spec/index.ts';
import type { Case, Exchange, Resources } from '../properties/types.ts';
import type { CredentialSource, Gate } from './transport/index.ts';

export interface RunConfig {
  /** Target endpoint; absent: the embedded reference target on a free loopback port. */
  endpoint?: string;
  region: string;
  profile: ProfileName;
  /** The model edition whose operation is checked (spec/editions; default `aws`, today's model). */
  edition?: string;
  /** Today's edition, by which an older edition's answers are also read (default: `aws`'s edition now; a replay: the recording's). */
  todayEdition?: string;
  seed: number;
  runs: number;
  only: string[];
  skip: string[];
  /** Run only these case ids (replay of single cases). */
  caseIds: string[];
  /** Run only the random cases at these fast-check paths (`FAMILY:PATH`, as a shrunk failure prints). */
  casePaths?: string[];
  /** Shrink failed random cases against the target (default true; never while recording or replaying). */
  shrink?: boolean;
  /** Requests in flight at once (all lanes and cases together). */
  concurrency: number;
  /** At most this many (function, source) lanes create mappings at once; absent: every lane the resources give. */
  lanes?: number;
  /** Run only shard `index` (1-based) of `count`: the cases whose id hashes to it (the same on every machine). */
  shard?: { index: number; count: number };
  /** Embedded target only: AWS-like latency (Creating/Deleting delays, a request rate), delays times `scale`. */
  latency?: { mode: 'aws'; scale: number };
  timeoutMs: number;
  maxAttempts: number;
  /** Resources that exist on a remote target (functionName and both stream ARNs at least). */
  given: Partial<Resources> & { functionNames?: string[] };
  provision: boolean;
  allowRealAws: boolean;
  /** Embedded target only: start the reference with this named deviation (for catalogue tests and demos). */
  deviation?: string;
  /** Parity mismatches with AWS's recorded values make the run exit 1 (default: scored apart only). */
  strictParity?: boolean;
  /** Send valid cases through @aws-sdk/client-lambda as well. */
  sdk: boolean;
  /**
   * How valid cases meet the SDK: `separate` (sent raw, then created again through the SDK), `combined`
   * (created once, by the SDK, its exact exchange captured and judged), `auto` (default: combined where
   * creates are slow: a non-loopback endpoint or --latency aws; never while recording or replaying).
   */
  sdkPass?: 'auto' | 'separate' | 'combined';
  credentials: CredentialSource;
  ledgerDir?: string;
  /** A label for the target in reports and waivers (default: embedded, or the endpoint's host). */
  targetLabel?: string;
  /** The command line, for the report and the replay commands. */
  command: string;
  /** The run's report folder: a replay command writes elsewhere (`<outDir>/replay`). */
  outDir?: string;
  /** How the user started the suite (`npx esm-conformance`, `npm start --`...), the start of every printed command. */
  invokedAs?: string;
  /** Stops sending: no new case starts, requests in flight are aborted, cleanup begins (a first Ctrl-C). */
  signal?: AbortSignal;
  /** The run's request gate (set by the engine: --concurrency, priorities, the adaptive rate). */
  gate?: Gate;
  /** Abandons cleanup too (a second Ctrl-C); cleanup also ends CLEANUP_GRACE_MS after `signal` (engine/interrupt.ts). */
  cleanupSignal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Each exchange as it goes to the judge (the benchmark times judging over a real run's answers). */
  onJudged?: (c: Case, exchange: Exchange) => void;
  log?: (line: string) => void;
  /** Save every request of the cases and its answer to this folder (see engine/record/). */
  recordDir?: string;
  /** Replace the target's account id by 000000000000 in the recording and in every report. */
  maskAccount?: boolean;
  /** The AWS credential profile in use (--aws-profile or AWS_PROFILE), for error lines. */
  awsProfile?: string;
  /** --provision: keep what was created after the run (for reproductions; `cleanup` deletes it later). */
  keepResources?: boolean;
  /** Run offline against the recording in this folder: no network, nothing set up. */
  replayDir?: string;
}

export class SetupError extends Error {
  override name = 'SetupError';
}
