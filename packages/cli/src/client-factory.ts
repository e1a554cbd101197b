/**
 * The one place a `HacClient` is made for a resolved target, so that commands and `hac mcp` log in,
 * cache sessions and time out alike. The library class is passed in: this module stays light and
 * `hac-client` loads only where a client is made.
 */
import type { HacClient } from 'hac-client';
import type { ResolvedTarget } from './runtime-types.js';

export interface ClientFactoryOptions {
  cacheDir: string;
  /** The password, asked for only when a login is needed (a cached session needs none). */
  password: () => Promise<string>;
  onWarning?: (message: string) => void;
  debug?: (line: string) => void;
}

export function createHacClient(
  HacClientClass: typeof HacClient,
  target: Pick<ResolvedTarget, 'url' | 'username' | 'sessionEnvironment' | 'hacPath' | 'timeoutSeconds' | 'ignoreSsl'>,
  options: ClientFactoryOptions,
): HacClient {
  return new HacClientClass({
    baseUrl: target.url,
    authHandler: {
      username: target.username,
      getCredentials: async () => ({ username: target.username, password: await options.password() }),
    },
    environment: target.sessionEnvironment,
    sessionPersistence: true,
    cacheDir: options.cacheDir,
    hacPath: target.hacPath,
    timeoutMs: Math.round(target.timeoutSeconds * 1000),
    ignoreSsl: target.ignoreSsl,
    quiet: true,
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    ...(options.debug ? { debug: options.debug } : {}),
  });
}
