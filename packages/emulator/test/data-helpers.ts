import { createDataEngine, type DataEngine, type ImpexOptions, type QueryOutcome } from '../src/data/index.js';

export const IMPORT: ImpexOptions = {
  validationMode: 'IMPORT_STRICT',
  validateOnly: false,
  enableCodeExecution: false,
  legacyMode: false,
  maxThreads: 1,
};

export async function sampleEngine(): Promise<DataEngine> {
  return createDataEngine('sample');
}

export async function emptyEngine(): Promise<DataEngine> {
  return createDataEngine('empty');
}

export function fs(engine: DataEngine, query: string, options: { maxCount?: number; locale?: string; user?: string } = {}): QueryOutcome {
  return engine.flexibleSearch(query, { maxCount: options.maxCount ?? 200, locale: options.locale ?? 'en', user: options.user ?? 'admin' });
}

/** Runs a FlexibleSearch that must succeed and returns its rows. */
export function rows(engine: DataEngine, query: string, options: { maxCount?: number; locale?: string } = {}): (string | null)[][] {
  const outcome = fs(engine, query, options);
  if (outcome.error) throw new Error(`query failed: ${outcome.error.message}\n${outcome.translatedSql}`);
  return outcome.rows;
}

/** The root cause message of a failed outcome. */
export function rootCause(outcome: QueryOutcome): string {
  const error = outcome.error;
  if (!error) throw new Error('expected an error');
  return error.causes.at(-1)?.message ?? error.message;
}
