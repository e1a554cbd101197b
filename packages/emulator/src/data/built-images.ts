/**
 * The built-in data sets as SQLite images made at build time (`npm run build` runs
 * `build-images.ts`), so `hac-emulator --data sample` opens its data in a few milliseconds instead
 * of importing it, about half a second of a cold start. An image is used only when its stamp matches
 * the data engine's code that reads it; otherwise (running from the TypeScript sources, a rebuild of
 * the code without the images) the data set is imported as before.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataImage } from './engine.js';
import type { PkState } from './pk.js';

const DATA_DIR = fileURLToPath(new URL('.', import.meta.url));
export const IMAGE_DIR = join(DATA_DIR, 'images');

interface ImageInfo {
  stamp: string;
  /** The PK generator's state: [type code, minute, next sequence]. */
  pks: [number, number, number][];
}

let stamp: Promise<string> | undefined;

/** Hash of every module of the data engine (this directory), so an image made by other code is never used. */
export function codeStamp(): Promise<string> {
  stamp ??= (async () => {
    const hash = createHash('sha256');
    const files = (await readdir(DATA_DIR, { recursive: true })).filter((file) => /\.[jt]s$/.test(file) && !file.endsWith('.d.ts')).sort();
    for (const file of files) hash.update(file).update('\0').update(await readFile(join(DATA_DIR, file))).update('\0');
    return hash.digest('hex');
  })();
  return stamp;
}

/** The image of a data set made for this code, or undefined when there is none (or it is stale or unreadable). */
export async function readBuiltImage(name: string, dir = IMAGE_DIR): Promise<DataImage | undefined> {
  try {
    const info = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as ImageInfo;
    if (info.stamp !== (await codeStamp())) return undefined;
    const bytes = new Uint8Array(await readFile(join(dir, `${name}.sqlite`)));
    const pks: PkState = new Map(info.pks.map(([typeCode, minute, sequence]) => [typeCode, { minute, sequence }]));
    return { bytes, pks };
  } catch {
    return undefined;
  }
}

/** Writes a data set's image for this code (each file through a temporary name, so a reader never sees half of one). */
export async function writeBuiltImage(name: string, image: DataImage, dir = IMAGE_DIR): Promise<void> {
  await mkdir(dir, { recursive: true });
  const info: ImageInfo = { stamp: await codeStamp(), pks: [...image.pks].map(([typeCode, { minute, sequence }]) => [typeCode, minute, sequence]) };
  const write = async (file: string, content: string | Uint8Array): Promise<void> => {
    await writeFile(join(dir, `${file}.tmp`), content);
    await rename(join(dir, `${file}.tmp`), join(dir, file));
  };
  // The stamp last: an image whose stamp is written is complete.
  await write(`${name}.sqlite`, image.bytes);
  await write(`${name}.json`, JSON.stringify(info));
}
