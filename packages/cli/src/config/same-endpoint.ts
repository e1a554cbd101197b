/**
 * When a `--url` is "the same endpoint" as one of the config, so that the endpoint's `protected` and
 * `read_only` settings apply to it. URL strings are not compared as written: `http://[::ffff:127.0.0.1]:80`,
 * `HTTP://127.0.0.1.` and `http://127.0.0.1` reach the same server, and so must meet the same guard.
 */

/** An origin and context path in the one spelling used for comparison. */
export interface EndpointIdentity {
  scheme: string;
  host: string;
  port: string;
  /** Undefined when the URL named no path (it then matches an endpoint with any context path). */
  path: string | undefined;
}

const defaultPorts: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * The host as compared: lower case (the URL parser does that, and turns `0x7f.1` or `2130706433`
 * into `127.0.0.1`), without trailing dots (`example.com.` is the fully qualified `example.com`),
 * and an IPv4-mapped IPv6 address (`[::ffff:7f00:1]`) as the IPv4 address it maps.
 */
export function canonicalHost(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  const dotted = /^\[::ffff:(\d{1,3}(?:\.\d{1,3}){3})\]$/.exec(host); // as typed, before the URL parser
  if (dotted) return dotted[1] as string;
  const mapped = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(host);
  if (!mapped) return host;
  const high = parseInt(mapped[1] as string, 16);
  const low = parseInt(mapped[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * A context path as the server resolves it: `.`/`..` segments applied, percent-encoded unreserved
 * characters decoded (`/%68ac` is `/hac`), repeated and trailing slashes dropped. Case is kept:
 * Tomcat's context paths are case-sensitive.
 */
export function canonicalContextPath(path: string): string {
  // Slashes collapsed first: `//x` alone would read as a URL naming host `x`.
  const resolved = new URL(`/${path}`.replace(/\/{2,}/g, '/'), 'http://h').pathname;
  return resolved
    .replace(/%([0-9a-f]{2})/gi, (escape: string, hex: string) => {
      const char = String.fromCharCode(parseInt(hex, 16));
      return /[A-Za-z0-9\-._~]/.test(char) ? char : escape.toUpperCase();
    })
    .replace(/\/+$/, '');
}

/** The identity of `origin` (an http(s) origin such as `https://host:9002`) with an optional context path. */
export function endpointIdentity(origin: string, path?: string): EndpointIdentity {
  const url = new URL(origin);
  return {
    scheme: url.protocol,
    host: canonicalHost(url.hostname),
    port: url.port || (defaultPorts[url.protocol] ?? ''),
    path: path === undefined ? undefined : canonicalContextPath(path),
  };
}

/** `localhost`, `*.localhost`, `127.0.0.0/8` and `::1` (in any spelling): hosts whose traffic stays on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = canonicalHost(hostname);
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether a `--url` (`given`) names a configured endpoint: same scheme, host and port, and the same
 * context path when the URL gave one. With `loopbackAliases`, `localhost`, `127.x.x.x` and `[::1]`
 * count as one host: for the guard rails a tunnel to production on `localhost:9443` must not become
 * unprotected when typed as `127.0.0.1:9443`.
 */
export function sameEndpoint(given: EndpointIdentity, configured: EndpointIdentity, options: { loopbackAliases?: boolean } = {}): boolean {
  const sameHost = given.host === configured.host || (options.loopbackAliases === true && isLoopbackHost(given.host) && isLoopbackHost(configured.host));
  return (
    sameHost &&
    given.scheme === configured.scheme &&
    given.port === configured.port &&
    (given.path === undefined || given.path === configured.path)
  );
}
