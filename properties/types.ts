/** The suite's core data: cases, expectations, verdicts and failures. Pure types, no behaviour. */
import type { Outcome, Provenance, ProfileName, Level } from '../spec/index.ts';

/**
 * Placeholders that cases carry instead of real resource names; the engine binds them to the target's
 * resources (bind.ts). Written as `{{NAME}}` inside strings.
 */
export type Placeholder =
  | 'PARTITION' | 'REGION' | 'ACCOUNT' | 'FUNCTION_NAME' | 'VERSION' | 'ALIAS'
  | 'KINESIS_STREAM_ARN' | 'DYNAMODB_STREAM_ARN' | 'MISSING_STREAM_ARN' | 'MISSING_SQS_ARN' | 'OTHER_FUNCTION_NAME'
  | `SOURCE_${string}`;

export interface Resources {
  region: string;
  account: string;
  functionName: string;
  version: string;
  alias: string;
  kinesisStreamArn: string;
  dynamodbStreamArn: string;
  /** A second function of the target (a mapping of another function on the same source is no conflict); absent: those cases are not run. */
  otherFunctionName?: string;
  /**
   * Event sources of the other kinds (spec/overlay kinds: sqs, msk, mq, documentdb, self-managed-kafka),
   * by kind id: an ARN, or for self-managed Kafka a bootstrap server `host:port`. A kind without one is
   * not run on the target ("not run: no <kind> resource"). Cases name them as {{SOURCE_<KIND>}}
   * (kind id upper-cased, '-' as '_': SOURCE_SQS, SOURCE_SELF_MANAGED_KAFKA).
   * `sqs-fifo` (not a kind: the SQS kind's FIFO variant) names an SQS FIFO queue where the target has one
   * (the embedded reference seeds one), as {{SOURCE_SQS_FIFO}}.
   */
  sources?: Record<string, string>;
}

/** What the target is assumed to hold when the case is sent. */
export interface TargetState {
  functionExists: boolean;
  streamExists: boolean;
  /** The same function+stream mapping was created just before (the duplicate scenario). */
  mappingExists: boolean;
}

export interface CaseRequest {
  /** One of model.operation.paths. */
  path: string;
  /** The JSON body (placeholders unbound), or absent when `raw` is used. */
  body?: Record<string, unknown>;
  /** A body sent verbatim (not JSON, or JSON that a serializer would not produce). */
  raw?: string;
}

export type CaseSource = 'boundary' | 'fixed' | 'random';
/**
 * create: the request alone; duplicate: the same mapping (or `args.precreate`) is created first;
 * shared-source: a mapping of the other function on the same source is created first.
 */
export type Scenario = 'create' | 'duplicate' | 'shared-source';

export interface Case {
  /** Stable id: derived from rule, scenario and canonical request (see case-id.ts), never from run order. */
  id: string;
  /** The rule this case breaks (invalid) or exercises (valid). */
  rule: string;
  /** true: a conformant target accepts it (202); false: it breaks exactly `rule`. */
  valid: boolean;
  scenario: Scenario;
  title: string;
  request: CaseRequest;
  state: TargetState;
  /** Machine-readable facts about the case (member, value kind, boundary...). */
  args: Record<string, unknown>;
  origin: { source: CaseSource; seed?: number; path?: string };
}

/** What one profile expects of one case. */
export interface Expectation {
  profile: ProfileName;
  rule: string;
  /** Acceptable answers (any-of). A 202 outcome means "accepted with a well-formed mapping". */
  outcomes: Outcome[];
  provenance: Provenance;
  note?: string;
}

export type Verdict = 'pass' | 'fail' | 'non-strict' | 'info' | 'inconclusive' | 'expected-fail' | 'error';
export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'non-strict', 'info', 'inconclusive', 'expected-fail', 'error'];

/** A failure is data; text is rendered only in reports. */
export interface Failure {
  code: string;
  rule: string;
  level: Level;
  path: string;
  args: Record<string, unknown>;
  /** The verdict this failure alone gives (fail for MUST, non-strict for SHOULD, info where the profile only informs). */
  verdict: Verdict;
}

/** What the target answered, as the checks see it. */
export interface ObservedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Exchange {
  answer: ObservedAnswer;
  /** The bound request body that was sent (parsed JSON), for echo checks. */
  sent?: Record<string, unknown>;
  /** The answer to GET event-source-mappings/{UUID} after a successful create, when it was read back. */
  readback?: ObservedAnswer;
}

/** One parity check of an answer against a value AWS was recorded answering (spec/parity.json). */
export interface ParityResult {
  rule: string;
  ok: boolean;
  /** JSON pointer into the answer body ('' for the whole answer). */
  path: string;
  expected: unknown;
  got: unknown;
  /** Set when a waiver or target deviation record names this parity rule for the target. */
  waived?: boolean;
}

export interface Judgement {
  verdict: Verdict;
  failures: Failure[];
  /** The error code the answer carried, if any (header first, then body). */
  errorCode?: string;
  /** Rules besides the case's own that this answer was checked against (passed unless a failure names them). */
  checked?: string[];
  /** Parity with AWS's recorded values: scored apart, never part of the verdict. */
  parity?: ParityResult[];
  /** INFO notes (verdict `info`) on what the target chose where AWS's answer is unknown; never part of the verdict. */
  notes?: Failure[];
}
