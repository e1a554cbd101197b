/**
 * The emulator's data engine: `createDataEngine(dataSet)` opens an in-memory SQL database with the
 * SAP-like schema and loads the data set through the ImpEx importer.
 */
import { readFile } from 'node:fs/promises';
import type { DataEngine, DataSet, ImpexOptions } from './engine-types.js';
import { SqlDatabase } from './database.js';
import { Engine } from './engine.js';
import { ESSENTIAL_DATA_IMPEX } from './essential-data.js';
import { sampleDataImpex } from './sample-data.js';
import { TypeSystem } from './type-system.js';

export type {
  DataEngine,
  DataSet,
  EngineError,
  ExportMode,
  ExportOutcome,
  FlexibleSearchOptions,
  ImpexOptions,
  ImpexOutcome,
  ImpexValidationMode,
  QueryOutcome,
  SqlOptions,
} from './engine-types.js';

/** How the emulator loads its own ImpEx (data sets, the login users): a strict, real import. */
export const LOAD_OPTIONS: ImpexOptions = {
  validationMode: 'IMPORT_STRICT',
  validateOnly: false,
  enableCodeExecution: false,
  legacyMode: false,
  maxThreads: 1,
};

export interface CreateDataEngineOptions {
  /** Clock for PKs and timestamps (tests pin it). @default Date.now */
  now?: () => number;
}

export async function createDataEngine(dataSet: DataSet, options: CreateDataEngineOptions = {}): Promise<DataEngine> {
  const db = await SqlDatabase.open();
  const engine = new Engine(db, new TypeSystem(), options.now);
  const scripts: [name: string, script: string][] = [['essential data', ESSENTIAL_DATA_IMPEX]];
  if (dataSet === 'sample') scripts.push(['sample data', sampleDataImpex()]);
  else if (typeof dataSet === 'object') scripts.push([dataSet.impexFile, await readFile(dataSet.impexFile, 'utf8')]);
  for (const [name, script] of scripts) {
    const outcome = engine.importImpex(script, LOAD_OPTIONS);
    if (!outcome.success) {
      engine.close();
      throw new Error(`cannot load ${name}: ${outcome.errorMessage ?? 'import failed'}\n${outcome.details}`);
    }
  }
  return engine;
}
