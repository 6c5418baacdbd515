/**
 * report.json: the contract between the engine and every report writer. Versioned; its JSON Schema is
 * engine/report.schema.json. It never holds credentials, signatures or session tokens.
 */
import type { Level, Outcome, ProfileName, Provenance } from '../spec/index.ts';
import type { CaseRequest, CaseSource, Failure, ParityResult, Verdict } from '../properties/types.ts';

export const REPORT_SCHEMA_VERSION = '1.1.0';

export interface ExpectedRecord {
  outcomes: Outcome[];
  provenance: Provenance;
  note?: string;
}

export interface ObservedRecord {
  /** Absent when no answer could be had (timeout, network). */
  status?: number;
  errorCode?: string;
  /** Redacted response headers (lower-case names). */
  headers: Record<string, string>;
  /** The response body, truncated to a bounded length. */
  body: string;
  /** Why there is no answer, when there is none. */
  problem?: string;
}

/** A failed random case shrunk against the target to its smallest still-failing request. */
export interface ShrunkRecord {
  caseId: string;
  title: string;
  request: CaseRequest;
  /** `FAMILY:PATH`: with the run's --seed, `--path` regenerates exactly this case. */
  path: string;
  shrinks: number;
  rule: string;
  code: string;
  reproduce?: string;
}

export interface CaseResult {
  caseId: string;
  rule: string;
  level: Level;
  title: string;
  valid: boolean;
  scenario: 'create' | 'duplicate' | 'shared-source';
  verdict: Verdict;
  failures: Failure[];
  /** Rules besides `rule` that the answer was checked against (a rule here without a failure passed). */
  checked?: string[];
  /** What each profile expects (the run judges with `report.profile`). */
  expected: Record<ProfileName, ExpectedRecord>;
  observed: ObservedRecord;
  /** The request as sent with resources bound (no credentials: none are ever in the body or path). */
  request: CaseRequest;
  transport: 'raw' | 'sdk' | 'raw+sdk';
  /** When the valid case was also sent through @aws-sdk/client-lambda: did the SDK parse the answer? */
  sdk?: { ok: boolean; detail?: string };
  origin: { source: CaseSource; seed?: number; path?: string };
  attempts: number;
  durationMs: number;
  /**
   * Commands that replay this single case: the suite (writing to its own folder), curl and the AWS CLI against
   * an endpoint that exists after the run (`setup` first: for the embedded target, the serve command), and
   * `note`: what else to know (a provisioned run deleted the resources the request names).
   */
  reproduce: { suite: string; curl: string; awsCli?: string; setup?: string; note?: string };
  /** For a failed random case: the smallest request that still fails the same way. */
  shrunk?: ShrunkRecord;
  /** Parity with AWS's recorded values (spec/parity.json): scored apart, never part of the verdict. */
  parity?: ParityResult[];
  /** INFO notes: what the target chose where AWS's answer is unknown (verdict `info`, never a failure). */
  notes?: Failure[];
  /** Set when a waiver or target deviation record turned a fail into expected-fail. */
  waiver?: { reason: string; link: string; expires?: string };
}

export interface RuleSummary {
  rule: string;
  level: Level;
  section: string;
  description: string;
  counts: Partial<Record<Verdict, number>>;
}

/** One parity rule's tally over the run. */
export interface ParityRuleSummary {
  rule: string;
  description: string;
  checked: number;
  matched: number;
  /** Mismatches that a waiver or target deviation record names. */
  waived: number;
}

/** Parity with AWS's recorded values: matched / checked over every parity check of the run. */
export interface ParitySummary {
  checked: number;
  matched: number;
  /** matched / checked as a percentage with one decimal (100 when nothing was checked). */
  score: number;
  /** true: --strict-parity, an unwaived mismatch makes the run exit 1. */
  strict: boolean;
  rules: ParityRuleSummary[];
}

export interface Report {
  schemaVersion: string;
  suite: { name: string; version: string };
  modelVersion: string;
  /** The model edition the run checked (spec/editions), with the sha256 its index records for the file. */
  edition?: { name: string; sha256: string; source: string };
  profile: ProfileName;
  /** `deviation`: the embedded reference's --deviation (another target than the faithful one: merge tells them apart). */
  target: { endpoint: string; kind: 'embedded' | 'remote' | 'replay'; region: string; label?: string; deviation?: string };
  run: {
    runId: string;
    seed: number;
    runs: number;
    only: string[];
    skip: string[];
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    command: string;
    /** This report holds one shard of the run's cases (--shard); `merge` joins the shards. */
    shard?: { index: number; count: number };
    /** A merged report: the run ids of its shards. */
    mergedFrom?: string[];
  };
  counts: Partial<Record<Verdict, number>>;
  rules: RuleSummary[];
  parity: ParitySummary;
  cases: CaseResult[];
  /** Why the run could not vouch for the target although it ran (nothing valid could be judged, ...): exit 3. */
  incomplete?: string;
  /** Set when a Ctrl-C or SIGTERM stopped the run part-way: the cases that ran are reported, exit 3. */
  interrupted?: string;
  /**
   * How the exit code was decided when not from the verdicts alone: a baseline (--fail-on new-failures
   * exits on new failures only) or a refused certification.
   */
  gate?: { baseline?: { mode: 'any-fail' | 'new-failures'; newFailures: number; failing: number }; certify?: string };
  /** Resources the run created and could not delete. */
  leaks: Array<{ kind: string; id: string; error: string }>;
  /** 0 conformant, 1 any fail, 3 target unreachable or setup failed. */
  exitCode: number;
}
