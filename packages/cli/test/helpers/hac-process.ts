/**
 * Run the `hac` binary as a child process in an isolated sandbox: its own HOME, XDG config and cache
 * directories, and an environment stripped of the caller's `HAC_*` variables, so tests never touch the
 * user's config, sessions or keychain.
 *
 * By default the built binary (`packages/cli/bin/hac.cjs` → the bundle in `dist/bundle/`, run
 * `npm run build` first) is run, as CI does. `HAC_CLI_FROM_SOURCE=1` runs `src/bin.ts` through tsx instead (no build needed).
 *
 * The child is spawned asynchronously: an emulator started in the same test process keeps answering.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = resolve(cliDir, '..', '..');
export const builtBin = join(cliDir, 'bin', 'hac.cjs');
export const sourceMain = join(cliDir, 'src', 'bin.ts');

/** How `hac` is started: `node bin/hac.cjs` (default) or `node --conditions=source --import tsx src/bin.ts`. */
export function hacCommand(fromSource = process.env['HAC_CLI_FROM_SOURCE'] === '1'): { command: string; args: string[] } {
  if (fromSource) return { command: process.execPath, args: ['--conditions=source', '--import', 'tsx', sourceMain] };
  if (!existsSync(join(cliDir, 'dist', 'bundle', 'cli.cjs'))) {
    throw new Error(`packages/cli/dist/bundle/cli.cjs is missing: run "npm run build" first (or set HAC_CLI_FROM_SOURCE=1)`);
  }
  return { command: process.execPath, args: [builtBin] };
}

export interface HacResult {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to stdin, which is then closed (stdin is always closed, empty by default). */
  input?: string | Uint8Array;
  /** Extra environment variables (`undefined` removes one). */
  env?: Record<string, string | undefined>;
  /** Kill the child after this long. @default 15000 */
  timeoutMs?: number;
  /** Run from source for this call. @default HAC_CLI_FROM_SOURCE */
  fromSource?: boolean;
  /** Called with the child right after spawning (e.g. to send SIGINT later). */
  onSpawn?: (child: ChildProcess) => void;
  /** Leave stdin open after `input`: `onSpawn` writes to it and ends it. */
  keepStdinOpen?: boolean;
}

export interface HacSandbox {
  /** The temporary directory holding everything below. */
  readonly dir: string;
  readonly home: string;
  /** `$XDG_CONFIG_HOME`. */
  readonly configHome: string;
  /** `$XDG_CACHE_HOME`: set, so that every test shows it does not move the session cache. */
  readonly cacheHome: string;
  /** Where `hac` looks for its config in this sandbox (`$XDG_CONFIG_HOME/hac-client/config.toml`). */
  readonly configPath: string;
  /** The session cache directory (`~/.cache/hac-client`, where the Python tool looks too). */
  readonly cacheDir: string;
  /** A directory put first on `PATH` (for fake `secret-tool` and the like). */
  readonly binDir: string;
  /** The environment every run gets (before `RunOptions.env`). Mutable. */
  readonly env: Record<string, string | undefined>;
  run(args: readonly string[], options?: RunOptions): Promise<HacResult>;
  writeConfig(toml: string): Promise<void>;
  readConfig(): Promise<string>;
  /** Put an executable shell script named `name` on the sandbox's PATH. */
  addExecutable(name: string, script: string): Promise<string>;
  /** The JSON session files in the cache, parsed. */
  sessionFiles(): Promise<Array<Record<string, unknown>>>;
  cleanup(): Promise<void>;
}

/** Run any command line (for `bash -c …` completion tests) with the sandbox environment. */
export function runProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  options: { input?: string | Uint8Array; timeoutMs?: number; cwd?: string; onSpawn?: (child: ChildProcess) => void; keepStdinOpen?: boolean } = {},
): Promise<HacResult> {
  return new Promise((resolvePromise, reject) => {
    const cleanEnv = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const child = spawn(command, args, { env: cleanEnv, cwd: options.cwd ?? repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // the child may exit without reading stdin
    // `keepStdinOpen`: the caller answers prompts itself (from `onSpawn`) and ends stdin.
    if (options.keepStdinOpen) child.stdin.write(options.input ?? '');
    else child.stdin.end(options.input ?? '');
    options.onSpawn?.(child);
  });
}

export async function createSandbox(baseEnv: Record<string, string | undefined> = {}): Promise<HacSandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'hac-cli-test-'));
  const home = join(dir, 'home');
  const configHome = join(dir, 'config');
  const cacheHome = join(dir, 'cache');
  const binDir = join(dir, 'bin');
  await Promise.all([home, configHome, cacheHome, binDir].map((d) => mkdir(d, { recursive: true })));
  const configPath = join(configHome, 'hac-client', 'config.toml');
  const cacheDir = join(home, '.cache', 'hac-client');
  const env: Record<string, string | undefined> = {
    PATH: `${binDir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    HOME: home,
    XDG_CONFIG_HOME: configHome,
    XDG_CACHE_HOME: cacheHome,
    // The real keychain is never touched; keychain tests remove this and put a fake tool on PATH.
    HAC_NO_KEYCHAIN: '1',
    NO_COLOR: '1',
    TERM: 'dumb',
    LANG: 'C.UTF-8',
    TZ: process.env['TZ'],
    ...baseEnv,
  };
  return {
    dir,
    home,
    configHome,
    cacheHome,
    configPath,
    cacheDir,
    binDir,
    env,
    run(args, options = {}) {
      const { command, args: prefix } = hacCommand(options.fromSource);
      return runProcess(command, [...prefix, ...args], { ...env, ...options.env }, options);
    },
    async writeConfig(toml) {
      await mkdir(dirname(configPath), { recursive: true });
      await writeFile(configPath, toml);
    },
    readConfig: () => readFile(configPath, 'utf8'),
    async addExecutable(name, script) {
      const path = join(binDir, name);
      await writeFile(path, script.startsWith('#!') ? script : `#!/bin/sh\n${script}`);
      await chmod(path, 0o755);
      return path;
    },
    async sessionFiles() {
      const { readdir } = await import('node:fs/promises');
      let names: string[];
      try {
        names = await readdir(cacheDir);
      } catch {
        return [];
      }
      const files = names.filter((n) => n.startsWith('session_') && n.endsWith('.json'));
      return Promise.all(files.map(async (n) => JSON.parse(await readFile(join(cacheDir, n), 'utf8')) as Record<string, unknown>));
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
