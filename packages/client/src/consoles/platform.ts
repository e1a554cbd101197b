import { HacClientError } from '../errors.js';
import type { HacTransport } from '../internal/transport.js';
import type { CallOptions } from '../models/common.js';
import type { ConfigurationProperties } from '../models/configuration.js';
import type { LoggerInfo, LogLevelChange } from '../models/loggers.js';
import type { PkAnalysis } from '../models/pk.js';
import { parseConfigurationPage, parseLoggersPage, parseLogLevelChange, parsePkAnalysis } from './parse-platform.js';
import { callFields, isObject, sendParsed } from './shape.js';

/** Every logger HAC's logging page lists, with its level (`GET /platform/log4j`). */
export async function getLoggers(transport: HacTransport, options: CallOptions = {}): Promise<LoggerInfo[]> {
  return sendParsed(transport, { method: 'GET', path: '/platform/log4j', expect: 'html', ...callFields(options) }, (response) =>
    parseLoggersPage(response.text()),
  );
}

/** Set a logger's level at runtime (until restart), e.g. `setLogLevel(t, 'de.hybris.platform.jalo', 'DEBUG')`. */
export async function setLogLevel(transport: HacTransport, loggerName: string, levelName: string, options: CallOptions = {}): Promise<LogLevelChange> {
  if (loggerName.trim() === '') throw new HacClientError('The logger name is empty');
  const level = levelName.trim().toUpperCase();
  if (level === '') throw new HacClientError('The level name is empty');
  return sendParsed(
    transport,
    { method: 'POST', path: '/platform/log4j/changeLevel', form: { loggerName, levelName: level }, expect: 'json', ...callFields(options) },
    (response) => parseLogLevelChange(response.json(), loggerName, level),
  );
}

/** The configuration properties HAC shows (`GET /platform/config`); sensitive values are masked by HAC. */
export async function getConfiguration(transport: HacTransport, options: CallOptions = {}): Promise<ConfigurationProperties> {
  return sendParsed(transport, { method: 'GET', path: '/platform/config', expect: 'html', ...callFields(options) }, (response) =>
    parseConfigurationPage(response.text()),
  );
}

/** Set a property in memory on the node serving the request (lost on restart, not cluster-wide). */
export async function setConfigurationProperty(transport: HacTransport, key: string, value: string, options: CallOptions = {}): Promise<void> {
  if (key.trim() === '') throw new HacClientError('The property key is empty');
  await transport.send({ method: 'POST', path: '/platform/configstore', form: { key, val: value }, expect: 'json', ...callFields(options) });
}

/** Remove a property from the in-memory configuration of the node serving the request; `false` when HAC says it did not exist. */
export async function deleteConfigurationProperty(transport: HacTransport, key: string, options: CallOptions = {}): Promise<boolean> {
  if (key.trim() === '') throw new HacClientError('The property key is empty');
  return sendParsed(
    transport,
    { method: 'POST', path: '/platform/configdelete', form: { key }, expect: 'json', ...callFields(options) },
    (response) => {
      const answer = response.json();
      // Versions that answer without a success flag removed the key.
      return !(isObject(answer) && answer['success'] === false);
    },
  );
}

/** Decode a primary key: type code and creation time (`POST /platform/pkanalyzer/analyze`). */
export async function analyzePk(transport: HacTransport, pk: string, options: CallOptions = {}): Promise<PkAnalysis> {
  const pkString = pk.trim();
  if (!/^\d+$/.test(pkString)) throw new HacClientError(`A PK is a decimal number, got "${pk}"`);
  return sendParsed(
    transport,
    { method: 'POST', path: '/platform/pkanalyzer/analyze', form: { pkString }, expect: 'json', ...callFields(options) },
    (response) => parsePkAnalysis(response.json(), pkString),
  );
}
