/**
 * The AWS CLI's conventions, applied before a command runs: the region from --region, else AWS_REGION,
 * AWS_DEFAULT_REGION or the credential profile's `region`; the endpoint from --endpoint, else
 * AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL, else a named profile's configured endpoint (the `lambda`
 * endpoint_url of its `services` section, else its `endpoint_url`), none of them when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, else the profile's ignore_configured_endpoint_urls, is true; the
 * credential profile from --aws-profile, else AWS_PROFILE. Each value remembers where it came from, for
 * error lines.
 */
import { join } from 'node:path';
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
  // The files of `env` (AWS_CONFIG_FILE, else HOME's .aws/config; likewise the credentials), else the SDK's defaults.
  const home = env.HOME?.trim();
  const configFilepath = env.AWS_CONFIG_FILE ?? (home ? join(home, '.aws', 'config') : undefined);
  const filepath = env.AWS_SHARED_CREDENTIALS_FILE ?? (home ? join(home, '.aws', 'credentials') : undefined);
  const files = await loadSharedConfigFiles({ ignoreCache: true, ...(configFilepath ? { configFilepath } : {}), ...(filepath ? { filepath } : {}) });
  const section = { ...files.credentialsFile[name], ...files.configFile[name] };
  return { ...(Object.keys(section).length ? { section } : {}), services: (id) => files.configFile[`services.${id}`] };
}

/** A boolean setting: true or false (any case), else a usage error naming where it came from. */
function booleanSetting(v: string | undefined, from: string): boolean | undefined {
  const t = v?.trim().toLowerCase();
  if (t === undefined || t === '') return undefined;
  if (t === 'true' || t === 'false') return t === 'true';
  throw new UsageError(`${from}: ${JSON.stringify(v)} is not true or false`);
}

/**
 * A named profile's configured Lambda endpoint, as the AWS SDKs read it: the `lambda` endpoint_url of the
 * `[services NAME]` section its `services` names (a missing section is a usage error, as in the SDKs), else
 * its endpoint_url.
 */
function configuredEndpoint(name: string, p: Awaited<ReturnType<typeof profileSection>>): [string, string] | undefined {
  const s = p.section;
  if (!s) return undefined;
  const services = s.services?.trim();
  if (services) {
    const section = p.services(services);
    if (!section) throw new UsageError(`profile ${name}: services = ${services}, but there is no [services ${services}] section in the config file`);
    const own = section['lambda.endpoint_url']?.trim();
    if (own) return [`the lambda endpoint_url of [services ${services}] (profile ${name})`, own];
  }
  const url = s.endpoint_url?.trim();
  return url ? [`the endpoint_url of profile ${name}`, url] : undefined;
}

/**
 * Fills values.region, values.endpoint and values['aws-profile'] by the conventions; returns where each came
 * from. A named profile that does not exist is refused when --aws-profile names it or where credentials
 * matter (a target endpoint, or `strict`, for cleanup); named by AWS_PROFILE for the embedded target, which
 * needs none, it is a `note`. Configured endpoints are off when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS says so, else when the profile's ignore_configured_endpoint_urls does
 * (the SDKs' order). Unlike the SDKs, only a profile named by --aws-profile or AWS_PROFILE gives an endpoint:
 * the default profile's endpoint_url (often a LocalStack's) must not turn a bare run, whose target is the
 * embedded reference, into a run against another server.
 */
export async function applyAwsConventions(values: Values, env: NodeJS.ProcessEnv = process.env, strict = false, note?: (line: string) => void): Promise<AwsSources> {
  const sources: AwsSources = { region: '--region' };
  const profileFrom = values['aws-profile'] !== undefined ? ['--aws-profile', values['aws-profile'] as string] : fromEnv(env, ['AWS_PROFILE']);
  const name = profileFrom?.[1] ?? 'default';
  const profile = await profileSection(name, env);
  const section = profile.section;
  if (values.endpoint !== undefined) sources.endpoint = '--endpoint';
  else if (values.replay === undefined) {
    const ignore = booleanSetting(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')
      ?? booleanSetting(section?.ignore_configured_endpoint_urls, `ignore_configured_endpoint_urls of profile ${name}`) ?? false;
    const e = ignore ? undefined : fromEnv(env, ['AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL']) ?? (profileFrom ? configuredEndpoint(name, profile) : undefined);
    if (e) [values.endpoint, sources.endpoint] = [e[1], e[0]];
  }
  if (profileFrom) {
    const [from] = profileFrom;
    // Only a named profile must exist; the default one may be absent (credentials from the environment).
    if (!section && name !== 'default') {
      const missing = `${from} ${name}: no profile [${name}] in ~/.aws/config or ~/.aws/credentials (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)`;
      // A flag is the user's own request, and a target needs the credentials: refused. AWS_PROFILE may be set
      // for other tools; the embedded target needs no credentials, so the run goes on with a note.
      if (strict || values.endpoint !== undefined || from === '--aws-profile') throw new UsageError(missing);
      note?.(`note: ${missing}; the embedded target needs no credentials, so it is not used`);
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
