/**
 * What commander's help depends on besides the command line and the code: the width it wraps to and
 * the inputs of its colour decision, per standard stream. `help.ts` renders with them; the launcher's
 * rendered-help cache (`launcher/help-cache.ts`) keys its entries on them, so that the two cannot
 * disagree. Loads nothing but `stdio.ts` (the launcher bundles this file).
 */
import { mayBeTerminal } from './stdio.js';

type StdioName = 'stdout' | 'stderr';

/**
 * The variables commander reads before it asks the stream whether it has colours (`useColor` in
 * commander's `lib/command.js`): they decide on their own when set.
 */
export const COLOR_VARIABLES = ['NO_COLOR', 'FORCE_COLOR', 'CLICOLOR_FORCE'] as const;

/** An exported `COLUMNS`, else the terminal's width; undefined for a pipe or file (then 80). */
export function helpWidth(name: StdioName, env: Record<string, string | undefined>): number | undefined {
  const fromEnv = Number(env['COLUMNS']);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (!mayBeTerminal(name)) return undefined;
  const stream = process[name];
  return stream.isTTY ? stream.columns : undefined;
}

/**
 * Every input of the help written to `name`: the width, the colour variables, and
 * for a terminal what the stream says (whether it is one, and whether it has colours: Node asks
 * TERM, COLORTERM, CI and others for that). On a terminal this builds the stream, as rendering does;
 * for a pipe or file it costs one `fstat`.
 */
export function helpOutputContext(name: StdioName, env: Record<string, string | undefined>): unknown[] {
  const stream = mayBeTerminal(name) ? process[name] : undefined;
  const tty = stream?.isTTY === true;
  // The width comes from `env` (the runtime's variables, as `help.ts` passes them to commander's
  // `helpWidth`), the colour variables from `process.env`: commander's `useColor` reads them there,
  // whatever `env` a caller has, so the key must take them from where the renderer does.
  return [name, helpWidth(name, env) ?? 80, COLOR_VARIABLES.map((variable) => process.env[variable] ?? null), tty, tty && stream.hasColors()];
}
