/**
 * GetFunction, ListVersionsByFunction and ListAliases of the seeded function: what a client (the suite's own
 * setup for an --endpoint with given resources) reads to find the function's ARN, a version and an alias.
 */
import { ApiError, NOT_FOUND } from './errors.ts';
import type { Answer, Context } from './create.ts';
import { forFunction, resolveFunction, type ReferenceResources } from './resources.ts';

const READ_STATUS = 200;
const FUNCTIONS = '/2015-03-31/functions/';

function configuration(r: ReferenceResources, version: string): Record<string, unknown> {
  const arn = version === '$LATEST' ? r.functionArn : `${r.functionArn}:${version}`;
  return { FunctionName: r.functionName, FunctionArn: arn, Version: version, Runtime: 'nodejs20.x', Handler: 'index.handler', State: 'Active' };
}

/** The seeded function named by `name` (unqualified spellings only), or ResourceNotFoundException as Lambda answers. */
function seeded(name: string, ctx: Context): ReferenceResources {
  const fn = resolveFunction(ctx.resources, name);
  if (!fn || fn.qualifier !== undefined) throw new ApiError(NOT_FOUND, `Function not found: ${name}`);
  return forFunction(ctx.resources, fn.unqualifiedArn.split(':').pop() ?? ctx.resources.functionName);
}

/** Routes GET /2015-03-31/functions/{name}[/versions|/aliases]; undefined for any other request. */
export function routeFunctions(method: string, path: string, ctx: Context): Answer | undefined {
  if (method !== 'GET' || !path.startsWith(FUNCTIONS)) return undefined;
  const [encoded, sub, ...rest] = path.slice(FUNCTIONS.length).split('/');
  if (encoded === undefined || rest.length > 0) return undefined;
  let name: string;
  try { name = decodeURIComponent(encoded); } catch { return undefined; }
  if (sub === undefined || sub === '') return { status: READ_STATUS, body: { Configuration: configuration(seeded(name, ctx), '$LATEST') } };
  const r = seeded(name, ctx);
  if (sub === 'versions') return { status: READ_STATUS, body: { Versions: [configuration(r, '$LATEST'), configuration(r, r.version)] } };
  if (sub === 'aliases') {
    return { status: READ_STATUS, body: { Aliases: [{ Name: r.alias, FunctionVersion: r.version, AliasArn: `${r.functionArn}:${r.alias}` }] } };
  }
  return undefined;
}
