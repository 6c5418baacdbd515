/**
 * Endpoint parsing for the raw transport, and loopback detection.
 */

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Accepts an absolute http(s) URL naming only scheme, host and optional port
 * (a bare trailing "/" is allowed). Anything else is a ConfigError.
 */
export function parseEndpoint(s: string): URL {
  const shown = JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s);
  let url: URL;
  try {
    url = new URL(s.trim());
  } catch {
    throw new ConfigError(`endpoint ${shown} is not a valid URL; expected http(s)://host[:port]`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`endpoint ${shown} uses ${url.protocol.replace(/:$/, '')}; only http and https are supported`);
  }
  if (url.hostname === '') throw new ConfigError(`endpoint ${shown} has no host`);
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(`endpoint ${shown} must not carry credentials`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new ConfigError(`endpoint ${shown} must not have a path, query or fragment; expected http(s)://host[:port]`);
  }
  return url;
}

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped loopback) and localhost. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === '[::1]') return true;
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}
