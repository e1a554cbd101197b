/**
 * Credentials from environment variables, most specific first:
 * `HAC_USERNAME_<ENV>_<ENDPOINT>`, `HAC_USERNAME_<ENV>`, `HAC_USERNAME` (same for `HAC_PASSWORD_…`).
 */

/** `HAC_<KIND>…`: the credentials, and the tokens of `hac session import` (the Python CLI's names). */
export type CredentialKind = 'USERNAME' | 'PASSWORD' | 'SESSION_ID' | 'CSRF_TOKEN' | 'ROUTE_COOKIE';

/** `my-env.eu` → `MY_ENV_EU`: upper case, every non-alphanumeric character becomes `_`. */
export function envVarPart(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The variable names looked up for one target, in lookup order. */
export function credentialVarNames(kind: CredentialKind, environment: string, endpoint: string): string[] {
  const env = envVarPart(environment);
  return [`HAC_${kind}_${env}_${envVarPart(endpoint)}`, `HAC_${kind}_${env}`, `HAC_${kind}`];
}

/** The first non-empty variable and its name, or undefined. */
export function credentialFromEnv(
  kind: CredentialKind,
  environment: string,
  endpoint: string,
  vars: Record<string, string | undefined>,
): { value: string; source: string } | undefined {
  for (const name of credentialVarNames(kind, environment, endpoint)) {
    const value = vars[name];
    if (value) return { value, source: name };
  }
  return undefined;
}
