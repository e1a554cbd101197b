/**
 * The launcher's rendered-help cache (`src/launcher/help-cache.ts`): a help printed from
 * `~/.cache/hac-cli` is byte for byte what rendering prints (stdout, stderr, exit code) for every
 * input the help depends on, a damaged or foreign file is never printed, and nothing but help
 * reaches the cache.
 */
import assert from 'node:assert/strict';
import { chmod, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Command } from 'commander';
import { checksum } from '../src/launcher/short-hash.js';
import { buildProgram } from '../src/program.js';
import { createSandbox, runProcess, type HacResult, type HacSandbox, type RunOptions } from './helpers/hac-process.js';
import { hasScript, terminalLine } from './helpers/terminal.js';

const ENTRY = /^rendered-help-[0-9a-f]{16}-[0-9a-f]{16}-[0-9a-z]+$/;

describe('the rendered-help cache', () => {
  let box: HacSandbox;
  let cacheDir: string;
  const entries = async (): Promise<string[]> => (await readdir(cacheDir).catch(() => [])).filter((name) => name.startsWith('rendered-help-')).sort();
  /** What rendering prints: the same command line with no cache at all. */
  const rendered = (argv: readonly string[], options: RunOptions = {}): Promise<HacResult> =>
    box.run(argv, { ...options, env: { ...options.env, HAC_NO_CODE_CACHE: '1' } });
  /** A run that must store an entry (a miss), then one served from it (a hit): both as rendered. */
  async function missThenHit(argv: readonly string[], options: RunOptions = {}): Promise<HacResult> {
    const before = await entries();
    const reference = await rendered(argv, options);
    const miss = await box.run(argv, options);
    assert.deepEqual(miss, reference, `hac ${argv.join(' ')} (miss) with ${JSON.stringify(options.env ?? {})}`);
    const added = (await entries()).filter((name) => !before.includes(name));
    assert.equal(added.length, 1, `hac ${argv.join(' ')} with ${JSON.stringify(options.env ?? {})} stores one new entry`);
    assert.deepEqual(await box.run(argv, options), reference, `hac ${argv.join(' ')} (hit) with ${JSON.stringify(options.env ?? {})}`);
    assert.deepEqual((await entries()).length, before.length + 1, 'a hit writes nothing');
    return reference;
  }
  /** Replace the body of the entry `name` with `text`, with a matching length and checksum. */
  async function rewriteEntry(name: string, text: string): Promise<void> {
    const data = await readFile(join(cacheDir, name));
    const end = data.indexOf(0x0a);
    const [key, stream, code] = JSON.parse(data.toString('utf8', 0, end)) as [string, string, number];
    const body = Buffer.from(text);
    await writeFile(join(cacheDir, name), Buffer.concat([Buffer.from(`${JSON.stringify([key, stream, code, body.length, checksum(body)])}\n`), body]));
  }

  before(async () => {
    box = await createSandbox();
    cacheDir = join(box.home, '.cache', 'hac-cli');
  });
  beforeEach(() => rm(cacheDir, { recursive: true, force: true }));
  after(() => box.cleanup());

  it('stores the help of the first run 0600 in a 0700 directory, then prints it without loading a bundle', async () => {
    const reference = await missThenHit(['--help']);
    assert.match(reference.stdout, /^Usage: hac \[options\] \[command\]\n/);
    const [name] = await entries();
    assert.match(name ?? '', ENTRY);
    assert.equal((await stat(cacheDir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(cacheDir, name ?? ''))).mode & 0o777, 0o600);
    assert.ok(!(await readdir(cacheDir)).some((file) => file.endsWith('.tmp')), 'no temporary file left');

    // A hit never compiles a bundle: the launcher loads node:vm only to run one.
    const probe = join(box.dir, 'probe.cjs');
    const loadedVm = join(box.dir, 'vm.txt');
    await writeFile(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loadedVm)}, String(process.moduleLoadList.includes('NativeModule vm'))));`);
    const hit = await box.run(['--help'], { env: { NODE_OPTIONS: `--require ${probe}` } });
    assert.equal(hit.stdout, reference.stdout);
    assert.equal(await readFile(loadedVm, 'utf8'), 'false');

    // And what it prints is the file's: an entry rewritten (with a valid length and checksum) is printed as it is.
    await rewriteEntry(name ?? '', 'from the cache\n');
    assert.equal((await box.run(['--help'])).stdout, 'from the cache\n');
  });

  it('keys on the width: COLUMNS 60 and 100 each print their own wrapping', async () => {
    const narrow = await missThenHit(['--help'], { env: { COLUMNS: '60' } });
    const wide = await missThenHit(['--help'], { env: { COLUMNS: '100' } });
    assert.notEqual(narrow.stdout, wide.stdout);
    assert.deepEqual(await box.run(['--help'], { env: { COLUMNS: '60' } }), narrow, 'both entries stay');
  });

  it("keys on each colour variable commander reads (the help has no styles today, so the text is the same: each gets its own entry)", async () => {
    const colours: Array<Record<string, string | undefined>> = [
      { NO_COLOR: undefined },
      { NO_COLOR: undefined, FORCE_COLOR: '1' },
      { NO_COLOR: undefined, FORCE_COLOR: '0' },
      { NO_COLOR: undefined, CLICOLOR_FORCE: '1' },
      { NO_COLOR: '1' },
    ];
    for (const env of colours) await missThenHit(['--help'], { env });
    assert.equal((await entries()).length, colours.length);
  });

  it('keys on the stream and keeps the exit code: hac alone prints the help on stderr and exits 2, hac help on stdout with 0', async () => {
    const alone = await missThenHit([]);
    assert.equal(alone.code, 2);
    assert.equal(alone.stdout, '');
    assert.match(alone.stderr, /^Usage: hac /);
    const help = await missThenHit(['help']);
    assert.equal(help.code, 0);
    assert.equal(help.stdout, alone.stderr);
    assert.equal(help.stderr, '');
  });

  it("serves a command's help, a subcommand's and help COMMAND, each under its own command line", async () => {
    const lines = [['groovy', '--help'], ['fs', '-h'], ['help', 'fs'], ['flexsearch', '--help'], ['session', 'start', '--help'], ['help', 'session'], ['prop', 'set', '-h']];
    const outputs = new Map<string, string>();
    for (const argv of lines) outputs.set(argv.join(' '), (await missThenHit(argv)).stdout);
    assert.match(outputs.get('groovy --help') ?? '', /^Usage: hac groovy /);
    assert.equal(outputs.get('fs -h'), outputs.get('help fs'));
    assert.match(outputs.get('session start --help') ?? '', /^Usage: hac session start /);
    assert.match(outputs.get('prop set -h') ?? '', /^Usage: hac property set /);
    assert.equal((await entries()).length, lines.length);
  });

  it('keys on the terminal: its width and colour support, and prints what rendering prints there', { skip: !hasScript() && 'needs util-linux script' }, async () => {
    // `stty cols` sets the width the terminal reports; TERM decides whether Node says it has colours.
    const runs = async (columns: number, term: string, cache: boolean): Promise<string> => {
      const line = `stty cols ${columns}; ${terminalLine(['--help'])}`;
      const env = { ...box.env, TERM: term, NO_COLOR: undefined, HAC_NO_CODE_CACHE: cache ? undefined : '1' };
      const result = await runProcess('script', ['-qfec', line, '/dev/null'], env);
      assert.equal(result.code, 0, result.stdout);
      return result.stdout;
    };
    for (const [columns, term] of [[60, 'xterm-256color'], [100, 'xterm-256color'], [60, 'dumb']] as const) {
      const reference = await runs(columns, term, false);
      assert.equal(await runs(columns, term, true), reference, `miss at ${columns} columns, TERM=${term}`);
      assert.equal(await runs(columns, term, true), reference, `hit at ${columns} columns, TERM=${term}`);
    }
    assert.equal((await entries()).length, 3);
  });

  it('a truncated, damaged or foreign entry is never printed: the help is rendered and the entry written anew', async () => {
    const reference = await missThenHit(['--help']);
    const [name = ''] = await entries();
    const file = join(cacheDir, name);
    const whole = await readFile(file);
    const damages: Array<[string, Buffer]> = [
      ['truncated', whole.subarray(0, whole.length - 100)],
      ['a byte changed', Buffer.concat([whole.subarray(0, whole.length - 10), Buffer.from('X'), whole.subarray(whole.length - 9)])],
      ['no header', Buffer.from(reference.stdout)],
      ['a broken header', Buffer.concat([Buffer.from('[not json\n'), whole])],
      ['empty', Buffer.alloc(0)],
    ];
    for (const [what, data] of damages) {
      await writeFile(file, data);
      assert.deepEqual(await box.run(['--help']), reference, what);
      assert.deepEqual(await readFile(file), whole, `${what}: written anew`);
    }
    // An entry of another command line under this one's name (a hash collision) is not this one's.
    await missThenHit(['groovy', '--help']);
    const other = (await entries()).find((entry) => entry !== name) ?? '';
    await writeFile(file, await readFile(join(cacheDir, other)));
    assert.deepEqual(await box.run(['--help']), reference, 'another key');
  });

  it('a cache directory others can write to is neither read nor written', async () => {
    const reference = await missThenHit(['--help']);
    const [name = ''] = await entries();
    await rewriteEntry(name, 'planted\n');
    await chmod(cacheDir, 0o777);
    try {
      assert.deepEqual(await box.run(['--help']), reference);
      assert.deepEqual(await box.run(['groovy', '--help']), await rendered(['groovy', '--help']));
      assert.deepEqual(await entries(), [name], 'nothing written');
    } finally {
      await chmod(cacheDir, 0o700);
    }
  });

  it('stores only help: no run that did something else, and no command line holding words other than command names', async () => {
    const lines = [
      ['property', 'set', 'some.key', 'secretvalue', '--help'], // values: printed help, never stored
      ['groovy', 'return', '--help'], // an operand that looks like a name
      ['help', 'nosuchcommand'],
      ['--no-such-option', '--help'],
      ['groovy', '--', '--help'],
      ['-e', 'prod', '--help'],
    ];
    for (const argv of lines) {
      assert.deepEqual(await box.run(argv), await rendered(argv), `hac ${argv.join(' ')}`);
      assert.deepEqual(await box.run(argv), await rendered(argv), `hac ${argv.join(' ')}, again`);
    }
    assert.deepEqual(await entries(), []);
  });

  it("removes older builds' entries when it writes, leaves the code cache alone, and keeps at most 64 entries per build", async () => {
    await missThenHit(['--help']);
    const [name = ''] = await entries();
    const build = name.replace(/[0-9a-z]+$/, '');
    const old = ['rendered-help-0000000000000000-0000000000000000-abc', 'rendered-help-1111111111111111-2222222222222222-x'];
    for (const file of old) await writeFile(join(cacheDir, file), 'old');
    const codeCaches = (await readdir(cacheDir)).filter((file) => file.endsWith('.v8'));
    assert.ok(codeCaches.length > 0);
    assert.deepEqual(await box.run(['groovy', '--help']), await rendered(['groovy', '--help']));
    const now = await readdir(cacheDir);
    assert.ok(!old.some((file) => now.includes(file)), 'older builds removed');
    assert.ok(codeCaches.every((file) => now.includes(file)), 'code cache kept');
    assert.equal((await entries()).length, 2);

    for (let i = 0; i < 64; i++) await writeFile(join(cacheDir, `${build}filler${i}`), 'x');
    await box.run(['fs', '--help']);
    const left = await entries();
    assert.equal(left.length, 1, 'over 64: only the new entry stays');
    assert.deepEqual(await box.run(['fs', '--help']), await rendered(['fs', '--help']));
  });

  it("shows nothing of the environment or the config (so neither needs to be in the key): every command's help is the same with HAC_ variables and a config file", async () => {
    const helps = async (env: Record<string, string | undefined>): Promise<string[]> => {
      const texts: string[] = [];
      const walk = (command: Command): void => {
        texts.push(command.helpInformation());
        command.commands.forEach(walk);
      };
      walk((await buildProgram({ env: { ...env, COLUMNS: '80' } })).program);
      return texts;
    };
    const plain = await helps({});
    await box.writeConfig('default_environment = "prod"\n[environments.prod]\nusername = "bob"\nprotected = true\n[environments.prod.endpoints.hac]\nurl = "https://example.test:9002"\n');
    const variables: Record<string, string> = {
      HOME: box.home,
      XDG_CONFIG_HOME: box.configHome,
      HAC_CLIENT_CONFIG_PATH: box.configPath,
      HAC_USERNAME: 'alice',
      HAC_PASSWORD: 'not-shown',
      HAC_SESSION_ID: 'sid',
      HAC_CSRF_TOKEN: 'csrf',
      HAC_ROUTE_COOKIE: 'route',
      HAC_UPDATE_POLL_MS: '10',
      HAC_NO_KEYCHAIN: '1',
      HTTPS_PROXY: 'http://proxy.test:3128',
    };
    const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
    Object.assign(process.env, variables); // for code that reads process.env itself
    try {
      const withEnvironment = await helps(variables);
      assert.equal(withEnvironment.length, plain.length);
      assert.ok(plain.length > 30, `${plain.length} commands`);
      withEnvironment.forEach((text, index) => assert.equal(text, plain[index]));
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('HAC_NO_CODE_CACHE turns it off: no directory, the help rendered each time', async () => {
    const off = { env: { HAC_NO_CODE_CACHE: '1' } };
    assert.equal((await box.run(['--help'], off)).code, 0);
    assert.equal((await box.run([], off)).code, 2);
    await assert.rejects(readdir(cacheDir), { code: 'ENOENT' });
  });
});
