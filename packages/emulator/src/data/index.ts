/**
 * The emulator's data engine: `createDataEngine(dataSet)` opens an in-memory SQL database with the
 * SAP-like schema and loads the data set through the ImpEx importer.
 */
import { readFile } from 'node:fs/promises';
import type { DataEngine, DataSet, ImpexOptions } from './engine-types.js';
import { readBuiltImage } from './built-images.js';
import { Engine, type DataImage } from './engine.js';
import { ESSENTIAL_DATA_IMPEX } from './essential-data.js';
import { sampleCronJobsImpex, sampleDataImpex } from './sample-data.js';

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

type BuiltInDataSet = Exclude<DataSet, object>;
export const BUILT_IN_DATA_SETS: readonly BuiltInDataSet[] = ['empty', 'sample'];

/**
 * The built-in data sets, read from the image made at build time (or imported once per process when
 * there is none for this code) and kept as database images: every engine opens its own copy (engines
 * share no state), and a later emulator in the same process starts without importing the sample data
 * again (an engine opens in about 1 ms instead of 55 ms warm, several hundred ms on a busy machine).
 * The WASM module itself is shared per process in `database.ts`.
 */
const images = new Map<BuiltInDataSet, Promise<DataImage>>();

export async function createDataEngine(dataSet: DataSet): Promise<DataEngine> {
  if (typeof dataSet === 'object') return loadedEngine([[dataSet.impexFile, await readFile(dataSet.impexFile, 'utf8')]]);
  let image = images.get(dataSet);
  if (!image) {
    image = readBuiltImage(dataSet).then((built) => built ?? importedImage(dataSet));
    images.set(dataSet, image);
    // A failed load is not kept: the next engine tries again.
    image.catch(() => images.delete(dataSet));
  }
  const engine = await Engine.open(await image);
  // The image holds the cron jobs' times of its making (the build); a fresh start shows them as of now.
  if (dataSet === 'sample') importOrThrow(engine, 'sample cron jobs', sampleCronJobsImpex(new Date()));
  return engine;
}

/** A built-in data set imported now (the build step keeps the result as an image). */
export async function importedImage(dataSet: BuiltInDataSet): Promise<DataImage> {
  const engine = await loadedEngine(dataSet === 'sample' ? [['sample data', sampleDataImpex(new Date())]] : []);
  try {
    return engine.image();
  } finally {
    engine.close();
  }
}

/** A new engine with the essential data and then each script imported, strictly. */
async function loadedEngine(scripts: [name: string, script: string][]): Promise<Engine> {
  const engine = await Engine.create();
  for (const [name, script] of [['essential data', ESSENTIAL_DATA_IMPEX], ...scripts] as const) importOrThrow(engine, name, script);
  return engine;
}

/** Imports the emulator's own ImpEx strictly; a failure closes the engine and says which script and lines failed. */
function importOrThrow(engine: Engine, name: string, script: string): void {
  const outcome = engine.importImpex(script, LOAD_OPTIONS);
  if (!outcome.success) {
    engine.close();
    throw new Error(`cannot load ${name}: ${outcome.errorMessage ?? 'import failed'}\n${outcome.details}`);
  }
}
