/** The one notice the library gives itself: certificate verification was turned off. */

/** Code of the warning emitted when `ignoreSsl` turns certificate verification off. */
const INSECURE_TLS_WARNING = 'HAC_CLIENT_INSECURE_TLS';
let insecureWarned = false;

/**
 * Once per process (a CLI creates several clients per run): turning verification off exposes the
 * password and session to anyone on the network path, which a user should hear about unless they
 * asked for quiet. Only for https, where there is a certificate to ignore.
 */
export function warnInsecureTls(baseUrl: string, options: { ignoreSsl: boolean; quiet: boolean }): void {
  if (!options.ignoreSsl || options.quiet || insecureWarned || !baseUrl.startsWith('https:')) return;
  insecureWarned = true;
  process.emitWarning(
    `TLS certificate verification is off for ${baseUrl} (ignoreSsl: true): the password and session are exposed ` +
      'to anyone who can intercept the connection. Prefer NODE_EXTRA_CA_CERTS=/path/to/ca.pem with verification on.',
    { code: INSECURE_TLS_WARNING },
  );
}
