/**
 * Rule ids of an edition's members follow the member path from the operation's input: `BatchSize.range`,
 * `DestinationConfig.OnFailure.Destination.pattern`; a list's elements are `.member`, a map's keys and
 * values `.key` and `.value` (`Topics.member.length`, `SelfManagedEventSource.Endpoints.size`). For the seed
 * edition these are the ids of spec/rules.json (`FunctionName.pattern`, `StartingPosition.enum`).
 */
import type { Edition, Shape } from '../../spec/editions/types.ts';

export type Constraint = 'type' | 'required' | 'range' | 'length' | 'pattern' | 'enum' | 'size';

export const ruleId = (path: string[], constraint: Constraint): string => [...path, constraint].join('.');

/** The member path and shape at a JSON Pointer into a value of `root` (list indexes and map keys folded into `.member` / `.value`). */
export function pathAt(edition: Edition, root: string, pointer: string): { path: string[]; shape: Shape | undefined } {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let shape: Shape | undefined = edition.shapes[root];
  const path: string[] = [];
  for (const part of parts) {
    if (!shape) break;
    if (shape.type === 'structure') {
      path.push(part);
      const m = shape.members[part];
      shape = m ? edition.shapes[m.shape] : undefined;
    } else if (shape.type === 'list') {
      path.push('member');
      shape = edition.shapes[shape.member];
    } else if (shape.type === 'map') {
      path.push('value');
      shape = edition.shapes[shape.value];
    } else break;
  }
  return { path, shape };
}
