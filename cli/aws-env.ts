/**
 * The AWS CLI's conventions, applied before a command runs: the region from --region, else AWS_REGION,
 * AWS_DEFAULT_REGION or the credential profile's `region`; the endpoint from --endpoint, else
 * AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL, else the profile's configured endpoint (the `lambda`
 * endpoint_url of its `services` section, else its `endpoint_url`), none of them with
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true or the profile's ignore_configured_endpoint_urls = true; the
 * credential profile from --aws-profile, else AWS_PROFILE. Each value remembers where it came from, for
 * error lines.
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

type Section = Record<string, string | undefined>;

/** The named profile's section of ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), and the config file's `services` sections. */
async function profileSection(name: string, env: NodeJS.ProcessEnv): Promise<{ section?: Section; services: (id: string) => Section | undefined }> {
  const files = await loadSharedConfigFiles({
    ignoreCache: true, ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}), ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
  });
  const section = { ...files.credentialsFile[name], ...files.configFile[name] };
  return { ...(Object.keys(section).length ? { section } : {}), services: (id) => files.configFile[`services.${id}`] };
}

/** A profile's configured Lambda endpoint, as the AWS SDKs read it: its services section's `lambda` endpoint_url, else its endpoint_url. */
function configuredEndpoint(name: string, p: Awaited<ReturnType<typeof profileSection>>): [string, string] | undefined {
  const s = p.section;
  if (!s || s.ignore_configured_endpoint_urls?.trim().toLowerCase() === 'true') return undefined;
  const services = s.services?.trim();
  const own = services ? p.services(services)?.['lambda.endpoint_url']?.trim() : undefined;
  if (own) return [`the lambda endpoint_url of [services ${services}] (profile ${name})`, own];
  const url = s.endpoint_url?.trim();
  return url ? [`the endpoint_url of profile ${name}`, url] : undefined;
}

/** False when configured endpoints are off (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true) or do not apply (a replay). */
function applyEndpoint(values: Values, env: NodeJS.ProcessEnv, sources: AwsSources): boolean {
  if (values.endpoint !== undefined) {
    sources.endpoint = '--endpoint';
    return false;
  }
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true' || values.replay !== undefined) return false;
  const e = fromEnv(env, ['AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL']);
  if (e) [values.endpoint, sources.endpoint] = [e[1], e[0]];
  return e === undefined;
}

/**
 * Fills values.region, values.endpoint and values['aws-profile'] by the conventions; returns where each came
 * from. A named profile that does not exist is refused only where credentials matter (a target endpoint, or
 * `strict`, for cleanup): the embedded target needs none.
 */
export async function applyAwsConventions(values: Values, env: NodeJS.ProcessEnv = process.env, strict = false): Promise<AwsSources> {
  const sources: AwsSources = { region: '--region' };
  const fromProfile = applyEndpoint(values, env, sources);
  const profileFrom = values['aws-profile'] !== undefined ? ['--aws-profile', values['aws-profile'] as string] : fromEnv(env, ['AWS_PROFILE']);
  const name = profileFrom?.[1] ?? 'default';
  const profile = await profileSection(name, env);
  const section = profile.section;
  if (fromProfile) {
    const e = configuredEndpoint(name, profile);
    if (e) [values.endpoint, sources.endpoint] = [e[1], e[0]];
  }
  if (profileFrom) {
    const [from] = profileFrom;
    // Only a named profile must exist; the default one may be absent (credentials from the environment).
    if (!section && name !== 'default' && (strict || values.endpoint !== undefined)) {
      throw new UsageError(`${from} ${name}: no profile [${name}] in ~/.aws/config or ~/.aws/credentials (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)`);
    }
    values['aws-profile'] = name;
    sources.awsProfile = from;
  }
  if (values.region === undefined) {
    const e = fromEnv(env, ['AWS_REGION', 'AWS_DEFAULT_REGION']);
    const own = section?.region;
    const [from, region] = e ?? (own ? [`the region of profile ${profileFrom?.[1] ?? 'default'}`, own] : ['the default', DEFAULT_REGION]);
    values.region = region;
    sources.region = from;
  }
  return sources;
}
