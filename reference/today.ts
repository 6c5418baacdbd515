/**
 * Today's operation as the reference serves it: the `aws` model edition (spec/editions/, today's
 * botocore model) and the overlay's facts (spec/overlay/). Read once, when the reference is loaded.
 */
import { loadEdition } from '../spec/editions/store.ts';
import type { Edition, Shape, StructureShape } from '../spec/editions/types.ts';
import { overlay, type Kind } from '../spec/overlay/index.ts';

export const TODAY: Edition = loadEdition('aws');

function structure(name: string): StructureShape {
  const s = TODAY.shapes[name];
  if (s?.type !== 'structure') throw new Error(`edition ${TODAY.name}: ${name} is not a structure`);
  return s;
}

/** CreateEventSourceMapping's input and output structures in today's edition. */
export const CREATE_INPUT = structure(TODAY.operations.CreateEventSourceMapping!.input);
export const CREATE_OUTPUT = structure(TODAY.operations.CreateEventSourceMapping!.output);

export function shapeOf(name: string): Shape {
  const s = TODAY.shapes[name];
  if (!s) throw new Error(`edition ${TODAY.name}: no shape ${name}`);
  return s;
}

/** The shape of a top-level request member, or undefined for a member today's edition does not have. */
export function inputMemberShape(member: string): Shape | undefined {
  const m = CREATE_INPUT.members[member];
  return m === undefined ? undefined : shapeOf(m.shape);
}

export function kindById(id: string): Kind {
  const k = overlay.kinds[id];
  if (!k) throw new Error(`overlay: no kind ${id}`);
  return k;
}

/** The overlay's recorded error `id` (its message, and the template of the request's values where it has one). */
export function recordedError(id: string): { code: string; message: string; template?: string } {
  const e = overlay.errors[id];
  if (!e) throw new Error(`overlay: no error ${id}`);
  return e;
}
