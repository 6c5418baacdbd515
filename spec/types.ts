/** Types of the JSON data in spec/. The JSON files are the source of truth; these only describe them. */
export type MemberType = 'integer' | 'boolean' | 'string' | 'timestamp';
export type Level = 'MUST' | 'SHOULD';
export type ProfileName = 'seed' | 'aws';
export const PROFILE_NAMES: readonly ProfileName[] = ['seed', 'aws'];

export interface RequestMember {
  type: MemberType;
  required: boolean;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  bareNameMaxLength?: number;
  pattern?: string;
  enum?: string[];
  /** The order AWS lists the enum values in a ValidationException message (aws-model.json; recorded). */
  enumMessageOrder?: string[];
  source: string;
  doc: string;
}

export interface CrossFieldRule {
  rule: string;
  when: { member: string; equals: unknown };
  requireMember?: string;
  requireEventSource?: string;
}

export interface ResponseMember {
  type: 'integer' | 'string' | 'timestamp';
  minimum?: number;
  maximum?: number;
  pattern?: string;
  enum?: string[];
}

export interface Model {
  modelVersion: string;
  operation: {
    name: string; apiVersion: string; method: string; paths: string[]; successStatus: number;
    contentType: string; signingService: string; source: string;
  };
  semantics: { patternAnchoring: 'full'; lengthUnit: 'code-point' | 'utf16-unit'; timestampEncoding: 'epoch-seconds' };
  eventSources: Record<string, { arnService: string; example: string }>;
  request: { source: string; members: Record<string, RequestMember>; crossField: CrossFieldRule[] };
  response: { source: string; members: Record<string, ResponseMember> };
  errors: { source: string; list: Record<string, { status: number; when: string }> };
}

export type RuleKind =
  | 'protocol' | 'type' | 'range' | 'default' | 'required' | 'pattern' | 'length' | 'enum'
  | 'cross-field' | 'resource' | 'response' | 'state' | 'error' | 'size';

export interface Rule { id: string; section: string; level: Level; kind: RuleKind; description: string; member?: string }

/** One acceptable answer: an HTTP status (or any 4xx) and, optionally, the error codes that may come with it. */
export interface Outcome { status: number | '4xx'; codes?: string[] }

export interface Provenance {
  /** `aws-snapshot`: AWS's answer recorded by a test suite validated against AWS (spec/overlay/types.ts). */
  source: 'seed' | 'aws-observed' | 'aws-snapshot';
  ref: string;
  evidence: 'seed' | 'model' | 'recorded' | 'reported' | 'inferred' | 'unknown';
  via?: string;
}

export interface RuleExpectation {
  outcome?: Outcome[];
  /** Outcomes that replace `outcome` for a named variant of a case (e.g. "null", "beyond-int32"). */
  variantOutcomes?: Record<string, Outcome[]>;
  params?: Record<string, unknown>;
  note?: string;
  provenance: Provenance;
}

export interface Profile { profile: ProfileName; description: string; expectations: Record<string, RuleExpectation> }

/**
 * A parity rule (spec/parity.json): a value real AWS was recorded answering. Checked apart from
 * conformance: a mismatch lowers the parity score and never changes a case's verdict (unless
 * --strict-parity). `on: success` rules look at a 2xx answer to a valid request, `on: error` at an error.
 */
export interface ParityRule {
  id: string;
  description: string;
  on: 'success' | 'error';
  provenance: Provenance;
  note?: string;
  /** success: the response member checked, or a dotted path into one (SelfManagedKafkaEventSourceConfig.ConsumerGroupId). */
  member?: string;
  /** success: the expected value; `{ "absent": true }` means the member must be missing. */
  value?: unknown;
  /** success: the expected value when the request sent Enabled false. */
  whenDisabled?: unknown;
  /** success: the expected value per kind of event source (a kind not listed is not checked). */
  byKind?: Record<string, unknown>;
  /** success: checked only for these kinds of event source. */
  kinds?: string[];
  /** success: the member matches this pattern in full. */
  pattern?: string;
  /** success: the member equals this template rendered from the request and the answer. */
  template?: string;
  /** success: the member equals the value sent (checked only when it was sent). */
  echo?: boolean;
  /** success: checked only when the request did not send the member (of a path: its top-level member) (a default). */
  unlessSent?: boolean;
  /** success: members that are never returned, and members returned only when sent. */
  absent?: string[];
  absentUnlessSent?: string[];
  /** error: the error codes this rule applies to, the body member checked and its value. */
  codes?: string[];
  bodyMember?: string;
  /** error: the key of the message text per error code. */
  messageKey?: Record<string, string>;
  /** error: the case rule (or check-order parity id) whose answer carries this code and message. */
  forRule?: string;
  code?: string;
  /** error: the message template ({sent.Member}, {UUID}); absent: only the code is compared. */
  message?: string;
  /** check order: the rules the case breaks at once (the first one answers). */
  breaks?: string[];
}

export interface ParitySpec { description: string; rules: ParityRule[] }

export interface AwsModel {
  source: string;
  requiredMembers: string[];
  members: Record<string, Partial<RequestMember>>;
  createResponseDefaults: Record<string, unknown>;
  /** Today's patterns of response members where they are wider than the seed's (partitions, gov/iso regions). */
  responseMembers: Record<string, { pattern?: string }>;
  /** Capture groups of members.FunctionName.pattern holding the function name and the qualifier. */
  functionNameGroups: { name: number; qualifier: number };
  errorMessageKey: Record<string, 'message' | 'Message'>;
}
