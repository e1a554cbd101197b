/**
 * What a system initialization does to the data, as the emulator models a system's extensions: every
 * table is dropped and created anew, then essential data and project data are created again.
 * Essential data is what every data set starts with (languages, currencies, units, the standard groups,
 * `admin`, `anonymous`) plus HAC's login users (on SAP they are platform users too). Project data is
 * the data set's own ImpEx: the sample data, or the `--data` file read again (SAP reads the extensions'
 * project data files on every run); `empty` has none.
 */
import { readFile } from 'node:fs/promises';
import type { DataEngine, DataSet, ImpexOutcome } from './engine-types.js';
import { ESSENTIAL_DATA_IMPEX } from './essential-data.js';
import { ensureHacUsers } from './hac-users.js';
import { LOAD_OPTIONS } from './index.js';
import { sampleDataImpex } from './sample-data.js';

export interface SystemData {
  /** Drops every table and creates the schema anew; returns the number of tables. */
  dropAllTables(): number;
  /** Imports the essential data (again: its lines are `INSERT_UPDATE`) and the login users. */
  createEssentialData(): ImpexOutcome;
  /** Imports the data set's project data; `null` when it has none. Throws when its file cannot be read. */
  createProjectData(): Promise<{ source: string; outcome: ImpexOutcome } | null>;
}

export function systemData(engine: DataEngine, dataSet: DataSet, loginUsers: readonly string[]): SystemData {
  return {
    dropAllTables: () => engine.dropAllTables(),
    createEssentialData() {
      const outcome = engine.importImpex(ESSENTIAL_DATA_IMPEX, LOAD_OPTIONS);
      if (outcome.success) ensureHacUsers(engine, loginUsers);
      return outcome;
    },
    async createProjectData() {
      if (dataSet === 'empty') return null;
      if (dataSet === 'sample') return { source: 'the sample data', outcome: await engine.importImpexAsync(sampleDataImpex(new Date()), LOAD_OPTIONS) };
      const script = await readFile(dataSet.impexFile, 'utf8');
      return { source: dataSet.impexFile, outcome: await engine.importImpexAsync(script, LOAD_OPTIONS) };
    },
  };
}
