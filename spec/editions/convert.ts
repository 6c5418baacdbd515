/**
 * botocore's service model (service-2.json, parsed) -> an edition: every shape reached from the input,
 * output and errors of CreateEventSourceMapping and of the read-back and delete operations. Pure: the
 * caller reads the file and computes its digest (spec/editions/import-file.ts).
 */
import { shortDoc } from './doc-text.ts';
import { EDITION_OPERATIONS, type Edition, type EditionStamp, type Member, type Operation, type Shape } from './types.ts';

export class ImportError extends Error {
  override name = 'ImportError';
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function withDefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function target(ref: unknown, where: string): string {
  if (!isObject(ref) || typeof ref.shape !== 'string') throw new ImportError(`${where} names no shape`);
  return ref.shape;
}

function convertMember(name: string, raw: unknown, owner: string): Member {
  if (!isObject(raw)) throw new ImportError(`member ${owner}.${name} is not an object`);
  const location = raw.location;
  if (location !== undefined && location !== 'uri' && location !== 'header' && location !== 'querystring') {
    throw new ImportError(`member ${owner}.${name} has an unsupported location ${JSON.stringify(location)}`);
  }
  return withDefined({
    shape: target(raw, `member ${owner}.${name}`), doc: shortDoc(raw.documentation as string | undefined),
    location, locationName: typeof raw.locationName === 'string' ? raw.locationName : undefined,
  }) as Member;
}

/** One botocore shape in the edition's format (constraints renamed by what they bound). */
export function convertShape(name: string, raw: Json): Shape {
  const doc = shortDoc(raw.documentation as string | undefined);
  const min = num(raw.min);
  const max = num(raw.max);
  switch (raw.type) {
    case 'string':
      return withDefined({ type: 'string', minLength: min, maxLength: max, pattern: raw.pattern as string | undefined, enum: raw.enum as string[] | undefined, doc });
    case 'integer': case 'long':
      return withDefined({ type: raw.type, min, max, doc });
    case 'boolean': case 'timestamp':
      return withDefined({ type: raw.type, doc });
    case 'list':
      return withDefined({ type: 'list', member: target(raw.member, `list ${name}`), minSize: min, maxSize: max, doc });
    case 'map':
      return withDefined({ type: 'map', key: target(raw.key, `map ${name} key`), value: target(raw.value, `map ${name} value`), minSize: min, maxSize: max, doc });
    case 'structure': {
      const members = isObject(raw.members) ? raw.members : {};
      const error = isObject(raw.error) && typeof raw.error.httpStatusCode === 'number'
        ? { status: raw.error.httpStatusCode, senderFault: raw.error.senderFault === true } : undefined;
      return withDefined({
        type: 'structure', required: Array.isArray(raw.required) ? (raw.required as string[]) : [],
        members: Object.fromEntries(Object.entries(members).map(([m, v]) => [m, convertMember(m, v, name)])), error, doc,
      });
    }
    default:
      throw new ImportError(`shape ${name} has type ${JSON.stringify(raw.type)}, which editions do not support`);
  }
}

function referencedShapes(shape: Shape): string[] {
  if (shape.type === 'structure') return Object.values(shape.members).map((m) => m.shape);
  if (shape.type === 'list') return [shape.member];
  if (shape.type === 'map') return [shape.key, shape.value];
  return [];
}

function convertOperation(name: string, raw: unknown): Operation {
  if (!isObject(raw) || !isObject(raw.http)) throw new ImportError(`operation ${name} has no http binding`);
  const { method, requestUri, responseCode } = raw.http;
  if (typeof method !== 'string' || typeof requestUri !== 'string') throw new ImportError(`operation ${name} has no method or requestUri`);
  return withDefined({
    http: { method, requestUri, status: typeof responseCode === 'number' ? responseCode : 200 },
    input: target(raw.input, `${name} input`), output: target(raw.output, `${name} output`),
    errors: (Array.isArray(raw.errors) ? raw.errors : []).map((e) => target(e, `${name} error`)),
    doc: shortDoc(raw.documentation as string | undefined),
  });
}

/** The edition of a parsed service-2.json of Lambda; throws ImportError (one line) on anything else. */
export function editionFromBotocore(model: unknown, name: string, stamp: EditionStamp): Edition {
  if (!isObject(model) || !isObject(model.operations) || !isObject(model.shapes) || !isObject(model.metadata)) {
    throw new ImportError('not a botocore service model (no metadata, operations and shapes)');
  }
  const { metadata, operations: rawOps, shapes: rawShapes } = model;
  if (metadata.endpointPrefix !== 'lambda' || metadata.apiVersion !== '2015-03-31') {
    throw new ImportError(`not Lambda's 2015-03-31 model (endpointPrefix ${JSON.stringify(metadata.endpointPrefix)}, apiVersion ${JSON.stringify(metadata.apiVersion)})`);
  }
  if (!isObject(rawOps[EDITION_OPERATIONS[0]])) throw new ImportError(`the model has no ${EDITION_OPERATIONS[0]} operation`);
  const operations = Object.fromEntries(EDITION_OPERATIONS.filter((o) => isObject(rawOps[o])).map((o) => [o, convertOperation(o, rawOps[o])]));
  const shapes: Record<string, Shape> = {};
  const queue = Object.values(operations).flatMap((o) => [o.input, o.output, ...o.errors]);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (shapes[next]) continue;
    const raw = rawShapes[next];
    if (!isObject(raw)) throw new ImportError(`shape ${next} is referenced but not defined`);
    shapes[next] = convertShape(next, raw);
    queue.push(...referencedShapes(shapes[next]!));
  }
  const sorted = Object.fromEntries(Object.keys(shapes).sort().map((k) => [k, shapes[k]!]));
  return {
    $schema: './edition.schema.json', format: 1, name,
    description: `Lambda ${metadata.apiVersion} as botocore's model ${stamp.modelDate ?? ''} describes it`.replace(/ {2,}/g, ' ').trim(),
    stamp,
    service: { apiVersion: String(metadata.apiVersion), protocol: String(metadata.protocol), signingName: String(metadata.signingName ?? metadata.endpointPrefix) },
    operations, shapes: sorted,
  };
}
