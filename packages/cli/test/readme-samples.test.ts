/**
 * Every sample of every README runs as written, in order, as a reader following it on a fresh clone
 * would (see helpers/readme-samples.ts for the few liberties: port, emulators, CI-only commands).
 * Each README gets a fresh sandbox: its own HOME, config, session cache and keychain.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSandbox, hacCommand, repoRoot, runProcess } from './helpers/hac-process.js';
import { codeBlocks, sampleText, walkthroughScript, type Block } from './helpers/readme-samples.js';

const READMES = ['README.md', 'packages/client/README.md', 'packages/cli/README.md', 'packages/emulator/README.md'];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function blocksOf(file: string): Promise<Block[]> {
  return codeBlocks(file, await readFile(join(repoRoot, file), 'utf8'));
}

describe('README samples', { concurrency: true }, () => {
  it('the extraction finds the blocks of a README', () => {
    const blocks = codeBlocks('x.md', 'text\n```sh\nhac a   # b\n\nhac c\n```\n```ts\nlet x = 1;\n```\n```\nsynopsis\n```\n');
    assert.deepEqual(blocks.map((b) => [b.line, b.lang, b.lines.length]), [[2, 'sh', 3], [7, 'ts', 1], [10, '', 1]]);
    const script = walkthroughScript(blocks, { port: 4321, work: '/w' });
    assert.match(script, /\nhac a {3}# b\n__rc=\$\?; \[ \$__rc -eq 0 \] \|\| __fail 'x\.md:3'/);
    assert.match(script, /node --import tsx sample-1\.mts/);
    assert.doesNotMatch(script, /synopsis/);
  });

  // tsx, which runs them above, strips types without checking them: a reader who pastes a sample
  // into a strict project gets the compiler's verdict, so the samples get it here, with the
  // repository's own settings (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes).
  it('every TypeScript sample type-checks against the packages as published', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hac-readme-ts-'));
    try {
      const files: string[] = [];
      for (const readme of READMES) {
        const blocks = await blocksOf(readme);
        for (const block of blocks.filter((b) => b.lang === 'ts')) {
          const file = `${readme.replace(/[^A-Za-z0-9]+/g, '_')}-line-${block.line}.mts`;
          await writeFile(join(dir, file), sampleText(blocks, block));
          files.push(file);
        }
      }
      assert.ok(files.length >= 8, `only ${files.length} TypeScript samples found`);
      await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
      const config = {
        extends: join(repoRoot, 'tsconfig.base.json'),
        compilerOptions: { noEmit: true, declaration: false, declarationMap: false, sourceMap: false },
        files,
      };
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config));
      // Without the `source` condition: the types a user of the packed packages sees (dist/*.d.ts).
      const tsc = await runProcess(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { PATH: process.env['PATH'] }, { cwd: dir, timeoutMs: 110_000 });
      // A failure names the README and the line of the sample's fence.
      assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  for (const readme of READMES) {
    it(`${readme}: every sample runs as written`, { timeout: 600_000 }, async () => {
      const blocks = await blocksOf(readme);
      const box = await createSandbox({ HAC_NO_KEYCHAIN: undefined, HAC_USERNAME: undefined, HAC_PASSWORD: undefined });
      try {
        const work = join(box.dir, 'work');
        await runProcess('mkdir', ['-p', work], box.env);
        // As in a clone: the examples next to the working directory, the packages installed.
        await symlink(join(repoRoot, 'examples'), join(work, 'examples'));
        await symlink(join(repoRoot, 'node_modules'), join(work, 'node_modules'));
        const port = await freePort();
        // Without a file, hac behaves as if it held the README's default config: the same, on this run's port.
        const defaults = (await blocksOf('packages/cli/README.md')).find((b) => b.lang === 'toml' && b.lines.includes('default_environment = "local"'));
        assert.ok(defaults, 'the CLI README shows the default config');
        const configPath = join(box.dir, 'config.toml');
        await writeFile(configPath, defaults.lines.join('\n').replace(/\b9002\b/g, String(port)));
        box.env['HAC_CLIENT_CONFIG_PATH'] = configPath;
        await installShims(box);
        const script = join(box.dir, 'walkthrough.sh');
        await writeFile(script, walkthroughScript(blocks, { port, work }));
        const result = await runProcess('bash', [script], box.env, { timeoutMs: 580_000, cwd: work });
        assert.equal(result.code, 0, `${result.stderr.split('\n').filter((l) => l.startsWith('SAMPLE FAILED') || l.startsWith('hac:')).join('\n')}\n--- stderr ---\n${result.stderr.slice(-3000)}`);
        assert.match(result.stdout, /WALKTHROUGH COMPLETE\n$/);
      } finally {
        // Emulators the script started and could not stop (it timed out): stopped by their ids.
        const pids = await readFile(join(box.dir, 'work', 'pids'), 'utf8').catch(() => '');
        for (const pid of pids.split('\n').filter(Boolean)) {
          try {
            process.kill(Number(pid), 'SIGINT');
          } catch {
            // already gone
          }
        }
        await box.cleanup();
      }
    });
  }
});

/** `hac`, `hac-emulator` and `npx` as in a clone after `npm ci`; `pbpaste` and `secret-tool` stand-ins. */
async function installShims(box: Awaited<ReturnType<typeof createSandbox>>): Promise<void> {
  const { command, args } = hacCommand();
  const quoted = (words: string[]): string => words.map((w) => `'${w}'`).join(' ');
  await box.addExecutable('hac', `exec ${quoted([command, ...args])} "$@"\n`);
  await box.addExecutable('hac-emulator', `exec ${quoted([process.execPath, join(repoRoot, 'packages', 'emulator', 'bin', 'hac-emulator.js')])} "$@"\n`);
  // npx runs the clone's own binaries (node_modules/.bin); nothing else is fetched here.
  await box.addExecutable('npx', 'case "$1" in hac|hac-emulator) tool="$1"; shift; exec "$tool" "$@" ;; *) echo "npx $1: not part of the walkthrough" >&2; exit 127 ;; esac\n');
  // The clipboard holds the request headers copied from a browser's developer tools.
  await box.addExecutable('pbpaste', "printf 'Cookie: JSESSIONID=1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D; ROUTE=.pod-a\\nX-CSRF-TOKEN: 0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e\\n'\n");
  const store = join(box.dir, 'keychain');
  await box.addExecutable(
    'secret-tool',
    `cmd="$1"; shift
case "$cmd" in
  store) shift 2; key=$(printf '%s' "$*" | tr -c 'A-Za-z0-9' _); cat > "${store}.$key" ;;
  lookup) key=$(printf '%s' "$*" | tr -c 'A-Za-z0-9' _); [ -f "${store}.$key" ] && cat "${store}.$key" || exit 1 ;;
  clear) key=$(printf '%s' "$*" | tr -c 'A-Za-z0-9' _); rm -f "${store}.$key" ;;
esac
`,
  );
}
