/** Shared by the session/client/error tests: an emulator per test file, temp cache dirs, request logs. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from 'hac-emulator';
import { BasicAuthHandler, HacClient, type HacClientOptions } from 'hac-client';

export const USER = 'admin';
export const PASSWORD = 'nimda';

const dirs: string[] = [];

/** A fresh temp cache directory (removed by `cleanupDirs`). */
export async function tempCacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hac-client-test-'));
  dirs.push(dir);
  return join(dir, 'cache');
}

export async function cleanupDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, ...options });
}

export function client(emu: Emulator, cacheDir: string, options: Partial<HacClientOptions> = {}): HacClient {
  return new HacClient({
    baseUrl: emu.url,
    authHandler: new BasicAuthHandler(USER, PASSWORD),
    cacheDir,
    hacPath: emu.contextPath,
    timeoutMs: 5_000,
    ...options,
  });
}

/** `METHOD path status` of every request since the last reset: readable assertion failures. */
export function log(emu: Emulator): string[] {
  return emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

export const LOGIN = (ctx = '/hac'): string[] => [`GET ${ctx}/login 200`, `POST ${ctx}/j_spring_security_check 302`, `GET ${ctx}/ 200`];
