/**
 * Configuration properties from HAC's configuration page (`GET /platform/config`), key → value.
 * Sensitive values appear as HAC shows them (masked as `*****`) or are missing altogether.
 */
export type ConfigurationProperties = Record<string, string>;
