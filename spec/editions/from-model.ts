/**
 * The `seed` edition: the seed page exactly, as spec/model.json encodes it, in the editions' format.
 * Member shapes are named after their members (the page names no shapes). Facts that are not shapes
 * (the 64-character bare name, cross-field rules, event-source kinds) stay in model.json and the overlay.
 */
import type { Model, RequestMember, ResponseMember } from '../types.ts';
import { CREATE, type Edition, type Member, type Shape, type StructureShape } from './types.ts';

export const SEED_INPUT = 'CreateEventSourceMappingRequest';
export const SEED_OUTPUT = 'EventSourceMappingConfiguration';

function shapeOf(m: RequestMember | ResponseMember, source?: string): Shape {
  const src = source ? { source } : {};
  switch (m.type) {
    case 'integer': return { type: 'integer', ...(m.minimum !== undefined ? { min: m.minimum } : {}), ...(m.maximum !== undefined ? { max: m.maximum } : {}), ...src };
    case 'string': {
      const r = m as RequestMember;
      return {
        type: 'string', ...(r.minLength !== undefined ? { minLength: r.minLength } : {}), ...(r.maxLength !== undefined ? { maxLength: r.maxLength } : {}),
        ...(m.pattern !== undefined ? { pattern: m.pattern } : {}), ...(m.enum !== undefined ? { enum: [...m.enum] } : {}), ...src,
      };
    }
    default: return { type: m.type, ...src };
  }
}

/** Adds the member's shape under its own name, or reuses an identical shape already there (BatchSize in and out). */
function place(shapes: Record<string, Shape>, name: string, shape: Shape): string {
  const plain = (s: Shape): string => JSON.stringify({ ...s, source: undefined });
  if (!shapes[name] || plain(shapes[name]) === plain(shape)) {
    shapes[name] ??= shape;
    return name;
  }
  shapes[`Response${name}`] = shape;
  return `Response${name}`;
}

export function seedEdition(model: Model, modelSha256: string): Edition {
  const shapes: Record<string, Shape> = {};
  const input: StructureShape = { type: 'structure', required: [], members: {}, source: model.request.source };
  for (const [name, m] of Object.entries(model.request.members)) {
    const member: Member = { shape: place(shapes, name, shapeOf(m, m.source)), doc: m.doc, source: m.source };
    if (m.default !== undefined) member.default = m.default;
    input.members[name] = member;
    if (m.required) input.required.push(name);
  }
  const output: StructureShape = { type: 'structure', required: [], members: {}, source: model.response.source };
  for (const [name, m] of Object.entries(model.response.members)) {
    output.members[name] = { shape: place(shapes, name, shapeOf(m, model.response.source)), source: model.response.source };
  }
  shapes[SEED_INPUT] = input;
  shapes[SEED_OUTPUT] = output;
  for (const [name, e] of Object.entries(model.errors.list)) {
    shapes[name] = { type: 'structure', required: [], members: {}, error: { status: e.status, senderFault: e.status < 500 }, doc: e.when, source: model.errors.source };
  }
  const op = model.operation;
  return {
    $schema: './edition.schema.json', format: 1, name: 'seed',
    description: 'The seed page (CreateEventSourceMapping, API version 2015-03-31) as written, from spec/model.json',
    stamp: {
      source: 'seed page CreateEventSourceMapping-2015-03-31.md, encoded in spec/model.json', origin: 'seed-page', botocoreVersion: null,
      sha256: modelSha256, note: "sha256 is spec/model.json's; the page equals botocore's model of 2016-12-01 (edition aws-2016-12-01) but for the differences the editions test lists",
    },
    service: { apiVersion: op.apiVersion, protocol: 'rest-json', signingName: op.signingService },
    operations: {
      [CREATE]: {
        http: { method: op.method, requestUri: op.paths[0]!, status: op.successStatus },
        input: SEED_INPUT, output: SEED_OUTPUT, errors: Object.keys(model.errors.list), source: op.source,
      },
    },
    shapes: Object.fromEntries(Object.keys(shapes).sort().map((k) => [k, shapes[k]!])),
  };
}
