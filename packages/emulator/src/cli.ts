/**
 * `hac-emulator`: start the emulator, print its base URL as the first stdout line (scripts read it),
 * a short human note on stderr, and close cleanly on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { startEmulator, type Emulator } from './index.js';
import { CliArgsError, USAGE, parseCliArgs } from './server/cli-args.js';
import { allInterfacesNote } from './server/http-server.js';
import { resolveOptions, type EmulatorOptions } from './server/options.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function note(emulator: Emulator, options: EmulatorOptions): string {
  const base = `${emulator.url}${emulator.contextPath}`;
  // The defaults come from where the emulator resolves them, so the note cannot drift from them.
  const { users, nodes, data, legacy, tls, control, host, generate } = resolveOptions(options);
  const interfaces = allInterfacesNote(host, emulator.url);
  const generated = generate.map(([type, count]) => ` + ${count} generated ${type}`).join('');
  const first = users[0]?.username ?? '';
  const lines = [
    `hac-emulator ${version()}: HAC ${legacy ? '≤ 1905 (legacy)' : '2211'} at ${base}/ (${nodes} node${nodes === 1 ? '' : 's'}, data: ${typeof data === 'object' ? data.impexFile : data}${generated})`,
    ...(interfaces ? [`  ${interfaces}`] : []),
    `  users: ${users.map((user) => user.username).join(', ')}${options.users ? '' : ` (password ${users[0]?.password ?? ''})`}`,
    `  try:   curl -i ${tls ? '-k ' : ''}${base}${legacy ? '/login.jsp' : '/login'}`,
    // Meant to be pasted as is: the real default password, and `npx` finds `hac` in a checkout or a project.
    `         HAC_PASSWORD=${options.users ? `'<password of ${first}>'` : users[0]?.password ?? ''} npx hac --url ${base}${tls ? ' -k' : ''} -u ${first} fs "SELECT {code} FROM {Product}"`,
  ];
  if (control) lines.push(`  control: curl -s ${tls ? '-k ' : ''}${emulator.url}/__emulator/counts`);
  lines.push('  Ctrl-C to stop');
  return lines.join('\n');
}

async function main(): Promise<number> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliArgsError)) throw error;
    process.stderr.write(`hac-emulator: ${error.message}\n(run with --help for usage)\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  let emulator: Emulator;
  try {
    emulator = await startEmulator(command.options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`hac-emulator: cannot start: ${message.split('\n')[0]}\n`);
    return error instanceof RangeError ? 2 : 1;
  }
  // Listening for the signals before the URL is printed: a script that stops the emulator as soon as it
  // reads the URL would otherwise hit the default action (death by SIGINT, exit 130) if it came between
  // the two, as it did under load.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(`${note(emulator, command.options)}\n`);
  await stopped;
  await emulator.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hac-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
