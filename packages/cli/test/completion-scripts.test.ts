import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { createSandbox, hacCommand, runProcess, type HacSandbox } from './helpers/hac-process.js';

function has(shell: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What the bash completion offers for `line` (the last word is the one being completed). */
async function bashCandidates(bashScript: string, sandbox: HacSandbox, line: string): Promise<string[]> {
  const file = join(sandbox.dir, 'completion.bash');
  await writeFile(file, bashScript);
  const words = line.split(' ');
  const script = `source '${file}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _hac; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = await runProcess('bash', ['-c', script], sandbox.env);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.split('\n').filter(Boolean);
}

/** Put the `hac` under test on the sandbox's PATH (the scripts call it for names). */
async function hacOnPath(sandbox: HacSandbox): Promise<void> {
  const { command, args } = hacCommand();
  await sandbox.addExecutable('hac', `exec ${[command, ...args].map((a) => `'${a}'`).join(' ')} "$@"\n`);
}

describe('hac completion', () => {
  let box: HacSandbox;
  /** A config whose names are shell code: completion must offer them as data and run none of it. */
  let hostile: HacSandbox;
  let evilEnv = '';
  let evilEndpoint = '';
  const scripts: Record<string, string> = {};

  before(async () => {
    box = await createSandbox();
    await box.writeConfig(
      '[environments.dev.endpoints.hac]\nurl = "http://dev.example"\n[environments.prod.endpoints.hac]\nurl = "http://prod.example"\n[environments.prod.endpoints.node1]\nurl = "http://node1.prod.example"\n',
    );
    // `hac` on PATH for the dynamic completion of environment names.
    await hacOnPath(box);
    hostile = await createSandbox();
    await hacOnPath(hostile);
    const pwned = (n: number): string => join(hostile.dir, `pwned${n}`);
    evilEnv = `e$(touch ${pwned(1)})\`touch ${pwned(2)}\`;x y`;
    evilEndpoint = `n$(touch ${pwned(3)});'q'`;
    await hostile.writeConfig(`default_environment = ${JSON.stringify(evilEnv)}\n[environments.${JSON.stringify(evilEnv)}]\ndefault_endpoint = ${JSON.stringify(evilEndpoint)}\n[environments.${JSON.stringify(evilEnv)}.endpoints.${JSON.stringify(evilEndpoint)}]\nurl = "http://a.example"\n`);
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = await box.run(['completion', shell]);
      assert.equal(result.code, 0, result.stderr);
      scripts[shell] = result.stdout;
    }
  });
  after(async () => {
    await box.cleanup();
    await hostile.cleanup();
  });
  /** The files a `touch` from a name created, removed so that each shell is judged on its own. */
  const ranCode = async (): Promise<string[]> => {
    const ran = (await readdir(hostile.dir)).filter((f) => f.startsWith('pwned'));
    await Promise.all(ran.map((f) => rm(join(hostile.dir, f))));
    return ran;
  };

  it('rejects an unknown shell with exit 2', async () => {
    const result = await box.run(['completion', 'powershell']);
    assert.equal(result.code, 2);
  });

  it('every script names every command and subcommand of the tree', () => {
    for (const [shell, script] of Object.entries(scripts)) {
      for (const word of ['session', 'clear-all', 'endpoint', 'set-default', 'completion', 'groovy', 'flexsearch', 'update', '--drop-tables', '--password-stdin', '--format']) {
        const spelled = shell === 'fish' && word.startsWith('--') ? `-l ${word.slice(2)}` : word; // fish: `-l drop-tables`
        assert.ok(script.includes(spelled), `${shell} completion mentions ${word}`);
      }
    }
    assert.match(scripts['zsh'] ?? '', /^#compdef hac/);
    assert.match(scripts['fish'] ?? '', /complete -c hac -n 'test \(__hac_path\) = hac\/session' -f -a 'clear-all'/);
  });

  const complete = (line: string, sandbox = box): Promise<string[]> => bashCandidates(scripts['bash'] ?? '', sandbox, line);

  it('bash offers hostile names quoted, as data, and runs none of their code', async () => {
    // `printf %q` quoting: inserted on the command line, the candidate is one word, the literal name.
    await ranCode();
    const quoted = async (name: string): Promise<string> => (await runProcess('bash', ['-c', 'printf %q "$1"', '-', name], hostile.env)).stdout;
    assert.deepEqual(await complete('hac groovy -e e', hostile), [await quoted(evilEnv)]);
    assert.deepEqual(await complete('hac session clear ', hostile), [await quoted(evilEnv)]);
    assert.deepEqual(await complete('hac -n n', hostile), [await quoted(evilEndpoint)]);
    assert.deepEqual(await complete('hac groovy -e zz', hostile), []);
    assert.deepEqual(await ranCode(), []);
  });

  it('bash completes commands, subcommands, options, choices and environment names', async () => {
    assert.deepEqual(await complete('hac ses'), ['session']);
    assert.deepEqual(await complete('hac session cl'), ['clear', 'clear-all']);
    assert.deepEqual(await complete('hac -e prod session cl'), ['clear', 'clear-all'], 'option values are skipped');
    assert.ok((await complete('hac update run --dr')).includes('--drop-tables'));
    assert.ok((await complete('hac session start --')).includes('--force'));
    assert.ok((await complete('hac session start --')).includes('--env'), 'global options everywhere');
    assert.deepEqual(await complete('hac --format n'), ['ndjson']);
    assert.deepEqual(await complete('hac groovy -e '), ['dev', 'prod']);
    assert.deepEqual(await complete('hac session clear '), ['dev', 'prod'], 'positional environment (Python form)');
    assert.deepEqual(await complete('hac env set-default p'), ['prod']);
    assert.deepEqual(await complete('hac endpoint add '), ['dev', 'prod']);
  });

  it('bash knows aliases and completes the endpoints of the environment on the line', async () => {
    assert.deepEqual(await complete('hac fs --ma'), ['--max-count']);
    assert.deepEqual(await complete('hac -e prod fs --as'), ['--as-user']);
    assert.deepEqual(await complete('hac env rm p'), ['prod']);
    assert.deepEqual(await complete('hac -e prod groovy -n '), ['hac', 'node1']);
    assert.deepEqual(await complete('hac groovy -n '), ['hac'], 'the default environment (dev) without -e');
  });

  it('zsh accepts its script and offers the right candidates', { skip: !has('zsh') }, async () => {
    const file = join(box.dir, '_hac');
    await writeFile(file, scripts['zsh'] ?? '');
    const syntax = await runProcess('zsh', ['-n', file], box.env);
    assert.equal(syntax.code, 0, syntax.stderr);
    // Without the completion system: stub its functions to print what _hac offers (unfiltered by prefix).
    const candidates = async (words: string[], sandbox = box): Promise<string[]> => {
      const script = `compdef() { :; }
source '${file}'
_describe() { local name=\${@[-1]}; print -l -- \${\${(P)name}%%:*} }
compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }
_files() { print -- '<files>' }
words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _hac`;
      const result = await runProcess('zsh', ['-f', '-c', script], sandbox.env);
      assert.equal(result.code, 0, result.stderr);
      return result.stdout.split('\n').filter(Boolean);
    };
    await ranCode();
    // compadd gets each name as one literal word (zsh quotes it when inserting it).
    assert.deepEqual(await candidates(['hac', 'groovy', '-e', ''], hostile), [evilEnv]);
    assert.deepEqual(await candidates(['hac', 'session', 'clear', ''], hostile), [evilEnv]);
    assert.deepEqual(await candidates(['hac', '-n', ''], hostile), [evilEndpoint]);
    assert.deepEqual(await ranCode(), []);
    assert.deepEqual(await candidates(['hac', 'session', 'cl']), ['start', 'import', 'list', 'show', 'clear', 'clear-all']);
    assert.deepEqual(await candidates(['hac', '-e', 'prod', 'session', 'cl']), ['start', 'import', 'list', 'show', 'clear', 'clear-all']);
    assert.ok((await candidates(['hac', 'update', 'run', '--dr'])).includes('--drop-tables'));
    assert.deepEqual(await candidates(['hac', '--format', 'n']), ['table', 'json', 'csv', 'tsv', 'ndjson']);
    assert.deepEqual(await candidates(['hac', 'groovy', '-e', '']), ['dev', 'prod']);
    assert.deepEqual(await candidates(['hac', 'session', 'clear', '']), ['dev', 'prod']);
    assert.ok((await candidates(['hac', 'fs', '--ma'])).includes('--max-count'), 'aliases');
    assert.deepEqual(await candidates(['hac', '-e', 'prod', 'groovy', '-n', '']), ['hac', 'node1']);
  });

  it('fish accepts its script', { skip: !has('fish') }, async () => {
    const file = join(box.dir, 'hac.fish');
    await writeFile(file, scripts['fish'] ?? '');
    const result = await runProcess('fish', ['--no-execute', file], box.env);
    assert.equal(result.code, 0, result.stderr);
    const completions = async (line: string, sandbox = box): Promise<string[]> => {
      const out = await runProcess('fish', ['-c', `source '${file}'; complete -C '${line}'`], sandbox.env);
      assert.equal(out.code, 0, out.stderr);
      return out.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0] ?? '');
    };
    assert.deepEqual(await completions('hac session cl'), ['clear', 'clear-all']);
    assert.deepEqual(await completions('hac -e prod session cl'), ['clear', 'clear-all']);
    assert.ok((await completions('hac update run --dr')).includes('--drop-tables'));
    assert.deepEqual(await completions('hac --format n'), ['ndjson']);
    assert.deepEqual((await completions('hac groovy -e ')).sort(), ['dev', 'prod']);
    assert.deepEqual((await completions('hac env remove ')).sort(), ['dev', 'prod']);
    assert.deepEqual(await completions('hac fs --ma'), ['--max-count'], 'aliases');
    assert.deepEqual((await completions('hac -e prod groovy -n ')).sort(), ['hac', 'node1']);
    await ranCode();
    // Each name is one literal candidate (fish escapes it when inserting it).
    assert.deepEqual(await completions('hac groovy -e ', hostile), [evilEnv]);
    assert.deepEqual(await completions('hac env remove ', hostile), [evilEnv]);
    assert.deepEqual(await completions('hac -n ', hostile), [evilEndpoint]);
    assert.deepEqual(await ranCode(), []);
  });
});

describe('completion of pending patch names', () => {
  let emu: Emulator;
  let box: HacSandbox;
  const scripts: Record<string, string> = {};
  before(async () => {
    ({ emu, box } = await startEmulatorSandbox());
    await hacOnPath(box);
    for (const shell of ['bash', 'zsh', 'fish']) scripts[shell] = (await box.run(['completion', shell])).stdout;
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('--patch of update run offers the pending patches of the cached session; without one nothing, and no login', async () => {
    assert.deepEqual(await bashCandidates(scripts['bash'] ?? '', box, 'hac update run --patch '), []);
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 0, 'completion never logs in');
    assert.equal((await box.run(['login'])).code, 0);
    const patches = ['Patch_2211_01_TaxRows', 'Patch_2211_02_CmsFooter', 'Patch_2211_03_InitialPromotions'];
    assert.deepEqual(await bashCandidates(scripts['bash'] ?? '', box, 'hac update run --patch Patch_2211_0'), patches);
    assert.deepEqual(await bashCandidates(scripts['bash'] ?? '', box, 'hac -e test update run -p '), patches, 'with the target on the line');
    if (has('zsh')) {
      const file = join(box.dir, '_hac');
      await writeFile(file, scripts['zsh'] ?? '');
      const script = `compdef() { :; }\nsource '${file}'\ncompadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }\nwords=(hac update run --patch ''); CURRENT=5; _hac`;
      assert.deepEqual((await runProcess('zsh', ['-f', '-c', script], box.env)).stdout.split('\n').filter(Boolean), patches);
    }
    if (has('fish')) {
      const file = join(box.dir, 'hac.fish');
      await writeFile(file, scripts['fish'] ?? '');
      const out = await runProcess('fish', ['-c', `source '${file}'; complete -C 'hac update run --patch '`], box.env);
      assert.deepEqual(out.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]), patches);
    }
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1, 'only the explicit login');
  });
});
