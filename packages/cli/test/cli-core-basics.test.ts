import type { Command } from 'commander';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('hac basics', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox();
  });
  after(() => box.cleanup());

  it('prints its version with --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await box.run([flag]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout.trim(), version);
    }
  });

  it('lists every command with examples in --help', async () => {
    const result = await box.run(['--help']);
    assert.equal(result.code, 0);
    for (const command of ['session', 'login', 'logout', 'env', 'endpoint', 'config', 'completion', 'emulator']) {
      assert.match(result.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
    }
    assert.match(result.stdout, /Examples:\n {2}\$ hac /);
  });

  it('every command and command group has examples in its --help', async () => {
    const { buildProgram } = await import('../src/program.js');
    const paths: string[][] = [];
    const walk = (command: Command, path: string[]): void => {
      for (const child of command.commands) {
        if (child.name() === 'help') continue;
        paths.push([...path, child.name()]);
        walk(child, [...path, child.name()]);
      }
    };
    walk((await buildProgram()).program, []);
    assert.ok(paths.length > 30, `${paths.length} commands`);
    const missing: string[] = [];
    // Four at a time: enough to be quick, few enough not to starve the other test files.
    const queue = [...paths];
    const worker = async (): Promise<void> => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const result = await box.run([...path, '--help']);
        if (result.code !== 0 || !/Examples:\n {2}\$ \S/.test(result.stdout)) missing.push(path.join(' '));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    assert.deepEqual(missing, []);
  });

  it('a subcommand\'s help shows its own options and one line naming the global ones, wrapped to the width', async () => {
    for (const args of [['session', 'start'], ['session', 'import'], ['env', 'add'], ['endpoint', 'update'], ['config', 'show'], ['completion'], ['login']]) {
      const result = await box.run([...args, '--help']);
      assert.equal(result.code, 0, args.join(' '));
      assert.match(result.stdout, /Examples:\n {2}\$ \S/, args.join(' '));
      assert.match(result.stdout, /\nGlobal options: -e, -n, --url, -u, [^]*-y \(see: hac --help\)\n/, args.join(' '));
      assert.doesNotMatch(result.stdout, /--env <name>/, args.join(' '));
    }
    const { buildProgram } = await import('../src/program.js');
    const { program } = await buildProgram({ env: { COLUMNS: '70' } });
    const list = program.commands.find((c) => c.name() === 'session')?.commands.find((c) => c.name() === 'list');
    const help = list?.helpInformation() ?? '';
    assert.ok(help.split('\n').length < 16, help);
    const run = program.commands.find((c) => c.name() === 'update')?.commands.find((c) => c.name() === 'run')?.helpInformation() ?? '';
    const beforeExamples = run.slice(0, run.indexOf('Examples:'));
    for (const line of beforeExamples.split('\n')) assert.ok(line.length <= 70, `wider than COLUMNS=70: ${line}`);
    assert.match(run, /--drop-tables +drop every table and create it anew: all\n +data is lost/, 'descriptions wrap under their column');
  });

  it('exits 2 on an unknown option or command, with commander’s message', async () => {
    const unknownOption = await box.run(['config', 'path', '--bogus']);
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /unknown option '--bogus'/);
    const unknownCommand = await box.run(['sesion']);
    assert.equal(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /did you mean session\?/);
  });

  it('usage errors are one line: what was wrong, and which help to read', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['sesion'], /^hac: unknown command 'sesion' \(did you mean session\?\); see: hac --help\n$/],
      [['session', 'clear', '--bogus'], /^hac: unknown option '--bogus'; see: hac session clear --help\n$/],
      [['fs', 'SELECT', '{pk}'], /^hac: too many arguments for 'flexsearch'.*: quote a query or script that contains spaces; see: hac flexsearch --help\n$/],
      [['fs', '-m', 'abc', 'x'], /^hac: option '-m, --max-count <n>' argument 'abc' is invalid.*; see: hac flexsearch --help\n$/],
      [['env', 'add'], /^hac: missing required argument 'name'; see: hac env add --help\n$/],
    ];
    for (const [args, expected] of cases) {
      const result = await box.run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, expected);
    }
  });

  it('exits 2 on an invalid --format and on a bad --timeout', async () => {
    const format = await box.run(['config', 'show', '--format', 'xml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /Allowed choices are table, json, csv, tsv, ndjson/);
    const timeout = await box.run(['config', 'show', '--timeout', '-3']);
    assert.equal(timeout.code, 2);
  });

  it('accepts global options before and after the subcommand', async () => {
    const before = await box.run(['--json', 'config', 'show']);
    const afterwards = await box.run(['config', 'show', '--json']);
    assert.equal(before.code, 0);
    assert.deepEqual(JSON.parse(before.stdout), JSON.parse(afterwards.stdout));
  });
});
