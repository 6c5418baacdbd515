/**
 * Types of a model edition (spec/editions/<name>.json): one edition of the operation's shapes, in the
 * project's own format (meta-schema: edition.schema.json). The JSON files are the truth; these describe them.
 *
 * Constraint names say what they bound: `min`/`max` a number's range, `minLength`/`maxLength` a string's
 * length in code points, `minSize`/`maxSize` a list's or map's number of entries. Patterns are written as
 * in the model (unanchored) and matched against the whole value (spec/semantics.ts).
 */
export type ScalarType = 'string' | 'integer' | 'long' | 'boolean' | 'timestamp';
export type ShapeType = ScalarType | 'structure' | 'list' | 'map';

interface ShapeBase { doc?: string; source?: string }

export interface StringShape extends ShapeBase {
  type: 'string'; minLength?: number; maxLength?: number; pattern?: string; enum?: string[];
}
export interface NumberShape extends ShapeBase { type: 'integer' | 'long'; min?: number; max?: number }
export interface PlainShape extends ShapeBase { type: 'boolean' | 'timestamp' }
export interface Member {
  shape: string;
  doc?: string;
  /** Where the member travels when not in the JSON body (botocore `location`): the URI, a header, the query. */
  location?: 'uri' | 'header' | 'querystring';
  locationName?: string;
  /** A default the edition's source states in words (the seed page); botocore models state none. */
  default?: unknown;
  source?: string;
}
export interface StructureShape extends ShapeBase {
  type: 'structure'; required: string[]; members: Record<string, Member>;
  /** Set on error shapes: the HTTP status and whether the caller is at fault. */
  error?: { status: number; senderFault: boolean };
}
export interface ListShape extends ShapeBase { type: 'list'; member: string; minSize?: number; maxSize?: number }
export interface MapShape extends ShapeBase { type: 'map'; key: string; value: string; minSize?: number; maxSize?: number }
export type Shape = StringShape | NumberShape | PlainShape | StructureShape | ListShape | MapShape;

export interface HttpBinding { method: string; requestUri: string; status: number }
export interface Operation { http: HttpBinding; input: string; output: string; errors: string[]; doc?: string; source?: string }

export interface EditionStamp {
  /** Where the shapes come from, e.g. "botocore data/lambda/2015-03-31/service-2.json". */
  source: string;
  origin: 'botocore' | 'seed-page';
  /** botocore's version, where the file came from an installed or checked-out botocore. */
  botocoreVersion: string | null;
  /** sha256 (hex) of the source text: the model JSON (after gunzip), or spec/model.json for the seed. */
  sha256: string;
  /** The model's date (YYYY-MM-DD): the date in the edition's name, or the file's date. */
  modelDate?: string;
  note?: string;
}

export interface Edition {
  $schema?: string;
  format: 1;
  name: string;
  description: string;
  stamp: EditionStamp;
  service: { apiVersion: string; protocol: string; signingName: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export interface EditionIndexEntry {
  name: string;
  file: string;
  origin: EditionStamp['origin'];
  modelDate?: string;
  botocoreVersion: string | null;
  /** sha256 of the source text (the stamp's) and of the edition file itself. */
  sourceSha256: string;
  sha256: string;
}

export interface EditionIndex {
  $schema?: string;
  /** alias -> edition name; `aws` is the newest botocore edition, `seed` the seed page. */
  aliases: Record<string, string>;
  editions: EditionIndexEntry[];
}

/** The operations every edition carries (the seed page has only the first). */
export const CREATE = 'CreateEventSourceMapping';
export const READ_BACK = 'GetEventSourceMapping';
export const DELETE = 'DeleteEventSourceMapping';
export const EDITION_OPERATIONS = [CREATE, READ_BACK, DELETE] as const;
