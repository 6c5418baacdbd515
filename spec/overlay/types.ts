/** Types of the overlay (spec/overlay/overlay.json): facts the official model lacks, each with provenance. */
export interface OverlayProvenance {
  /**
   * `aws-snapshot`: an answer of AWS recorded in a public test suite that is validated against AWS
   * (LocalStack's snapshot tests); `ref` names the repository at its commit, the file and the test, and the
   * date it was last validated against AWS.
   */
  source: 'aws-observed' | 'aws-snapshot' | 'model' | 'seed';
  /** aws-observed.md "<section>: <item>", or "<Shape>.<Member> documentation" of the model. */
  ref: string;
  evidence: 'model' | 'recorded' | 'reported' | 'inferred' | 'unknown';
  via?: string;
  note?: string;
}
export interface Fact<T = unknown> { value: T; provenance: OverlayProvenance }

/**
 * How a kind of event source treats a member: required; allowed; not-for-kind (the model or aws-observed.md
 * gives it to other kinds, AWS's answer unrecorded: `accept` names the acceptable answers); disputed (the
 * sources disagree: also `accept`); refused (a recorded refusal: `error`).
 */
export type MemberUse = 'required' | 'allowed' | 'not-for-kind' | 'disputed' | 'refused';
/**
 * `value`: what the member sends as a recorded request sent it: the kind's minimal valid request (a required
 * member) and the kind rule's case (a refused member) send it instead of the model's minimal value.
 */
export interface KindMember { use: MemberUse; provenance: OverlayProvenance; error?: string; accept?: string; value?: Fact }

export type Recognition = { eventSourceArnService: string } | { selfManagedEndpoint: string };
export interface Kind {
  title: string;
  recognise: Fact<Recognition>;
  variants?: Record<string, Fact<{ arnResourceSuffix: string }>>;
  startingPositions: Fact<string[]>;
  /** Member paths (`DestinationConfig.OnSuccess`) -> use; every request member of today's edition is listed. */
  members: Record<string, KindMember>;
  defaults: Record<string, Fact>;
  response?: { absent?: Fact<string[]>; absentUnlessSent?: Fact<string[]> };
  /** The error (errors.<id>) AWS answers a second mapping of the same function on the same source, where recorded. */
  duplicate?: string;
  /** false: AWS's answer to a create on this kind is not recorded; every valid request of it may be refused (a refusal passes, INFO). */
  createRecorded?: Fact<boolean>;
}

export interface Condition { member: string; equals?: unknown; present?: boolean; greaterThan?: number; atLeast?: number }
export interface OverlayCrossField {
  rule: string; when: Condition; requireMember?: string; requireKind?: string[]; requireValidFilter?: boolean;
  error?: string; provenance: OverlayProvenance;
}
export interface OverlayLimit {
  rule: string; kinds: string[]; variant?: string; when: Condition; require?: Condition; error?: string; accept?: string;
  provenance: OverlayProvenance;
}
/** `destinations`: AWS answers a canonical form of the member: only the sent non-empty destinations are held to the answer. */
export interface EchoFact { members: string[]; echoed: boolean | 'when-sent' | 'when-non-empty' | 'destinations'; provenance: OverlayProvenance }
/** Enum values of a member path (`a.member.b` inside lists) that the model documents for these kinds only. */
export interface ValueKinds { member: string; values: string[]; kinds: string[]; provenance: OverlayProvenance }
/** Model-valid numbers of a member path that the documentation says these kinds refuse (`range`: inclusive). */
export interface DoubtfulRange { member: string; kinds: string[]; range: [number, number]; provenance: OverlayProvenance }
export interface RecordedError { status: number; code: string; message: string; template?: string; provenance: OverlayProvenance }
export interface AcceptableAnswer { status: number | '4xx'; codes?: string[]; parseableError?: boolean; note?: string }
export interface Unrecorded { when: string; accept: AcceptableAnswer[]; provenance: OverlayProvenance }

export interface Overlay {
  format: 1;
  description: string;
  functionName: { bareNameMaxLength: Fact<number> };
  enabledDefault: Fact<boolean>;
  disabledState: Fact<string>;
  checkOrder: Fact<string[]>;
  uuidLength: Fact<number>;
  eventSourceMappingArn: Fact<string>;
  kinds: Record<string, Kind>;
  crossField: OverlayCrossField[];
  limits: OverlayLimit[];
  echo: EchoFact[];
  errors: Record<string, RecordedError>;
  unrecorded: Record<string, Unrecorded>;
  valueKinds?: ValueKinds[];
  doubtfulRanges?: DoubtfulRange[];
  /** AWS's general tag restrictions: a free map key or value beyond them may be refused. */
  tagRules?: Fact<{ keyMaxLength: number; valueMaxLength: number; characters: string; reservedKeyPrefix: string }>;
}
