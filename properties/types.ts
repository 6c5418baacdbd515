/** The suite's core data: cases, expectations, verdicts and failures. Pure types, no behaviour. */
import type { Outcome, Provenance, ProfileName, Level } from '../spec/index.ts';

/**
 * Placeholders that cases carry instead of real resource names; the engine binds them to the target's
 * resources (bind.ts). Written as `{{NAME}}` inside strings.
 */
export type Placeholder =
  | 'REGION' | 'ACCOUNT' | 'FUNCTION_NAME' | 'VERSION' | 'ALIAS'
  | 'KINESIS_STREAM_ARN' | 'DYNAMODB_STREAM_ARN' | 'MISSING_STREAM_ARN';

export interface Resources {
  region: string;
  account: string;
  functionName: string;
  version: string;
  alias: string;
  kinesisStreamArn: string;
  dynamodbStreamArn: string;
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
export type Scenario = 'create' | 'duplicate';

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

export interface Judgement {
  verdict: Verdict;
  failures: Failure[];
  /** The error code the answer carried, if any (header first, then body). */
  errorCode?: string;
  /** Rules besides the case's own that this answer was checked against (passed unless a failure names them). */
  checked?: string[];
}
