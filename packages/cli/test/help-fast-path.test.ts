/**
 * The launcher's help bundle (`dist/bundle/help.cjs`, the CLI without its commands): which command
 * lines it serves, that it never needs a command there, and that its output is the full bundle's.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startsAsHelp } from '../src/launcher/fast-paths.js';
import { commandsFor } from '../src/program.js';
import { createSandbox, runProcess, type HacResult, type HacSandbox } from './helpers/hac-process.js';

const HELP_LINES = [[], ['--help'], ['-h'], ['help']];
const fullBundle = join(import.meta.dirname, '..', 'dist', 'bundle', 'cli.cjs');

describe('the help bundle', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox();
  });
  after(() => box.cleanup());

  it('serves only command lines that load no command', () => {
    for (const argv of HELP_LINES) {
      assert.ok(startsAsHelp(argv), `hac ${argv.join(' ')}`);
      assert.deepEqual(commandsFor(argv), [], `hac ${argv.join(' ')} loads a command`);
    }
    for (const argv of [['groovy', '--help'], ['help', 'fs'], ['-k', '--help'], ['--help', 'env'], ['--version'], ['-hk']]) {
      assert.ok(!startsAsHelp(argv), `hac ${argv.join(' ')}`);
    }
  });

  it('prints what the full bundle prints (stdout, stderr, exit code), at any width and colour setting', async () => {
    // The full bundle run without the launcher: what every other command line runs.
    const full = (argv: readonly string[], env: Record<string, string | undefined>): Promise<HacResult> =>
      runProcess(process.execPath, ['-e', 'require(process.argv[1]).runCli(process.argv.slice(2))', fullBundle, ...argv], { ...box.env, ...env });
    const envs: Array<Record<string, string | undefined>> = [{}, { COLUMNS: '50' }, { NO_COLOR: undefined, FORCE_COLOR: '1' }];
    for (const env of envs) {
      for (const argv of HELP_LINES) {
        const [fast, reference] = await Promise.all([box.run(argv, { env }), full(argv, env)]);
        assert.deepEqual(fast, reference, `hac ${argv.join(' ')} with ${JSON.stringify(env)}`);
        assert.match(argv.length === 0 ? fast.stderr : fast.stdout, /^Usage: hac \[options\] \[command\]\n/);
      }
    }
  });
});
