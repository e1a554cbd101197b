/**
 * Build step (`npm run build`): imports the built-in data sets once and writes their images next to
 * the compiled code (see `built-images.ts`).
 */
import { writeBuiltImage } from './built-images.js';
import { BUILT_IN_DATA_SETS, importedImage } from './index.js';

for (const name of BUILT_IN_DATA_SETS) await writeBuiltImage(name, await importedImage(name));
