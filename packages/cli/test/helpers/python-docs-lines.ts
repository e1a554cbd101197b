/**
 * Every command line of the Python `hac` CLI's documentation (SapCommerceTools/hac-client-cli: README.md,
 * docs-site/docs/**, docs-site/src/docs/index.js, and the --help examples in src/hac_client_cli/*.py),
 * as documented, grouped by page. `python-docs.test.ts` runs each runnable one unchanged against the
 * emulator, only its placeholders filled (see `fillPlaceholders`); the others are listed with the
 * reason they cannot run against any HAC stand-in.
 *
 * Sources (the newest stored version of each file): README = README.md; usage, installation =
 * docs-site/docs/getting-started/*.md; ci, security = docs-site/docs/reference/*.md; the use-case pages
 * = docs-site/docs/use-cases/*.md; site:PAGE = a page of docs-site/src/docs/index.js; help:COMMAND = the
 * Examples of that command's docstring; README(first) = the first README.md (flat config form).
 */
import assert from 'node:assert/strict';
import type { HacResult } from './hac-process.js';

export interface DocStep {
  /** Where the line is documented (several pages may show the same line). */
  from: string[];
  /** The line (or script) exactly as documented. */
  doc: string;
  /** A step the docs give as set-up for the page (e.g. `hac session start` before commands). */
  setup?: boolean;
  /** Run as a whole script file with these arguments (`bash script.sh ARGS`). */
  scriptArgs?: string[];
  /** Run on a pseudo-terminal (`script`), this typed as the answer to a question. */
  typed?: string;
  /** Extra environment for this line (variables the docs have set, e.g. a CI secret). */
  env?: Record<string, string>;
  /** Needs this program besides bash (skipped when missing). */
  needs?: 'jq';
  /** Expected exit code. @default 0 */
  code?: number;
  /** What the docs show of the output, as assertions. */
  check?: (result: HacResult) => void;
}

export interface DocGroup {
  title: string;
  /** A config file the page takes as given (written before its first line), TOML with `{URL}` for the emulator. */
  config?: string;
  /** Files in the working directory the lines name (data.impex, seed/*.impex…). */
  files?: Record<string, string>;
  /** Variables of the page's shell (`$HAC_PASSWORD` of a CI job, `$HAC_URL`…); `{URL}` is the emulator. */
  env?: Record<string, string>;
  steps: DocStep[];
}

export interface NotRunnable {
  from: string[];
  doc: string;
  reason: string;
}

/** Placeholders of the docs → emulator values: URLs, sample passwords, patch, extension, product and order names. */
export function fillPlaceholders(line: string, url: string): string {
  return (
    line
      // Every HAC URL of the docs is this emulator (plain HTTP; `--ignore-ssl` stays, harmless).
      .replace(/https:\/\/(?:localhost|prod-hac[12]\.example\.com|10\.0\.1\.1[01]|new-url\.example\.com|hac\.example\.com|dev\.example\.com)(?::9002)?/g, url)
      // The docs' sample password `secret` is the emulator's `nimda`.
      .replace(/(HAC_PASSWORD(?:_[A-Z0-9_]+)?=)secret\b/g, '$1nimda')
      .replace(/--password secret\b/g, '--password nimda')
      .replace(/echo 'secret' \|/g, "echo 'nimda' |")
      // Patches: the emulator's patches extension is acmepatches. Names run once are pending patches;
      // names run again are its yes/no patch parameter (the Python CLI's notion of a patch).
      .replace(/\bPatch_2602_38_0\b/g, 'Patch_2211_01_TaxRows')
      .replace(/\bPatch_DEPLOY1\b/g, 'Patch_2211_02_CmsFooter')
      .replace(/\b(?:Patch_MVP|Patch_DEPLOY_42|Patch_DEPLOY|PatchName)\b/g, 'runRequiredPatches')
      .replace(/\bMyPatch\b/g, 'importSampleData') // a yes/no parameter of the extension -x names
      .replace(/\bcchpatches\b/g, 'acmepatches')
      .replace(/\b(?:myext|myproject)\b/g, 'electronicsstore')
      // Sample data: a product and an order of the emulator.
      .replace(/\bPROD-001\b/g, 'HW-1001')
      .replace(/\bORD-12345\b/g, 'ORD-500100')
      .replace(/hac flexsearch "SELECT \.\.\." /g, 'hac flexsearch "SELECT {code} FROM {Product}" ')
      .replace(/hac groovy "script" /g, `hac groovy "return 'script'" `)
      .replace(/hac flexsearch \.\.\. --json/g, 'hac flexsearch "SELECT {code}, {name[en]}, {approvalStatus} FROM {Product}" --json')
  );
}

const json = (result: HacResult): Record<string, unknown> => JSON.parse(result.stdout) as Record<string, unknown>;
const keysFirst = (doc: Record<string, unknown>, keys: string[]): void => assert.deepEqual(Object.keys(doc).slice(0, keys.length), keys);
const helloWorld = (r: HacResult): void => assert.equal(r.stdout, 'Hello World\n');
const tsvRows = (count: number) => (r: HacResult): void => assert.equal(r.stdout.trimEnd().split('\n').length, count + 1, r.stdout);
const aNumber = (r: HacResult): void => assert.match(r.stdout, /^\d+\n$/, 'just the number');
const sessionFor = (target: string, user: string) => (r: HacResult): void => assert.match(r.stderr, new RegExp(`${target} .* as ${user}`));

const IMPEX = 'INSERT_UPDATE Language;isocode[unique=true];active\n;py;true\n';
const SEED = (code: string): string => `INSERT_UPDATE Language;isocode[unique=true];active\n;${code};true\n`;

/** A config with the named environments, endpoint `hac` each, at the emulator. */
export function environmentsAt(...names: string[]): string {
  return `default_environment = "${names[0] ?? 'local'}"\n${names.map((name) => `\n[environments.${name}]\ndefault_endpoint = "hac"\n[environments.${name}.endpoints.hac]\nurl = "{URL}"\n`).join('')}`;
}

export const docGroups: DocGroup[] = [
  {
    title: 'Quick Start (README, site:quick-start)',
    files: { 'data.impex': IMPEX },
    steps: [
      { from: ['README', 'site:quick-start'], doc: 'hac env add local' },
      { from: ['README', 'site:quick-start'], doc: 'hac endpoint add local hac --url https://localhost:9002 --ignore-ssl --set-default' },
      { from: ['README', 'usage', 'site:quick-start', 'site:sessions'], doc: 'echo "nimda" | hac session start local --username admin', check: sessionFor('local/hac', 'admin') },
      { from: ['README', 'usage', 'site:quick-start', 'site:groovy'], doc: `hac groovy "return 'Hello World'"`, check: helloWorld },
      { from: ['README', 'site:quick-start'], doc: 'hac flexsearch "SELECT {pk}, {code} FROM {Product}" --max-count 10', check: tsvRows(10) },
      { from: ['README', 'usage', 'site:quick-start', 'site:impex'], doc: 'hac impex -f data.impex' },
      { from: ['site:quick-start', 'site:sessions'], doc: 'HAC_PASSWORD=nimda hac session start local --username admin' },
      { from: ['site:quick-start', 'usage', 'site:updates', 'help:update data'], doc: 'hac update data', check: (r) => assert.match(r.stdout, /^acmepatches\t/m) },
      { from: ['site:quick-start'], doc: 'hac env add production' },
      { from: ['site:quick-start'], doc: 'hac endpoint add production node1 --url https://prod-hac1.example.com:9002 --set-default' },
      { from: ['site:quick-start'], doc: 'hac endpoint add production node2 --url https://prod-hac2.example.com:9002' },
      { from: ['site:quick-start'], doc: 'echo "$PROD_PASSWORD" | hac session start production --endpoint node1 --username admin', env: { PROD_PASSWORD: 'nimda' } },
      { from: ['site:quick-start'], doc: `hac groovy "return 'test'" -e production -n node1`, check: (r) => assert.equal(r.stdout, 'test\n') },
      // The page starts a session for node1 only; node2 needs its own (the Python CLI fails there too).
      { from: ['site:quick-start (set-up for node2)'], doc: 'echo "$PROD_PASSWORD" | hac session start production --endpoint node2 --username admin', env: { PROD_PASSWORD: 'nimda' }, setup: true },
      { from: ['site:quick-start'], doc: 'hac flexsearch "SELECT COUNT({pk}) FROM {Order}" -e production -n node2', check: (r) => assert.match(r.stdout, /\n30\n$/) },
    ],
  },
  {
    title: 'Installation: verify (installation, site:installation)',
    steps: [
      {
        from: ['installation', 'site:installation'],
        doc: 'hac --help',
        check: (r) => {
          for (const command of ['config', 'endpoint', 'env', 'flexsearch', 'groovy', 'impex', 'session', 'update']) {
            assert.match(r.stdout, new RegExp(`^ {2}${command}\\b`, 'm'), `lists ${command}`);
          }
        },
      },
    ],
  },
  {
    title: 'Managing environments and endpoints (usage, site:configuration, security, privileged-access)',
    steps: [
      { from: ['usage', 'site:configuration'], doc: 'hac env add production --set-default' },
      { from: ['usage'], doc: 'hac endpoint add production hac-node1 --url https://prod-hac1.example.com:9002 --set-default' },
      { from: ['usage'], doc: 'hac endpoint add production hac-node2 --url https://prod-hac2.example.com:9002' },
      { from: ['usage', 'site:configuration'], doc: 'hac env list', check: (r) => assert.match(r.stdout, /^production\ttrue\t/m) }, // piped: tab-separated, the default in its own column
      { from: ['usage', 'site:configuration'], doc: 'hac env show production', check: (r) => assert.match(r.stdout, /hac-node1: .*\n.*hac-node2: /) },
      { from: ['usage', 'site:configuration'], doc: 'hac endpoint list production', check: (r) => assert.match(r.stdout, /^hac-node1\ttrue\t/m) }, // piped: tab-separated, the default in its own column
      { from: ['site:configuration'], doc: 'hac env set-default production' },
      { from: ['site:configuration'], doc: 'hac endpoint show production hac-node1', check: (r) => assert.match(r.stdout, /url +http/) },
      { from: ['site:configuration'], doc: 'hac endpoint update production hac-node1 --url https://new-url.example.com' },
      { from: ['site:configuration'], doc: 'hac endpoint set-default production hac-node2' },
      { from: ['site:configuration'], doc: 'hac endpoint remove production hac-node1' },
      { from: ['site:configuration (set-up for the next line)'], doc: 'hac env add staging', setup: true },
      { from: ['site:configuration'], doc: 'hac env remove staging', typed: 'y\r', check: (r) => assert.match(r.stdout, /Remove environment 'staging'\?/) },
      { from: ['site:configuration'], doc: 'hac endpoint add production hac-node1 \\\n  --url https://prod-hac1.example.com:9002 \\\n  --timeout 60 \\\n  --set-default' },
      { from: ['site:configuration', 'help:config'], doc: 'hac config --example', check: (r) => assert.match(r.stdout, /^\[environments\.local\.endpoints\.hac\]$/m) },
      { from: ['site:configuration'], doc: 'hac config --validate', check: (r) => assert.match(r.stdout, /^Configuration is valid/) },
      { from: ['help:config'], doc: 'hac config', check: (r) => assert.match(r.stdout, /^Default environment: production$/m) },
      { from: ['help:config'], doc: 'hac config -l', check: (r) => assert.equal(r.stdout, 'Configured environments:\n  - local\n  - production (default)\n') },
      { from: ['help:config'], doc: 'hac config -e local', check: (r) => assert.match(r.stdout, /^Environment: local\n {2}hac \(default\): https:\/\/localhost:9002/) },
      { from: ['help:config'], doc: 'hac config -v', check: (r) => assert.match(r.stdout, /^Configuration is valid/) },
      { from: ['help:config'], doc: 'hac config -p', check: (r) => assert.match(r.stdout, /^Configuration file: .*\nStatus: exists\n$/) },
      { from: ['help:config'], doc: 'hac config -x', check: (r) => assert.match(r.stdout, /default_environment = "local"/) },
    ],
  },
  {
    title: 'A bastion host and TLS (privileged-access, security)',
    steps: [
      { from: ['privileged-access', 'site:use-case-privileged-access'], doc: 'hac env add production' },
      { from: ['privileged-access', 'site:use-case-privileged-access'], doc: 'hac endpoint add production node1 --url https://10.0.1.10:9002 --set-default' },
      { from: ['privileged-access', 'site:use-case-privileged-access'], doc: 'hac endpoint add production node2 --url https://10.0.1.11:9002' },
      { from: ['README, site:quick-start (set-up: the environment local)'], doc: 'hac env add local', setup: true },
      { from: ['security'], doc: 'hac endpoint add local hac --url https://localhost:9002 --ignore-ssl' },
      { from: ['privileged-access'], doc: 'hac env list -q', setup: true, check: (r) => assert.equal(r.stdout, 'local\nproduction\n') },
    ],
  },
  {
    title: 'Session management (usage, security, site:sessions, help:session)',
    config: `${environmentsAt('local', 'production')}\n[environments.production.endpoints.hac-node1]\nurl = "{URL}"\n[environments.production.endpoints.node1]\nurl = "{URL}"\n`,
    files: { 'pw.txt': 'nimda\n' },
    steps: [
      { from: ['usage', 'security'], doc: 'HAC_PASSWORD=secret hac session start production --endpoint hac-node1 --username admin', check: sessionFor('production/hac-node1', 'admin') },
      { from: ['usage', 'security', 'site:sessions', 'agentic-coding'], doc: 'hac session list', check: (r) => assert.match(r.stdout, /production\/hac-node1/) },
      { from: ['usage', 'site:sessions'], doc: 'hac session import local --username admin --session-id abc123 --csrf-token def456' },
      { from: ['site:sessions'], doc: 'hac session import local \\\n  --username admin \\\n  --session-id abc123 \\\n  --csrf-token def456' },
      { from: ['site:sessions'], doc: 'hac session show local', check: (r) => assert.match(r.stdout, /environment +local\/hac/) },
      { from: ['usage', 'site:sessions', 'site:security'], doc: 'hac session clear local/hac', check: (r) => assert.match(r.stderr, /cleared 1 session\(s\) for local\/hac/) },
      { from: ['site:sessions'], doc: `echo '{"username":"admin","session_id":"abc","csrf_token":"def"}' | hac session import local` },
      { from: ['help:session import'], doc: `echo '{"username":"admin","session_id":"abc","csrf_token":"def"}' | hac session import local --endpoint hac` },
      { from: ['site:sessions'], doc: 'HAC_USERNAME=admin HAC_SESSION_ID=abc HAC_CSRF_TOKEN=def hac session import local' },
      { from: ['help:session import'], doc: 'HAC_USERNAME=admin HAC_SESSION_ID=abc123 HAC_CSRF_TOKEN=def456 hac session import local' },
      { from: ['help:session import'], doc: 'hac session import local --endpoint hac --username admin --session-id abc123 --csrf-token def456' },
      { from: ['site:sessions'], doc: 'HAC_USERNAME=admin HAC_PASSWORD=secret hac session start local', check: sessionFor('local/hac', 'admin') },
      { from: ['site:sessions'], doc: 'HAC_PASSWORD_PRODUCTION_NODE1=secret hac session start production --endpoint node1 --username admin', check: sessionFor('production/node1', 'admin') },
      { from: ['help:session start'], doc: "echo 'secret' | hac session start local --username admin" },
      { from: ['help:session start'], doc: 'hac session start local --username admin', typed: 'nimda\r' },
      { from: ['help:session start'], doc: 'hac session start local --endpoint hac --username admin', typed: 'nimda\r' },
      { from: ['security'], doc: 'echo "$HAC_PASSWORD" | hac session start production --username admin', env: { HAC_PASSWORD: 'nimda' } },
      { from: ['security'], doc: 'vault kv get -field=password secret/hac/prod \\\n  | hac session start production --username admin' },
      { from: ['privileged-access', 'site:use-case-privileged-access'], doc: 'vault kv get -field=password secret/hac/production \\\n  | hac session start production --username svc-hac-admin' },
      { from: ['site:sessions'], doc: 'pass my/hac/password | hac session start production --endpoint node1 --username admin' },
      { from: ['site:security'], doc: 'pass show hac/prod | hac session start production --username admin' },
      { from: ['security'], doc: 'hac session start production --username admin --password secret' },
      { from: ['usage', 'security', 'site:sessions', 'site:security', 'ci', 'data-migration', 'data-analysis'], doc: 'hac session clear-all --force', check: (r) => assert.match(r.stderr, /cleared \d+ session\(s\)/) },
      { from: ['usage'], doc: 'hac session clear-all', typed: 'y\r', check: (r) => assert.match(r.stdout, /Clear all sessions\?/) },
      { from: ['security'], doc: 'hac session clear production/node1' },
    ],
  },
  {
    title: 'Groovy (usage, site:groovy, README(first))',
    config: `${environmentsAt('local', 'production', 'dev')}\n[environments.production.endpoints.hac-node1]\nurl = "{URL}"\n`,
    files: { 'script.groovy': "println 'from the file'\nreturn 'script result'\n", 'migration.groovy': "return 'migrated'\n" },
    steps: [
      { from: ['usage'], doc: 'echo "nimda" | hac session start local --username admin', setup: true },
      { from: ['usage'], doc: 'HAC_PASSWORD=secret hac session start production --endpoint hac-node1 --username admin', setup: true },
      { from: ['README(first) (set-up: a session for dev)'], doc: 'HAC_PASSWORD=secret hac session start dev --username admin', setup: true },
      { from: ['usage', 'site:groovy', 'README(first)'], doc: 'hac groovy -f script.groovy', check: (r) => { assert.equal(r.stdout, 'script result\n'); assert.match(r.stderr, /from the file/); } },
      { from: ['site:groovy'], doc: 'hac groovy script.groovy', check: (r) => assert.equal(r.stdout, 'script result\n') },
      { from: ['usage', 'README(first)'], doc: 'hac groovy -f script.groovy --commit', check: (r) => assert.equal(r.stdout, 'script result\n') },
      { from: ['site:groovy'], doc: 'hac groovy -f migration.groovy --commit', check: (r) => assert.equal(r.stdout, 'migrated\n') },
      { from: ['usage', 'site:groovy'], doc: `hac groovy "return 'test'" -e production -n hac-node1`, check: (r) => assert.equal(r.stdout, 'test\n') },
      { from: ['README(first)'], doc: `hac groovy "return 'test'" -e dev`, check: (r) => assert.equal(r.stdout, 'test\n') },
      {
        from: ['usage', 'site:groovy'],
        doc: 'hac groovy "return 42" --json',
        check: (r) => {
          const doc = json(r);
          keysFirst(doc, ['success', 'output_text', 'execution_result', 'commit_mode', 'execution_time_ms']);
          assert.deepEqual([doc['success'], doc['output_text'], doc['execution_result'], doc['commit_mode']], [true, '', '42', false]);
          assert.equal(typeof doc['execution_time_ms'], 'number');
        },
      },
      { from: ['site:groovy'], doc: "hac groovy \"\ndef products = flexibleSearchService.search('SELECT {pk} FROM {Product}').result\nreturn products.size()\n\"", check: (r) => assert.equal(r.stdout, '89\n') },
      { from: ['ci'], doc: `if hac groovy "return 'healthy'" --json | jq -e '.execution_result' > /dev/null; then\n  echo "System is healthy"\nfi`, needs: 'jq', check: (r) => assert.equal(r.stdout, 'System is healthy\n') },
      { from: ['agentic-coding (SKILL.md)'], doc: 'hac groovy "script" --json', check: (r) => assert.equal(json(r)['execution_result'], 'script') },
    ],
  },
  {
    title: 'FlexibleSearch and data analysis (usage, site:flexiblesearch, data-analysis, agentic-coding, README(first))',
    config: environmentsAt('local', 'production'),
    steps: [
      { from: ['usage'], doc: 'echo "nimda" | hac session start local --username admin', setup: true },
      { from: ['data-analysis'], doc: 'echo "$HAC_PASSWORD" | hac session start production --username reporter', env: { HAC_PASSWORD: 'nimda' }, setup: true },
      { from: ['usage', 'README(first)'], doc: 'hac flexsearch "SELECT {pk} FROM {Product}"', check: tsvRows(89) },
      { from: ['usage', 'site:flexiblesearch', 'README(first)'], doc: 'hac flexsearch "SELECT {pk} FROM {Product}" --max-count 100', check: tsvRows(89) },
      { from: ['README(first)'], doc: 'hac flexsearch "SELECT {pk} FROM {Product}" --csv', check: (r) => assert.match(r.stdout, /^pk\n\d+\n/i) },
      { from: ['usage', 'site:flexiblesearch'], doc: 'hac flexsearch "SELECT {pk}, {code} FROM {Product}" --csv', check: (r) => assert.match(r.stdout, /^pk,p_code\n\d+,HW-1001\n/i) },
      {
        from: ['usage'],
        doc: 'hac flexsearch "SELECT {pk} FROM {Product}" --json',
        check: (r) => {
          const doc = json(r);
          keysFirst(doc, ['success', 'headers', 'rows', 'result_count', 'execution_time_ms']);
          assert.equal(doc['result_count'], 89);
        },
      },
      { from: ['site:flexiblesearch'], doc: 'hac flexsearch "SELECT {pk}, {code}, {name[en]} FROM {Product}"', check: (r) => assert.match(r.stdout, /^pk\tp_code\tp_name\n\d+\tHW-1001\tClassic Camera\n/i) },
      { from: ['site:flexiblesearch'], doc: 'hac flexsearch "SELECT {pk}, {code} FROM {Product}" --max-count 5', check: tsvRows(5) },
      { from: ['site:flexiblesearch'], doc: 'hac flexsearch "SELECT {pk}, {code} FROM {Product}" --json', check: (r) => assert.deepEqual((json(r)['rows'] as unknown[][])[0]?.length, 2) },
      { from: ['site:flexiblesearch'], doc: 'hac flexsearch "SELECT {name[en]} FROM {Product}" --locale en', check: (r) => assert.match(r.stdout, /Classic Camera/) },
      { from: ['site:flexiblesearch'], doc: 'hac flexsearch "SELECT {name[de]} FROM {Product}" --locale de' },
      { from: ['site:flexiblesearch', 'data-analysis', 'site:ci-automation'], doc: 'hac flexsearch "SELECT COUNT({pk}) FROM {Product}" -q', check: (r) => assert.equal(r.stdout, '89\n') },
      { from: ['site:flexiblesearch'], doc: 'hac flexsearch "SELECT {pk}, {code}, {name[en]} FROM {Product}" --csv > products.csv', check: (r) => assert.equal(r.stdout, '') },
      { from: ['site:flexiblesearch'], doc: "hac flexsearch \"SELECT {pk}, {code} FROM {Product}\" --json | jq '.rows | length'", needs: 'jq', check: (r) => assert.equal(r.stdout, '89\n') },
      { from: ['site:ci-automation'], doc: "hac flexsearch \"SELECT {pk} FROM {Product}\" --json | jq '.result_count'", needs: 'jq', check: (r) => assert.equal(r.stdout, '89\n') },
      { from: ['site:ci-automation'], doc: 'hac flexsearch "SELECT {pk} FROM {Product}" -q', check: (r) => assert.equal(r.stdout.split('\n').length, 90) },
      { from: ['site:ci-automation'], doc: 'hac flexsearch "SELECT {pk}, {code} FROM {Product}" --csv > products.csv' },
      { from: ['data-analysis', 'site:use-case-data-analysis'], doc: `hac flexsearch "SELECT COUNT({pk}) FROM {Order} WHERE {date} >= '2025-01-01'" -q`, check: aNumber },
      { from: ['data-analysis', 'site:use-case-data-analysis'], doc: 'hac flexsearch "SELECT {code}, {name[en]}, {onlineDate}, {approvalStatus} FROM {Product}" \\\n  --csv > products.csv' },
      { from: ['data-analysis', 'site:use-case-data-analysis'], doc: `hac flexsearch \\\n  "SELECT {approvalStatus}, COUNT({pk}) FROM {Product} GROUP BY {approvalStatus}" \\\n  --json | jq '.rows'`, needs: 'jq', check: (r) => assert.equal((JSON.parse(r.stdout) as unknown[]).length, 3) },
      {
        from: ['ci', 'site:ci-automation'],
        doc: `hac flexsearch "SELECT {code}, {name[en]} FROM {Product}" --json \\\n  | jq -r '.rows[] | "\\(.[0])\\t\\(.[1])"'`,
        needs: 'jq',
        check: (r) => assert.match(r.stdout, /^HW-1001\tClassic Camera$/m),
      },
      // HAC shows an enum value's PK, not its code: nothing matches, on a real HAC as here.
      { from: ['diagnostics', 'site:use-case-diagnostics'], doc: `hac flexsearch ... --json | jq '.rows[] | select(.[2] == "APPROVED")'`, needs: 'jq', check: (r) => assert.equal(r.stdout, '') },
      { from: ['agentic-coding (SKILL.md)'], doc: 'hac flexsearch "SELECT ..." --max-count 100 --json', check: (r) => assert.equal(json(r)['result_count'], 89) },
      {
        from: ['agentic-coding', 'site:use-case-agentic-coding'],
        doc: `hac flexsearch "SELECT {pk}, {status}, {date}, {totalPrice} FROM {Order} WHERE {code} = 'ORD-12345'" --json`,
        check: (r) => assert.equal((json(r)['rows'] as unknown[]).length, 1),
      },
      {
        from: ['data-analysis', 'site:use-case-data-analysis'],
        doc: `#!/bin/bash\n# daily-report.sh — run via cron\nset -euo pipefail\n\nDATE=$(date +%Y-%m-%d)\necho "$HAC_PASSWORD" | hac session start production --username reporter\n\necho "=== Daily Report $DATE ==="\necho "Products:  $(hac flexsearch "SELECT COUNT({pk}) FROM {Product}" -q -e production)"\necho "Orders:    $(hac flexsearch "SELECT COUNT({pk}) FROM {Order} WHERE {date} >= '$DATE'" -q -e production)"\necho "Customers: $(hac flexsearch "SELECT COUNT({pk}) FROM {Customer}" -q -e production)"\n\nhac session clear-all --force\n`,
        scriptArgs: [],
        env: { HAC_PASSWORD: 'nimda' },
        check: (r) => assert.match(r.stdout, /^Products: {2}89\nOrders: {4}0\nCustomers: \d+\n$/m),
      },
    ],
  },
  {
    title: 'ImpEx and data migration (usage, site:impex, data-migration, README(first))',
    config: environmentsAt('local', 'staging', 'production'),
    files: {
      'data.impex': IMPEX,
      'products.impex': 'INSERT_UPDATE Language;isocode[unique=true];active\n;pm;true\n',
      'seed/01-languages.impex': SEED('s1'),
      'seed/02-more.impex': SEED('s2'),
      'import/a.impex': SEED('i1'),
      'import/b.impex': 'INSERT_UPDATE NoSuchType;code[unique=true]\n;x\n',
      'migrations/migrate_product_attributes.groovy': "return 'attributes migrated'\n",
    },
    steps: [
      { from: ['usage'], doc: 'echo "nimda" | hac session start local --username admin', setup: true },
      { from: ['data-migration'], doc: 'echo "$HAC_PASSWORD" | hac session start production --username admin', env: { HAC_PASSWORD: 'nimda' }, setup: true },
      { from: ['usage', 'README(first)'], doc: 'hac impex -f data.impex --validation strict' },
      { from: ['site:impex'], doc: 'hac impex -f data.impex --validation import_relaxed' },
      {
        from: ['site:impex', 'agentic-coding (SKILL.md)'],
        doc: 'hac impex -f data.impex --json',
        check: (r) => {
          const doc = json(r);
          keysFirst(doc, ['success', 'output', 'validation_errors']);
          assert.equal(doc['success'], true);
        },
      },
      { from: ['site:impex (set-up: production/hac-node1)'], doc: 'hac endpoint add production hac-node1 --url https://prod-hac1.example.com:9002', setup: true },
      { from: ['site:impex (set-up: production/hac-node1)'], doc: 'echo "nimda" | hac session start production --endpoint hac-node1 --username admin', setup: true },
      { from: ['site:impex'], doc: 'hac impex -f data.impex -e production -n hac-node1' },
      { from: ['data-migration', 'site:use-case-data-migration'], doc: 'hac impex -f products.impex -e production' },
      { from: ['data-migration', 'site:use-case-data-migration'], doc: 'hac groovy -f migrations/migrate_product_attributes.groovy --commit -e production', check: (r) => assert.equal(r.stdout, 'attributes migrated\n') },
      {
        from: ['data-migration', 'site:use-case-data-migration'],
        doc: `#!/bin/bash\nset -euo pipefail\n\nFAILED=0\nfor f in import/*.impex; do\n  echo -n "Importing $(basename "$f")... "\n  if hac impex -f "$f" --json 2>/dev/null | jq -e '.success' > /dev/null 2>&1; then\n    echo "OK"\n  else\n    echo "FAILED"\n    FAILED=$((FAILED + 1))\n  fi\ndone\n\nif [ "$FAILED" -gt 0 ]; then\n  echo "$FAILED imports failed" >&2\n  exit 1\nfi\n`,
        scriptArgs: [],
        needs: 'jq',
        code: 1,
        check: (r) => {
          assert.equal(r.stdout, 'Importing a.impex... OK\nImporting b.impex... FAILED\n');
          assert.equal(r.stderr, '1 imports failed\n');
        },
      },
      { from: ['data-migration (set-up: a session for staging)'], doc: 'echo "$HAC_PASSWORD" | hac session start staging --username admin', env: { HAC_PASSWORD: 'nimda' }, setup: true },
      {
        from: ['data-migration', 'site:use-case-data-migration'],
        doc: `hac flexsearch "SELECT {code}, {name[en]}, {description[en]}, {approvalStatus} FROM {Product}" \\\n  -e staging --csv > products.csv`,
      },
      {
        // Runs to its Media line, which the emulator cannot answer (see the list of lines that cannot run).
        from: ['data-migration', 'site:use-case-data-migration'],
        doc: `#!/bin/bash\nset -euo pipefail\n\nENV="$1"\necho "$HAC_PASSWORD" | hac session start "$ENV" --username admin\n\nfor f in seed/*.impex; do\n  echo "Importing $f ..."\n  hac impex -f "$f" -e "$ENV"\ndone\n\necho "Verifying..."\nhac flexsearch "SELECT COUNT({pk}) FROM {Product}" -e "$ENV" -q\nhac flexsearch "SELECT COUNT({pk}) FROM {Category}" -e "$ENV" -q\nhac flexsearch "SELECT COUNT({pk}) FROM {Media}" -e "$ENV" -q\n\nhac session clear-all --force\n`,
        scriptArgs: ['staging'],
        env: { HAC_PASSWORD: 'nimda' },
        code: 1,
        check: (r) => {
          assert.match(r.stdout, /^Importing seed\/01-languages\.impex \.\.\.\n(?:.*\n)*Importing seed\/02-more\.impex \.\.\.\n(?:.*\n)*Verifying\.\.\.\n89\n\d+\n$/);
          assert.match(r.stderr, /Media/);
        },
      },
    ],
  },
  {
    title: 'System updates (usage, site:updates, help:update, ci, privileged-access, agentic-coding)',
    config: environmentsAt('local', 'staging', 'production'),
    env: { HAC_UPDATE_POLL_MS: '40' },
    steps: [
      { from: ['usage'], doc: 'echo "nimda" | hac session start local --username admin', setup: true },
      { from: ['ci'], doc: 'echo "$HAC_PASSWORD" | hac session start staging --username deployer', env: { HAC_PASSWORD: 'nimda' }, setup: true },
      { from: ['privileged-access'], doc: 'vault kv get -field=password secret/hac/production \\\n  | hac session start production --username svc-hac-admin', setup: true },
      { from: ['usage', 'site:updates', 'help:update patches'], doc: 'hac update patches', check: (r) => assert.match(r.stdout, /^Patch_2211_01_TaxRows\tpending\t/m) },
      { from: ['site:updates'], doc: 'hac update data --patches', check: (r) => assert.equal(r.stdout, 'acmepatches\trunRequiredPatches=yes\t1\tData patches of the ACME project (patches framework)\n') },
      { from: ['site:updates', 'help:update data'], doc: 'hac update data --with-params', check: (r) => assert.match(r.stdout, /^electronicsstore\t/m) },
      { from: ['site:updates'], doc: 'hac update data --extension cchpatches', check: (r) => assert.match(r.stdout, /^runRequiredPatches\tyes\tyes, no\t/m) },
      { from: ['help:update data'], doc: 'hac update data -x cchpatches', check: (r) => assert.match(r.stdout, /^runRequiredPatches\tyes\t/m) },
      { from: ['site:updates', 'help:update patches'], doc: 'hac update patches --extension cchpatches', check: (r) => assert.match(r.stdout, /^runRequiredPatches\tselected: yes\t/m) },
      { from: ['help:update patches'], doc: 'hac update patches -x cchpatches' },
      { from: ['help:update patches'], doc: 'hac update patches -x myproject', check: (r) => assert.match(r.stdout, /^importCoreData\tselected: yes\t/m) },
      { from: ['help:update patches', 'site:updates', 'agentic-coding (SKILL.md)'], doc: 'hac update patches --json', check: (r) => keysFirst(json(r), ['extension', 'patches']) },
      { from: ['help:update patches'], doc: 'hac update patches -q', check: (r) => assert.match(r.stdout, /^Patch_2211_01_TaxRows\n(?:.+\n)*runRequiredPatches\n$/) },
      { from: ['site:updates', 'agentic-coding (SKILL.md)'], doc: 'hac update data --json', check: (r) => keysFirst(json(r), ['is_initializing', 'extensions']) },
      { from: ['usage', 'site:updates', 'help:update run'], doc: 'hac update run --patch Patch_2602_38_0', check: (r) => assert.match(r.stdout, /Executing patch Patch_2211_01_TaxRows/) },
      { from: ['usage', 'site:updates', 'help:update run'], doc: 'hac update run -p Patch_MVP -p Patch_DEPLOY1', check: (r) => assert.match(r.stdout, /Executing patch Patch_2211_02_CmsFooter/) },
      { from: ['site:updates', 'help:update run'], doc: 'hac update run -x cchpatches -p Patch_MVP' },
      { from: ['help:update run'], doc: 'hac update run -x myext -p MyPatch' },
      { from: ['site:updates', 'help:update run'], doc: 'hac update run --param cchpatches_Patch_MVP=yes' },
      { from: ['site:updates', 'help:update run'], doc: 'hac update run --create-essential-data', check: (r) => assert.match(r.stdout, /essential data/i) },
      { from: ['site:updates'], doc: 'hac update run --create-project-data' },
      { from: ['help:update run'], doc: 'hac update run --schema-update' },
      { from: ['help:update run'], doc: 'hac update run --no-follow' },
      { from: ['site:updates'], doc: 'hac update run -p Patch_MVP --follow' },
      { from: ['site:updates'], doc: 'hac update run -p Patch_MVP --json', check: (r) => keysFirst(json(r), ['success', 'finished', 'log']) },
      { from: ['site:updates', 'help:update log'], doc: 'hac update log', check: (r) => assert.match(r.stdout, /FINISHED/) },
      { from: ['usage', 'site:updates', 'help:update log'], doc: 'hac update log --follow', check: (r) => assert.match(r.stdout, /FINISHED/) },
      { from: ['help:update log'], doc: 'hac update log --json', check: (r) => keysFirst(json(r), ['log', 'is_complete', 'has_errors']) },
      { from: ['agentic-coding (SKILL.md)'], doc: 'hac update run -p PatchName' },
      { from: ['ci'], doc: 'hac update run -p Patch_DEPLOY -e staging\nhac update log --follow -e staging' },
      { from: ['privileged-access', 'site:use-case-privileged-access'], doc: 'hac update data -e production', check: (r) => assert.match(r.stdout, /^acmepatches\t/m) },
      { from: ['privileged-access', 'site:use-case-privileged-access'], doc: 'hac update run -p Patch_DEPLOY_42 -e production --follow', check: (r) => assert.match(r.stderr, /update finished/) },
      { from: ['privileged-access', 'site:use-case-privileged-access'], doc: 'hac flexsearch "SELECT COUNT({pk}) FROM {Product}" -e production', check: (r) => assert.match(r.stdout, /\n89\n$/) },
    ],
  },
  {
    title: 'Diagnostics: the queries the emulator can answer (diagnostics, site:use-case-diagnostics)',
    config: environmentsAt('local'),
    // The scripts' variables: `PRODUCT_CODE="$1"`, `ORDER_CODE="$1"`, `ENV="${2:-local}"`.
    env: { PRODUCT_CODE: 'HW-1001', ORDER_CODE: 'ORD-500101', ENV: 'local' },
    steps: [
      { from: ['usage'], doc: 'echo "nimda" | hac session start local --username admin', setup: true },
      {
        from: ['diagnostics (product script, step 2)', 'site:use-case-diagnostics'],
        doc: `hac flexsearch "\n  SELECT {cv.version}, {cv.active}, {c.id}\n  FROM {Product AS p\n    JOIN CatalogVersion AS cv ON {p.catalogVersion} = {cv.pk}\n    JOIN Catalog AS c ON {cv.catalog} = {c.pk}}\n  WHERE {p.code} = '$PRODUCT_CODE'\n" -e "$ENV"`,
        check: (r) => assert.match(r.stdout, /\telectronicsProductCatalog\n/),
      },
      {
        from: ['diagnostics (order script)', 'site:use-case-diagnostics'],
        doc: `hac flexsearch "\n  SELECT {code}, {status}, {date}, {totalPrice}, {currency}, {user}\n  FROM {Order}\n  WHERE {code} = '$ORDER_CODE'\n" -e "$ENV"`,
        check: tsvRows(1),
      },
      {
        from: ['diagnostics (order script)', 'site:use-case-diagnostics'],
        doc: `hac flexsearch "\n  SELECT {oe.entryNumber}, {oe.product}, {oe.quantity}, {oe.basePrice}, {oe.totalPrice}\n  FROM {OrderEntry AS oe JOIN Order AS o ON {oe.order} = {o.pk}}\n  WHERE {o.code} = '$ORDER_CODE'\n" -e "$ENV"`,
        check: tsvRows(2),
      },
    ],
  },
  {
    title: 'CI jobs and shell scripts (ci, site:ci-automation, data-migration)',
    config: environmentsAt('staging'),
    files: { 'seed/01-languages.impex': SEED('c1'), 'seed/02-more.impex': SEED('c2') },
    env: { HAC_UPDATE_POLL_MS: '40', HAC_PASSWORD: 'nimda' },
    steps: [
      { from: ['ci (GitHub Actions step "Authenticate")'], doc: 'echo "$HAC_PASSWORD" | hac session start staging --username deployer' },
      { from: ['ci (step "Import seed data")'], doc: 'for f in seed/*.impex; do\n  hac impex -f "$f" -e staging\ndone' },
      { from: ['ci (step "Run system update")'], doc: 'hac update run -p Patch_DEPLOY -e staging\nhac update log --follow -e staging' },
      {
        from: ['ci (step "Verify deployment")'],
        doc: 'COUNT=$(hac flexsearch "SELECT COUNT({pk}) FROM {Product}" -q -e staging)\necho "Product count: $COUNT"\n[ "$COUNT" -gt 0 ] || exit 1',
        check: (r) => assert.equal(r.stdout, 'Product count: 89\n'),
      },
      { from: ['ci (step "Cleanup")'], doc: 'hac session clear-all --force' },
      {
        from: ['ci'],
        doc: `#!/bin/bash\nset -euo pipefail\n\nENV="\${1:?Usage: $0 <environment>}"\n\necho "$HAC_PASSWORD" | hac session start "$ENV" --username admin\n\n# Run updates\nhac update run -p Patch_DEPLOY -e "$ENV"\n\n# Verify\nPRODUCTS=$(hac flexsearch "SELECT COUNT({pk}) FROM {Product}" -q -e "$ENV")\nORDERS=$(hac flexsearch "SELECT COUNT({pk}) FROM {Order}" -q -e "$ENV")\n\necho "Products: $PRODUCTS"\necho "Orders: $ORDERS"\n\nhac session clear-all --force\n`,
        scriptArgs: ['staging'],
        check: (r) => assert.match(r.stdout, /\nProducts: 89\nOrders: 30\n$/),
      },
      {
        from: ['data-migration (GitHub Actions step "Seed environment")', 'site:use-case-data-migration'],
        doc: 'echo "$HAC_PASSWORD" | hac session start staging --username admin\nfor f in seed/*.impex; do\n  hac impex -f "$f" -e staging\ndone\nhac session clear-all --force',
      },
    ],
  },
];

export const notRunnable: NotRunnable[] = [
  // Installers and system administration: nothing of hac runs.
  ...[
    'pipx install hac-client-cli',
    'pip install hac-client-cli',
    'pip install -e .',
    'pipx upgrade hac-client-cli',
    'curl -Lo hac https://github.com/SapCommerceTools/hac-client-cli/releases/latest/download/hac-linux-x86_64',
    'chmod +x hac',
    'sudo mv hac /usr/local/bin/',
    'xattr -d com.apple.quarantine hac 2>/dev/null',
    'sudo apt install pipx / brew install pipx / sudo dnf install pipx; pipx ensurepath',
    'pip install --user pipx / python -m pip install --user pipx; python -m pipx ensurepath',
    'winget install Python.Python.3.12 / scoop install python',
    'Invoke-WebRequest -Uri "https://github.com/SapCommerceTools/hac-client-cli/releases/latest/download/hac-windows-x86_64.exe" -OutFile "$env:LOCALAPPDATA\\hac.exe"',
    'git clone https://github.com/SapCommerceTools/hac-client-cli.git; cd hac-client-cli',
  ].map((doc) => ({ from: ['README', 'installation', 'site:installation', 'ci'], doc, reason: 'installs the Python CLI (hac is installed with npm)' })),
  ...[
    'sudo apt install --no-install-recommends python3 pipx openssh-server auditd',
    'sudo ufw default deny incoming / deny outgoing / allow in ssh / allow out to 10.0.0.0/8 port 9002 proto tcp / enable',
    'sudo useradd -m -s /bin/bash operator-alice / operator-bob',
    'sudo apt install libpam-google-authenticator',
    'LOGDIR="/var/log/hac-sessions"; mkdir -p "$LOGDIR"; exec script -q -a "$LOGDIR/$(whoami)-$(date +%Y%m%d-%H%M%S).log"',
    'ssh operator-alice@bastion.internal',
    'exit',
  ].map((doc) => ({ from: ['privileged-access', 'site:use-case-privileged-access'], doc, reason: 'sets up a bastion host (packages, firewall, accounts, SSH, session recording); no hac command' })),
  {
    from: ['data-analysis', 'site:use-case-data-analysis'],
    doc: 'hac flexsearch "SELECT {code}, {name[en]}, {price}, {stock} FROM {Product}" --csv > products.csv',
    reason: 'Product has no price or stock attribute in SAP Commerce (prices are PriceRows, stock StockLevels): the query fails on a real HAC too',
  },
  {
    from: ['data-analysis', 'site:use-case-data-analysis'],
    doc: `hac flexsearch \\\n  "SELECT {code}, {name[en]}, {price} FROM {Product} ORDER BY {price} DESC" \\\n  --max-count 10 --json | jq '.rows[] | {code: .[0], name: .[1], price: .[2]}'`,
    reason: 'Product has no price attribute in SAP Commerce: the query fails on a real HAC too',
  },
  { from: ['data-analysis', 'site:use-case-data-analysis'], doc: 'import pandas as pd … df = pd.read_csv("products.csv", sep="\\t") …', reason: 'a Python program reading the CSV, not a hac command line' },
  { from: ['data-migration', 'site:use-case-data-migration'], doc: 'python3 csv_to_impex.py products.csv > products.impex', reason: 'the reader’s own conversion script, which the docs do not give (the next line imports a products.impex written for the test)' },
  {
    from: ['data-migration', 'site:use-case-data-migration'],
    doc: 'hac flexsearch "SELECT {pk}, {code}, {newAttribute} FROM {Product} WHERE {newAttribute} IS NOT NULL" \\\n  -e production --max-count 10',
    reason: '{newAttribute} stands for an attribute the reader’s migration adds; no HAC has it',
  },
  { from: ['data-migration', 'site:use-case-data-migration'], doc: 'hac flexsearch "SELECT COUNT({pk}) FROM {Media}" -e "$ENV" -q', reason: 'the emulator has no Media type (its type model: Language, Currency, Unit, Catalog(Version), Category, Product, users, Order(Entry), jobs)' },
  {
    from: ['site:groovy'],
    doc: `COUNT=$(hac groovy "return flexibleSearchService.search('SELECT COUNT({pk}) FROM {Product}').result[0][0]" -q)`,
    reason: "the script fails on SAP Commerce too: a one-column result's rows are the values, so result[0] is already the count and [0] on an Integer raises MissingMethodException",
  },
  {
    from: ['diagnostics', 'site:use-case-diagnostics'],
    doc: 'the product visibility script (diagnose-product.sh PROD-001 production): {p.supercategories}, StockLevel, PriceRow, {cl.linkType}, SolrIndexedProperty',
    reason: 'selects the relation attribute supercategories (refused by FlexibleSearch) and queries types the emulator lacks (StockLevel, PriceRow, SolrIndexedProperty); its Catalog Version query alone runs in python-docs.test.ts',
  },
  {
    from: ['diagnostics', 'site:use-case-diagnostics'],
    doc: 'the order diagnostic script: PaymentTransaction, Consignment',
    reason: 'queries types the emulator lacks (PaymentTransaction, Consignment); its Order and Order Entries queries run in python-docs.test.ts',
  },
  { from: ['diagnostics', 'site:use-case-diagnostics'], doc: 'chmod +x diagnose-product.sh\n./diagnose-product.sh PROD-001 production', reason: 'runs the product visibility script above' },
  { from: ['agentic-coding (SKILL.md)'], doc: 'bash scripts/diagnose-product.sh <product-code>', reason: 'runs the product visibility script above' },
  { from: ['diagnostics', 'site:use-case-diagnostics'], doc: 'hac groovy "\n  import de.hybris.platform.core.model.product.ProductModel … modelService.get(products[0]) … " -e production', reason: 'uses modelService and maps, outside the emulator’s Groovy subset (a real HAC is needed)' },
  {
    from: ['agentic-coding', 'site:use-case-agentic-coding'],
    doc: 'hac flexsearch "SELECT {pk}, {status}, {paymentProvider} FROM {PaymentTransaction} WHERE {order} = 8796093088769" --json',
    reason: 'the emulator has no PaymentTransaction type',
  },
  { from: ['agentic-coding', 'site:use-case-agentic-coding'], doc: 'hac groovy "\n  def tx = flexibleSearchService.search(\'SELECT {pk} FROM {PaymentTransaction} WHERE {pk} = 8796093088770\').result[0]\n  return [status: tx.status, info: tx.requestId, reason: tx.statusInfo]\n" --json', reason: 'PaymentTransaction and Groovy maps are outside the emulator' },
  ...[
    'hac env add target 2>/dev/null || true … echo "$HAC_PASSWORD" | hac session start target --username admin; COUNT=$(hac flexsearch "SELECT COUNT({pk}) FROM {Product}" -q 2>/dev/null | tail -1) …',
    './hac env add prod; ./hac endpoint add prod main --url https://hac.example.com --set-default; … ./hac update run -p Patch_DEPLOY1 --no-follow; ./hac update log --follow; ./hac flexsearch … --json',
  ].map((doc) => ({
    from: ['site:ci-automation'],
    doc,
    reason:
      'never makes its new environment the default (on a fresh runner the default stays "local"), so its commands without -e go to local: it fails the same way with the Python CLI; with -e added, every command of it runs in the CI group of python-docs.test.ts',
  })),
  ...['echo "$PASSWORD" | hac session start ...', 'HAC_PASSWORD=secret hac session start ...', 'pass show hac/prod | hac session start ...', 'hac flexsearch ... --json | jq …'].map((doc) => ({
    from: ['usage', 'site:security', 'site:use-case-diagnostics'],
    doc,
    reason: 'a pattern with its arguments elided (...): its complete forms run',
  })),
  {
    from: ['site:use-case-agentic-coding'],
    doc: 'subprocess.run(["hac", "flexsearch", query, "--max-count", str(max_count), "--json"]) / ["hac", "groovy", script, "--json"(, "--commit")] and the "command" of the tool definitions',
    reason: 'Python code and JSON tool definitions; the command lines they build are the SKILL.md lines, which run',
  },
];

/** Lines of the Python CLI's first README (flat config form), run with its config file as shown. */
export const firstReadme: DocGroup = {
  title: 'The first README: flat config form',
  config: `# Default environment\ndefault_environment = "local"\n\n[environments.local]\nurl = "{URL}"\nusername = "admin"\npassword = "nimda"\nignore_ssl = true\n\n[environments.dev]\nurl = "https://dev.example.com"\nusername = "admin"\n# Password can be provided via HAC_PASSWORD env var\nignore_ssl = false\n`,
  env: { HAC_PASSWORD: 'nimda' }, // the file's password is never read: the README's variable
  steps: [
    { from: ['README(first)'], doc: `hac groovy "return 'Hello World'"`, check: helloWorld },
    { from: ['README(first)'], doc: 'hac config', check: (r) => assert.match(r.stdout, /^ {2}local <- default\n {4}hac \(default\): http/m) },
    { from: ['README(first)'], doc: 'hac config --list-environments', check: (r) => assert.equal(r.stdout, 'Configured environments:\n  - dev\n  - local (default)\n') },
  ],
};
