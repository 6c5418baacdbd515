/**
 * The config file: esm-conformance.config.json in the working directory, or the file named by --config.
 * Its JSON Schema is made from the options table (every option but help, version and config), so that
 * the file and the command line cannot drift; the command line wins over the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { OPTIONS, type OptionSpec } from './options.ts';
import { UsageError, type Values } from './parse.ts';

export const CONFIG_FILE = 'esm-conformance.config.json';
const NOT_IN_FILE = new Set(['help', 'version', 'config']);

function isNumeric(o: OptionSpec): boolean {
  return o.arg === 'N' || o.arg === 'MS';
}

function optionSchema(o: OptionSpec): Record<string, unknown> {
  const description = o.help;
  if (o.type === 'boolean') return { type: 'boolean', description };
  if (o.choices) return { enum: o.choices, description };
  if (isNumeric(o)) return { type: 'integer', minimum: 0, description };
  if (o.multiple) return { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description };
  return { type: 'string', description };
}

/** The JSON Schema of the config file: one property per option of the table, nothing else. */
export function configSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = { $schema: { type: 'string' } };
  for (const o of OPTIONS) if (!NOT_IN_FILE.has(o.name)) properties[o.name] = optionSchema(o);
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'esm-conformance config file', type: 'object', properties, additionalProperties: false };
}

const validate = new Ajv({ allErrors: true, strict: true }).compile(configSchema());

/** Reads and checks the config file; undefined when none is named and none is in the working directory. */
export function readConfigFile(named: string | undefined, cwd = process.cwd()): { file: string; values: Values } | undefined {
  const file = named ?? (existsSync(`${cwd}/${CONFIG_FILE}`) ? `${cwd}/${CONFIG_FILE}` : undefined);
  if (!file) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`config file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]}`);
  }
  if (!validate(data)) {
    const errs = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
    throw new UsageError(`config file ${file}: ${errs.join('; ')}`);
  }
  const values: Values = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (k === '$schema') continue;
    values[k] = typeof v === 'number' ? String(v) : (v as Values[string]);
  }
  return { file, values };
}
