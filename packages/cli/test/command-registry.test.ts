/**
 * The lazy command registry (`src/commands/index.ts`): a program built for one command line loads
 * only the modules that command line needs, and behaves exactly as the program with every command
 * loaded (same routing, same help, same usage errors).
 */
import { Command } from 'commander';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandEntries, standInTerm } from '../src/commands/index.js';
import { PLAIN_GLOBAL_FLAGS, addGlobalOptions } from '../src/global-options.js';
import { buildProgram, commandsFor, plainFirstOperand, programOperands } from '../src/program.js';

interface Outcome {
  /** `hac session start` when an action ran, else undefined. */
  ran?: string;
  /** The CommanderError code, when commander stopped the parse (help, version, usage error). */
  stopped?: string;
  out: string;
  err: string;
}

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Parse `argv` with every action replaced by a recorder: where it goes and what commander prints. */
async function outcome(argv: readonly string[], lazy: boolean): Promise<Outcome> {
  const result: Outcome = { out: '', err: '' };
  const stderr = { write: (text: string) => ((result.err += text), true) } as unknown as NodeJS.WriteStream;
  const { program } = await buildProgram({ stderr }, lazy ? { argv } : {});
  program.configureOutput({ writeOut: (text) => (result.out += text), writeErr: (text) => (result.err += text) });
  const record = (command: Command): void => {
    // A stand-in's action throws: routing to one is a failure of `commandsFor`, and must show.
    if (standInTerm(command) === undefined) command.action(() => void (result.ran = pathOf(command)));
    command.commands.forEach(record);
  };
  program.commands.forEach(record);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') throw error;
    result.stopped = code;
  }
  return result;
}

const names = (argv: readonly string[]): string[] => commandsFor(argv).map((entry) => entry.name);

describe('command registry', () => {
  it('says of every command what its module registers (name, aliases, usage, description)', async () => {
    const { program } = await buildProgram();
    for (const entry of commandEntries) {
      const command = program.commands.find((c) => c.name() === entry.name);
      assert.ok(command, `commands/index.ts lists '${entry.name}', which its module does not register`);
      assert.deepEqual(command.aliases(), [...(entry.aliases ?? [])], `aliases of '${entry.name}' in commands/index.ts`);
      assert.equal(command.description(), entry.description, `description of '${entry.name}' in commands/index.ts`);
      const term = program.createHelp().subcommandTerm(command);
      const name = [entry.name, ...(entry.aliases ?? []).slice(0, 1)].join('|');
      assert.equal(term, `${name} ${entry.usage}`.trim(), `usage of '${entry.name}' in commands/index.ts`);
    }
    const listed = new Set(commandEntries.map((entry) => entry.name));
    const unlisted = program.commands.map((c) => c.name()).filter((name) => !listed.has(name));
    assert.deepEqual(unlisted, [], 'commands registered by a module but missing from commands/index.ts');
  });

  it('loads only the module of the command being run', () => {
    assert.deepEqual(names(['groovy', 'return 1']), ['groovy']);
    assert.deepEqual(names(['-e', 'prod', '--timeout', '5', 'fs', 'SELECT 1', '--json']), ['flexsearch']);
    assert.deepEqual(names(['-u', 'session', 'env', 'list']), ['env'], '-u takes a value: session is the user name');
    assert.deepEqual(names(['-ky', '--url=http://h', 'logout']), ['login', 'logout'], 'one module registers both');
    assert.deepEqual(names(['help', 'fs']), ['flexsearch']);
    assert.deepEqual(names(['--help']), []);
    assert.deepEqual(names([]), []);
    assert.deepEqual(names(['grovy']), []);
    assert.deepEqual(names(['--timeout', 'soon', 'groovy']), [], 'a bad global option fails before any command');
    assert.equal(names(['completion', 'bash']).length, commandEntries.length, 'completion scripts list every command');
  });

  it('PLAIN_GLOBAL_FLAGS says of each global option what addGlobalOptions defines: value or flag; checked values left out', () => {
    const program = new Command('hac').option('-V, --version');
    addGlobalOptions(program);
    const expected = new Map<string, boolean>();
    for (const option of program.options) {
      const checked = option.parseArg !== undefined && option.long !== '--yes'; // -y counts, nothing to check
      if (checked || option.optional) continue;
      for (const flag of [option.short, option.long]) if (flag !== undefined) expected.set(flag, option.required);
    }
    assert.deepEqual([...PLAIN_GLOBAL_FLAGS].sort(), [...expected].sort());
  });

  it('the first operand told from plain global options alone is the one commander finds (every command line of up to three words, and longer ones)', () => {
    const words = ['-e', 'prod', '--env', '-k', '-u', 'groovy', 'fs', 'help', '--', '-', '--json', '--timeout', '5', '--format', '-ky', '--url=x', '--bogus', '-o', '-y', '--no-color', '-V', 'session'];
    const lines: string[][] = [[]];
    for (let length = 1; length <= 3; length++) for (const line of lines.filter((l) => l.length === length - 1)) for (const word of words) lines.push([...line, word]);
    // Longer lines, generated from a fixed seed (the same ones on every run).
    let seed = 8;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 1500; n++) lines.push(Array.from({ length: 4 + (next() % 4) }, () => words[next() % words.length] as string));
    let told = 0;
    for (const argv of lines) {
      const plain = plainFirstOperand(argv);
      if (plain === undefined) continue;
      told += 1;
      const operands = programOperands(argv);
      if (operands !== undefined) {
        assert.equal(plain, operands[0], `hac ${argv.join(' ')}`);
      } else {
        // The parse failed on a word after the operand (`hac groovy -e`): up to it, it finds the same.
        const at = argv.findIndex((_, i) => plainFirstOperand(argv.slice(0, i + 1)) !== undefined);
        assert.deepEqual(programOperands(argv.slice(0, at + 1)), [plain], `hac ${argv.join(' ')}`);
      }
    }
    assert.ok(told > 1000, `told ${told}`);
  });

  it('a program built for a command line routes, helps and fails exactly as the full program', async () => {
    const lines: string[][] = [
      [],
      ['--help'],
      ['-h'],
      ['-V'],
      ['-k', '--version', 'groovy'],
      ['help'],
      ['help', 'fs'],
      ['help', 'env', 'add'],
      ['fs', '--help'],
      ['logout', '--help'],
      ['help', 'logout'],
      ['env', 'add', '--help'],
      ['update'],
      ['groovy', 'return 1'],
      ['-k', 'groovy', 'x', '-e', 'prod', '--commit'],
      ['-u', 'session', 'env', 'list'],
      ['fs', 'SELECT', '{pk}'],
      ['sesion'],
      ['--bogus', 'groovy'],
      ['--commit', 'groovy', 'x'],
      ['groovy', '--comit'],
      ['--timeout', 'soon', 'groovy', 'x'],
      ['--format', 'xml', 'fs', 'x'],
      ['-e'],
      ['--', 'groovy'],
      ['groovy', 'x', '--timeout', 'soon'],
      ['-e', 'prod', 'fs', 'x', '-e'],
      ['-u', 'groovy', 'fs', '--format', 'xml'],
      ['config', 'path'],
      ['session', 'clear', '--bogus'],
      ['rm'],
    ];
    for (const argv of lines) {
      const [lazy, full] = [await outcome(argv, true), await outcome(argv, false)];
      assert.deepEqual(lazy, full, `hac ${argv.join(' ')}`);
    }
  });

  it('every command and alias, built alone (no other command registered), parses as in the full program: operands, unknown options and subcommands, global options around it', async () => {
    const { program } = await buildProgram();
    for (const entry of commandEntries) {
      const command = program.commands.find((c) => c.name() === entry.name);
      // A misspelt subcommand (`hac session strat`) and a bogus one: commander's suggestion names siblings.
      const sub = command?.commands[0]?.name();
      const subLines = sub === undefined ? [] : [[sub.slice(0, -1) + sub.slice(-1).repeat(2)], ['no-such-subcommand']];
      for (const word of [entry.name, ...(entry.aliases ?? [])]) {
        const lines = [
          [word],
          [word, 'a', 'b', 'c', 'd', 'e'],
          [word, '--bogus'],
          [word, '--jso'],
          ['-k', word, '-Z', '--json'],
          ['-e', 'prod', word, '--', '--help'],
          ['--json', word, 'x', '--format', 'xml'],
          ...subLines.map((line) => [word, ...line]),
        ];
        for (const argv of lines) {
          const [lazy, full] = [await outcome(argv, true), await outcome(argv, false)];
          assert.deepEqual(lazy, full, `hac ${argv.join(' ')}`);
        }
      }
    }
  });

  it('every command and subcommand prints the same --help from the program built for its command line as from the full program', async () => {
    const { program } = await buildProgram();
    const paths: string[][] = [];
    const walk = (command: Command, path: string[]): void => {
      for (const child of command.commands) {
        paths.push([...path, child.name()]);
        walk(child, [...path, child.name()]);
      }
    };
    walk(program, []);
    assert.ok(paths.length > commandEntries.length, 'subcommands walked too');
    for (const path of paths) {
      // `hac help A B` shows A's help (commander's help command takes one name).
      for (const argv of path.length === 1 ? [[...path, '--help'], ['help', ...path]] : [[...path, '--help']]) {
        const [lazy, full] = [await outcome(argv, true), await outcome(argv, false)];
        const usage = full.out.split('\n')[0] ?? '';
        assert.ok(usage.startsWith('Usage: hac ') && usage.includes(` ${path.at(-1) ?? ''}`), `hac ${argv.join(' ')}: ${usage}`);
        assert.deepEqual(lazy, full, `hac ${argv.join(' ')}`);
      }
    }
  });
});
