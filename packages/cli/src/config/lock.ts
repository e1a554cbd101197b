import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../errors.js';

const STALE_MS = 10_000;
const WAIT_MS = 5_000;

/**
 * Run `work` holding `<path>.lock` (created with O_EXCL), so that two `hac env …` processes editing
 * the config at once do not lose each other's change. A lock older than 10 s is taken over (its
 * holder died).
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  await mkdir(dirname(lock), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_MS) await rm(lock, { force: true });
      else if (Date.now() > deadline) throw new CliError(`the config file is locked by another hac process (${lock}); try again`);
      else await sleep(25 + Math.random() * 25);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
