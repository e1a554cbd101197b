/**
 * The samples of a README as one bash script that runs them in order, as a reader following it would,
 * and stops at the first that fails, naming it (file:line). Pure: the test supplies ports and paths.
 *
 * What the script does beyond typing each line as written:
 * - the samples' port 9002 becomes a free port (`port`), so that runs never collide; an emulator
 *   started in the background (`… &`) is waited for (its URL on stdout) and stopped at the end; one
 *   started in the foreground gets a port of its own, is waited for and stopped with Ctrl-C (exit 0);
 *   so is `hac mcp --http` (its URL comes on stderr);
 * - `ts` blocks run with tsx; a block whose first line says `… as in the … example above` continues
 *   the README's first `ts` block; `toml` blocks must pass `hac config validate`, `json` blocks parse;
 * - the repository's own development commands (install, test suite, benchmarks, publishing) are left
 *   to CI: `SKIPPED` below says which and why.
 */

export interface Block {
  file: string;
  /** Line of the opening fence (1-based). */
  line: number;
  lang: string;
  lines: string[];
}

/** Fenced code blocks of a markdown text. */
export function codeBlocks(file: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  markdown.split('\n').forEach((text, index) => {
    const fence = /^```(\S*)\s*$/.exec(text);
    if (fence) {
      if (open) {
        blocks.push(open);
        open = undefined;
      } else {
        open = { file, line: index + 1, lang: fence[1] ?? '', lines: [] };
      }
      return;
    }
    open?.lines.push(text);
  });
  return blocks;
}

/** Development commands of the repository itself, which CI runs, not the README walkthrough. */
export const SKIPPED: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^npm ci\b/, why: 'installs the repository (the walkthrough runs on the installed clone)' },
  { pattern: /^npm test\b/, why: 'the test suite itself' },
  { pattern: /^npm run bench\b/, why: 'benchmarks take minutes and print numbers' },
  { pattern: /^npm install hac-client\b/, why: 'installs from the npm registry' },
  { pattern: /^npm pack\b|^mkdir -p ~\/hac && cd ~\/hac && npm install\b/, why: 'run by packed-install.test.ts, with npm\'s own cache' },
];

const EMULATOR = /(^|\s)(npx hac-emulator|hac-emulator|hac emulator)(\s|$)/;
const MCP_HTTP = /^hac\b.*\smcp\b.*\s--http\b/;

/** Single-quote `text` for bash. */
const sq = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** The line without its trailing comment (` # …` outside quotes is rare enough to split on `  #`). */
function withoutComment(line: string): string {
  const at = line.search(/\s+#\s/);
  return (at >= 0 ? line.slice(0, at) : line).trimEnd();
}

export interface ScriptOptions {
  /** Port that stands for the samples' 9002. */
  port: number;
  /** Directory of the generated files (ts/toml/json samples, emulator logs). */
  work: string;
}

/**
 * The program a `ts`, `toml` or `json` block stands for: the block itself, after the README's first
 * `ts` block when its first line says `… as in the … example above`.
 */
export function sampleText(blocks: readonly Block[], block: Block): string {
  const firstTs = blocks.find((b) => b.lang === 'ts');
  const continues = block.lang === 'ts' && firstTs !== undefined && firstTs !== block && /^\/\/ .*as in the .*example above/.test(block.lines[0] ?? '');
  return [...(continues ? firstTs.lines : []), ...block.lines].join('\n');
}

/** The bash script running every sample of `blocks` (one README) in order. */
export function walkthroughScript(blocks: readonly Block[], options: ScriptOptions): string {
  const out: string[] = [
    'set -o pipefail',
    `cd ${sq(options.work)}`,
    '__bg=()',
    // Waits for them too: one still exiting (writing its caches under $HOME) raced the sandbox's removal (ENOTEMPTY).
    '__stop() { for p in "${__bg[@]}"; do kill -INT "$p" 2>/dev/null; done; wait; }',
    '__fail() { echo "SAMPLE FAILED at $1 (exit $2): $3" >&2; __stop; exit 1; }',
    '__wait_url() { for i in $(seq 600); do grep -q "://" "$1" && return 0; sleep 0.1; done; cat "$1" "$1.err" >&2; return 1; }',
  ];
  const port = (text: string): string => text.replace(/\b9002\b/g, String(options.port));
  let n = 0;
  for (const block of blocks) {
    const where = (offset: number): string => `${block.file}:${block.line + 1 + offset}`;
    if (block.lang === 'ts' || block.lang === 'toml' || block.lang === 'json') {
      n++;
      const body = port(sampleText(blocks, block));
      const file = `sample-${n}.${block.lang === 'ts' ? 'mts' : block.lang}`;
      out.push(`cat > ${file} <<'__SAMPLE__'\n${body}\n__SAMPLE__`);
      const run =
        block.lang === 'ts'
          ? `node --import tsx ${file}`
          : block.lang === 'toml'
            ? `HAC_CLIENT_CONFIG_PATH="$PWD/${file}" hac config validate`
            : `node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' ${file}`;
      out.push(`${run} > ${file}.log 2>&1 || { __r=$?; cat ${file}.log >&2; __fail ${sq(where(0))} $__r ${sq(`${block.lang} block`)}; }`);
      continue;
    }
    if (block.lang !== 'sh') continue;
    block.lines.forEach((raw, offset) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      if (SKIPPED.some((s) => s.pattern.test(line))) return;
      const command = withoutComment(line);
      if (MCP_HTTP.test(command) && !command.endsWith('&')) {
        n++;
        const log = `mcp-http-${n}.out`;
        const started = /--port\s+\d+/.test(command) ? command.replace(/--port\s+\d+/, '--port 0') : command;
        out.push(
          `${started} > ${log} 2>&1 & __p=$!; echo $! >> pids`,
          `__wait_url ${log} || __fail ${sq(where(offset))} 1 ${sq(line)}`,
          `kill -INT $__p; wait $__p; __rc=$?; [ $__rc -eq 0 ] || __fail ${sq(where(offset))} $__rc ${sq(line)}`,
        );
        return;
      }
      if (EMULATOR.test(command)) {
        n++;
        const log = `emulator-${n}.out`;
        const background = command.endsWith('&');
        let started = command.replace(/&$/, '').trim();
        // A background emulator is the samples' 9002; one in the foreground must not take that port.
        const target = background ? String(options.port) : '0';
        started = /--port\s+\d+/.test(started) ? started.replace(/--port\s+\d+/, `--port ${target}`) : `${started} --port ${target}`;
        if (background) {
          // pids: stopped by the test too, should this script be killed before its end.
          out.push(`${started} > ${log} 2> ${log}.err & __bg+=($!); echo $! >> pids`, `__wait_url ${log} || __fail ${sq(where(offset))} 1 ${sq(line)}`);
        } else {
          out.push(
            // The URL on stdout comes once the emulator listens and handles Ctrl-C; stderr apart.
            `${started} > ${log} 2> ${log}.err & __p=$!; echo $! >> pids`,
            `__wait_url ${log} || __fail ${sq(where(offset))} 1 ${sq(line)}`,
            `kill -INT $__p; wait $__p; __rc=$?; [ $__rc -eq 0 ] || __fail ${sq(where(offset))} $__rc ${sq(line)}`,
          );
        }
        return;
      }
      out.push(port(line), `__rc=$?; [ $__rc -eq 0 ] || __fail ${sq(where(offset))} $__rc ${sq(line)}`);
    });
  }
  out.push('__stop', 'echo WALKTHROUGH COMPLETE');
  return `${out.join('\n')}\n`;
}
