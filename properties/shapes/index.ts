/**
 * Generation from an edition's shapes, for any member at any depth and with no per-member code (pure: no
 * file, network or SDK). `shapeCases` gives the deterministic valid boundaries and the invalid values that
 * each break one rule, `valueArbitrary` random valid values, `shapeChecker` the model's verdict on a value.
 */
export { embedCase, shapeCases, type CaseSet, type ShapeCase, type Unreachable } from './cases.ts';
export { invalidArbitrary, valueArbitrary, EXTRA_ENTRIES } from './arbitrary.ts';
export { shapeChecker, editionSchema, type ShapeViolation } from './schema.ts';
export { ruleId, pathAt, type Constraint } from './rule-id.ts';
export { memberPaths, put, ABSENT, type MemberPath } from './paths.ts';
export { shapeRules, type ShapeRule } from './rules.ts';
export { value, ShapeGenerationError, SOME_TIME } from './values.ts';
