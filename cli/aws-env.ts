/**
 * The AWS CLI's conventions, applied before a command runs: the region from --region, else AWS_REGION,
 * AWS_DEFAULT_REGION or the credential profile's `region`; the endpoint from --endpoint, else
 * AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true); the credential
 * profile from --aws-profile, else AWS_PROFILE. Each value remembers where it came from, for error lines.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import { UsageError, type Values } from './parse.ts';

export const DEFAULT_REGION = 'us-east-1';

/** Where region, endpoint and credential profile came from: `--region`, `AWS_REGION`, `profile dev`... */
export interface AwsSources { region: string; endpoint?: string; awsProfile?: string }

function fromEnv(env: NodeJS.ProcessEnv, names: string[]): [string, string] | undefined {
  for (const n of names) {
    const v = env[n]?.trim();
    if (v) return [n, v];
  }
  return undefined;
}

/** The named profile's section of ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE). */
async function profileSection(name: string, env: NodeJS.ProcessEnv): Promise<Record<string, string | undefined> | undefined> {
  const files = await loadSharedConfigFiles({
    ignoreCache: true, ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}), ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
  });
  const section = { ...files.credentialsFile[name], ...files.configFile[name] };
  return Object.keys(section).length ? section : undefined;
}

function applyEndpoint(values: Values, env: NodeJS.ProcessEnv, sources: AwsSources): void {
  if (values.endpoint !== undefined) {
    sources.endpoint = '--endpoint';
    return;
  }
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true' || values.replay !== undefined) return;
  const e = fromEnv(env, ['AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL']);
  if (e) [values.endpoint, sources.endpoint] = [e[1], e[0]];
}

/**
 * Fills values.region, values.endpoint and values['aws-profile'] by the conventions; returns where each came
 * from. A named profile that does not exist is refused only where credentials matter (a target endpoint, or
 * `strict`, for cleanup): the embedded target needs none.
 */
export async function applyAwsConventions(values: Values, env: NodeJS.ProcessEnv = process.env, strict = false): Promise<AwsSources> {
  const sources: AwsSources = { region: '--region' };
  applyEndpoint(values, env, sources);
  const profileFrom = values['aws-profile'] !== undefined ? ['--aws-profile', values['aws-profile'] as string] : fromEnv(env, ['AWS_PROFILE']);
  let section: Record<string, string | undefined> | undefined;
  if (profileFrom) {
    const [from, name] = profileFrom;
    section = await profileSection(name!, env);
    // Only a named profile must exist; the default one may be absent (credentials from the environment).
    if (!section && name !== 'default' && (strict || values.endpoint !== undefined)) {
      throw new UsageError(`${from} ${name}: no profile [${name}] in ~/.aws/config or ~/.aws/credentials (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)`);
    }
    values['aws-profile'] = name;
    sources.awsProfile = from;
  }
  if (values.region === undefined) {
    const e = fromEnv(env, ['AWS_REGION', 'AWS_DEFAULT_REGION']);
    const own = section?.region ?? (profileFrom ? undefined : (await profileSection('default', env))?.region);
    const [from, region] = e ?? (own ? [`the region of profile ${profileFrom?.[1] ?? 'default'}`, own] : ['the default', DEFAULT_REGION]);
    values.region = region;
    sources.region = from;
  }
  return sources;
}
