/**
 * Rules of a model edition beyond spec/rules.json, generated from its shapes and the overlay, with the
 * expectation of each profile generated from the rule's kind (no hand-written entry per member):
 * - shape rules (`<member path>.<type|required|range|length|pattern|enum|size>`) of the request members
 *   the seed page does not have, and of the response members it does not have;
 * - per-kind rules of the overlay (`<kind>.<member>.<required|refused|not-for-kind>`, its limits and
 *   cross-field rules), with the recorded error where there is one and the acceptable answers where not;
 * - `response.<Member>.echo` for the members AWS echoes when sent.
 * Pure: the edition and the overlay are passed in.
 */
import type { Edition } from '../../spec/editions/types.ts';
import { CREATE } from '../../spec/editions/types.ts';
import type { AcceptableAnswer, Overlay, OverlayProvenance } from '../../spec/overlay/types.ts';
import { hasRule, model, type GeneratedRule, type Outcome, type ProfileName, type Provenance, type RuleExpectation, type RuleKind } from '../../spec/index.ts';
import { shapeRules } from '../shapes/index.ts';

const SEED_ERRORS = 'API_CreateEventSourceMapping_Errors';
const SEED_BODY = 'API_CreateEventSourceMapping_RequestBody';

/** Request members the seed page defines: their cases and checks are spec/rules.json's. */
export const SEED_MEMBERS: ReadonlySet<string> = new Set(Object.keys(model.request.members));
/** Response members the seed page defines (checked by the seed's response schema). */
export const SEED_RESPONSE_MEMBERS: ReadonlySet<string> = new Set(Object.keys(model.response.members));

const KIND_OF_CONSTRAINT: Record<string, RuleKind> = {
  type: 'type', required: 'required', range: 'range', length: 'length', pattern: 'pattern', enum: 'enum', size: 'size',
};

function provenance(p: OverlayProvenance): Provenance {
  return { source: p.source === 'seed' || p.source === 'aws-snapshot' ? p.source : 'aws-observed', ref: p.ref, evidence: p.evidence, ...(p.via ? { via: p.via } : {}) };
}

export function outcomesOf(accept: readonly AcceptableAnswer[]): Outcome[] {
  return accept.map((a) => ({ status: a.status, ...(a.codes ? { codes: a.codes } : {}) }));
}

/** The seed page's answer to any invalid parameter it does not name: 400 InvalidParameterValueException. */
const SEED_INVALID: RuleExpectation = {
  outcome: [{ status: 400, codes: ['InvalidParameterValueException'] }],
  provenance: { source: 'seed', ref: SEED_ERRORS, evidence: 'seed' },
  note: 'The seed page does not have this member; for an invalid parameter it names 400 InvalidParameterValueException.',
};

function acceptExpectation(o: Overlay, name: string): RuleExpectation {
  const u = o.unrecorded[name];
  if (!u) throw new Error(`overlay has no acceptable answers named ${name}`);
  return { outcome: outcomesOf(u.accept), provenance: provenance(u.provenance), note: `${u.when}: every answer a careful AWS-compatible server could give.` };
}

function errorExpectation(o: Overlay, name: string): RuleExpectation {
  const e = o.errors[name];
  if (!e) throw new Error(`overlay has no recorded error named ${name}`);
  return { outcome: [{ status: e.status, codes: [e.code] }], provenance: provenance(e.provenance), note: `Recorded: ${e.code} "${e.message}".` };
}

/** A valid request of a generated rule is judged by response.status; the entry only carries provenance. */
function checkedBy(ref: string): RuleExpectation {
  return { provenance: { source: 'aws-observed', ref, evidence: 'model' } };
}

function rule(id: string, kind: RuleKind, description: string, member: string, aws: RuleExpectation, seed: RuleExpectation = SEED_INVALID): GeneratedRule {
  return { rule: { id, section: SEED_BODY, level: 'MUST', kind, description, member }, expectations: { aws, seed } as Record<ProfileName, RuleExpectation> };
}

function requestShapeRules(edition: Edition, o: Overlay): GeneratedRule[] {
  const input = edition.operations[CREATE]!.input;
  return shapeRules(edition, input).filter((r) => !SEED_MEMBERS.has(r.member.split('.')[0]!) && !hasRule(r.id)).map((r) => {
    const aws = r.constraint === 'type' ? acceptExpectation(o, 'not-json-or-wrong-type') : acceptExpectation(o, 'model-constraint');
    return rule(r.id, KIND_OF_CONSTRAINT[r.constraint] ?? 'type', `${r.member} ${r.description} (${r.source}).`, r.member, aws);
  });
}

function responseShapeRules(edition: Edition): GeneratedRule[] {
  const output = edition.operations[CREATE]!.output;
  return shapeRules(edition, output).filter((r) => !SEED_RESPONSE_MEMBERS.has(r.member.split('.')[0]!)).map((r) => {
    const id = `response.${r.id}`;
    const e = checkedBy(`Today's members and event-source kinds: Create response for a stream (recorded); the shape ${r.source}`);
    return rule(id, 'response', `A returned ${r.member} ${r.description} (${r.source}).`, `response.${r.member}`, e, { provenance: { source: 'seed', ref: 'API_CreateEventSourceMapping_ResponseSyntax', evidence: 'seed' } });
  });
}

function kindRules(o: Overlay): GeneratedRule[] {
  const out: GeneratedRule[] = [];
  for (const [kind, k] of Object.entries(o.kinds)) {
    for (const [member, use] of Object.entries(k.members)) {
      if (SEED_MEMBERS.has(member) && (use.use === 'required' || use.use === 'allowed') && (kind === 'kinesis' || kind === 'dynamodb')) continue;
      if (member === 'FunctionName' || (member === 'EventSourceArn' && use.use === 'required')) continue;
      if (use.use === 'allowed' || use.use === 'disputed') continue;
      const id = `${kind}.${member}.${use.use}`;
      const aws = use.error ? errorExpectation(o, use.error) : acceptExpectation(o, use.accept ?? (use.use === 'required' ? 'missing-kind-member' : 'not-for-kind'));
      const seed = use.use === 'not-for-kind' ? { ...SEED_INVALID, outcome: [{ status: 202 }, ...SEED_INVALID.outcome!] } : SEED_INVALID;
      const what = use.use === 'required' ? 'is required' : use.use === 'refused' ? 'is refused' : 'is not for this kind (AWS\'s answer unrecorded: ignored or refused)';
      out.push(rule(id, 'cross-field', `For a ${k.title} source, ${member} ${what}.`, member, { ...aws, provenance: { ...aws.provenance, ...provenance(use.provenance) } }, seed));
    }
  }
  return out;
}

function limitAndCrossRules(o: Overlay): GeneratedRule[] {
  const out: GeneratedRule[] = [];
  for (const l of o.limits) {
    // BatchSize.kind-max is the model's own maximum for every kind: BatchSize.range covers it.
    if (hasRule(l.rule) || l.rule === 'BatchSize.kind-max') continue;
    const aws = l.error ? errorExpectation(o, l.error) : acceptExpectation(o, l.accept ?? 'model-constraint');
    out.push(rule(l.rule, 'cross-field', `${l.kinds.join(', ')}${l.variant ? ` (${l.variant})` : ''}: ${l.when.member} > ${l.when.greaterThan}${l.require ? ` needs ${l.require.member} >= ${l.require.atLeast}` : ' is refused'}.`, l.when.member, { ...aws, provenance: provenance(l.provenance) }));
  }
  for (const c of o.crossField) {
    if (hasRule(c.rule)) continue;
    const aws = c.error ? errorExpectation(o, c.error) : acceptExpectation(o, 'model-constraint');
    out.push(rule(c.rule, 'cross-field', `${c.when.member}: ${c.requireValidFilter ? 'every filter pattern must be a valid filter' : 'a cross-field rule of the overlay'}.`, c.when.member, { ...aws, provenance: provenance(c.provenance) }));
  }
  return out;
}

function echoRules(o: Overlay): GeneratedRule[] {
  return o.echo.filter((e) => e.echoed !== false).flatMap((e) => e.members.filter((m) => !SEED_MEMBERS.has(m)).map((m) =>
    rule(`response.${m}.echo`, 'response', e.echoed === 'destinations' ? `A ${m} that was sent comes back with the same non-empty destinations (AWS answers a canonical form).` : `A ${m} that was sent is echoed in the answer (${String(e.echoed)}).`, `response.${m}`,
      { provenance: provenance(e.provenance) }, { provenance: { source: 'seed', ref: 'API_CreateEventSourceMapping_ResponseElements', evidence: 'seed' } })));
}

/** A minimal request for each kind of event source beyond the two streams is accepted. */
function kindRule(): GeneratedRule {
  return rule('EventSourceArn.kind', 'resource', 'A minimal valid request for each kind of event source (SQS, MSK, self-managed Kafka, MQ, DocumentDB) is accepted (202).', 'EventSourceArn',
    checkedBy("Today's members and event-source kinds: Event-source kinds, by EventSourceArn service"), { provenance: { source: 'seed', ref: SEED_BODY, evidence: 'seed' } });
}

/** Every rule the edition adds to spec/rules.json (none for the seed edition, whose shapes are the seed page's). */
export function editionRules(edition: Edition, o: Overlay): GeneratedRule[] {
  if (edition.name === 'seed') return [];
  const all = [kindRule(), ...requestShapeRules(edition, o), ...responseShapeRules(edition), ...kindRules(o), ...limitAndCrossRules(o), ...echoRules(o)];
  const seen = new Set<string>();
  return all.filter((g) => (seen.has(g.rule.id) ? false : (seen.add(g.rule.id), true)));
}
