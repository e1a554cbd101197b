/**
 * The Python `hac` CLI's documented command lines and scripts run unchanged with this `hac`: each line
 * of its README, docs pages and --help examples (`helpers/python-docs-lines.ts`, grouped by page) runs
 * in bash against the emulator, its placeholders filled with emulator values, each page in a fresh
 * sandbox (config, session cache) and working directory. `hac` is on PATH (the built binary, or the
 * sources with HAC_CLI_FROM_SOURCE=1); so are stand-ins for `vault` and `pass` that print the password.
 * Lines that cannot run against any HAC stand-in are listed there with the reason.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { startTestEmulator, type Emulator } from './helpers/emulator.js';
import { createSandbox, hacCommand, runProcess, type HacResult, type HacSandbox } from './helpers/hac-process.js';
import { docGroups, fillPlaceholders, firstReadme, notRunnable, type DocGroup, type DocStep } from './helpers/python-docs-lines.js';

const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

function installed(program: string, args: string[] = ['--version']): boolean {
  try {
    execFileSync(program, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = { jq: installed('jq'), script: process.platform === 'linux' && installed('script') };
// The docs' users, all with the emulator's password.
const USERS = ['admin', 'deployer', 'reporter', 'svc-hac-admin'].map((username) => ({ username, password: 'nimda' }));

describe("the Python CLI's documented command lines, unchanged", () => {
  let emu: Emulator;
  let ran = 0;
  before(async () => (emu = await startTestEmulator({ users: USERS })));
  after(() => emu.close());

  async function prepare(group: DocGroup): Promise<{ box: HacSandbox; work: string; env: Record<string, string | undefined> }> {
    const box = await createSandbox();
    const { command, args } = hacCommand();
    await box.addExecutable('hac', `#!/bin/sh\nexec ${[command, ...args].map(quote).join(' ')} "$@"\n`);
    // `vault kv get -field=password …` and `pass …`: a secrets manager printing the password.
    await box.addExecutable('vault', 'echo nimda');
    await box.addExecutable('pass', 'echo nimda');
    const work = join(box.dir, 'work');
    await mkdir(work, { recursive: true });
    for (const [name, content] of Object.entries(group.files ?? {})) {
      await mkdir(dirname(join(work, name)), { recursive: true });
      await writeFile(join(work, name), content);
    }
    if (group.config !== undefined) await box.writeConfig(group.config.replaceAll('{URL}', emu.url));
    const env = { ...box.env, ...Object.fromEntries(Object.entries(group.env ?? {}).map(([k, v]) => [k, v.replaceAll('{URL}', emu.url)])) };
    return { box, work, env };
  }

  async function run(t: TestContext, step: DocStep, index: number, work: string, groupEnv: Record<string, string | undefined>): Promise<void> {
    const line = fillPlaceholders(step.doc, emu.url);
    if (step.needs === 'jq' && !available.jq) return t.diagnostic(`skipped (no jq): ${step.doc}`);
    if (step.typed !== undefined && !available.script) return t.diagnostic(`skipped (no util-linux script for a terminal): ${step.doc}`);
    const env = { ...groupEnv, ...step.env };
    const options = { cwd: work, timeoutMs: 120_000 };
    let result: HacResult;
    if (step.typed !== undefined) {
      // A terminal: the question is asked there, the answer typed ahead (util-linux `script`).
      result = await runProcess('script', ['-qfec', `bash -c ${quote(line)}`, '/dev/null'], env, { ...options, input: step.typed });
    } else if (step.scriptArgs !== undefined) {
      const file = join(work, `doc-script-${index}.sh`);
      await writeFile(file, line);
      result = await runProcess('bash', [file, ...step.scriptArgs], env, options);
    } else {
      // As a CI step runs its lines: stop at the first failing command.
      result = await runProcess('bash', ['-e', '-o', 'pipefail', '-c', line], env, options);
    }
    const shown = `${step.doc}\n(from ${step.from.join(', ')})\n--- stdout:\n${result.stdout}--- stderr:\n${result.stderr}`;
    assert.equal(result.code, step.code ?? 0, shown);
    try {
      step.check?.(result);
    } catch (error) {
      (error as Error).message += `\n${shown}`;
      throw error;
    }
    ran += 1;
  }

  for (const group of [...docGroups, firstReadme]) {
    it(group.title, async (t) => {
      const { box, work, env } = await prepare(group);
      try {
        for (const [index, step] of group.steps.entries()) await run(t, step, index, work, env);
      } finally {
        await box.cleanup();
      }
    });
  }

  it('lists each line that cannot run against a HAC stand-in, with the reason', (t) => {
    for (const line of notRunnable) {
      assert.ok(line.reason.length > 20, `a reason for: ${line.doc}`);
      assert.ok(line.from.length > 0);
    }
    t.diagnostic(`${ran} documented lines ran; ${notRunnable.length} are listed as not runnable`);
  });
});
