import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliArgsError, parseCliArgs } from '../src/server/cli-args.js';

describe('hac-emulator arguments', () => {
  it('defaults to port 9002 and nothing else', () => {
    assert.deepEqual(parseCliArgs([]), { kind: 'run', options: { port: 9002 } });
  });

  it('maps every flag to an option', () => {
    const command = parseCliArgs([
      '--port', '0', '--host', '0.0.0.0', '--context-path', '/hac_admin', '--users', 'admin:nimda,dev:s:e:cret', '--tls',
      '--nodes', '3', '--latency', '25', '--session-timeout', '60', '--legacy', '--data', 'empty', '--control',
      '--update-duration', '100', '--lockout', '5', '--database', 'MySQL', '--generate', 'product=1000000,Order=5', '--generate', 'Order=7', '--export-links', 'relative',
    ]);
    assert.deepEqual(command, {
      kind: 'run',
      options: {
        port: 0,
        host: '0.0.0.0',
        contextPath: '/hac_admin',
        users: [{ username: 'admin', password: 'nimda' }, { username: 'dev', password: 's:e:cret' }],
        tls: true,
        nodes: 3,
        latencyMs: 25,
        sessionTimeoutSeconds: 60,
        legacy: true,
        data: 'empty',
        generate: { Product: 1000000, Order: 7 },
        control: true,
        updateDurationMs: 100,
        lockoutAfter: 5,
        database: 'mysql',
        exportLinks: 'relative',
      },
    });
  });

  it('accepts the root context path and an ImpEx file as data', () => {
    assert.deepEqual(parseCliArgs(['--context-path', '', '--data', 'seed.impex']), { kind: 'run', options: { port: 9002, contextPath: '', data: { impexFile: 'seed.impex' } } });
    assert.deepEqual(parseCliArgs(['--context-path=/']), { kind: 'run', options: { port: 9002, contextPath: '' } });
  });

  it('recognises --help and --version', () => {
    assert.deepEqual(parseCliArgs(['--help']), { kind: 'help' });
    assert.deepEqual(parseCliArgs(['-V']), { kind: 'version' });
  });

  it('rejects bad values with one-line messages that never echo a password', () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port must be an integer from 0 to 65535, got "abc"/],
      [['--port', '70000'], /--port/],
      [['--nodes', '0'], /--nodes must be an integer from 1/],
      [['--latency', '-1'], /--latency/],
      // A delay beyond a timer's range would fire after 1 ms: refused, not clamped.
      [['--latency', '1e300'], /--latency must be an integer from 0 to 600000 \(ms\), got "1e300"/],
      [['--session-timeout', '1e300'], /--session-timeout must be an integer from 1 to 31536000 \(s\), got "1e300"/],
      [['--update-duration', 'Infinity'], /--update-duration must be an integer from 0 to 3600000 \(ms\), got "Infinity"/],
      [['--context-path', 'hac'], /--context-path/],
      [['--context-path', '/a<b'], /--context-path must be "" or a path such as \/hac/],
      [['--data', 'lots'], /--data must be sample, empty or a FILE.impex/],
      [['--frobnicate'], /frobnicate/],
      [['--export-links', 'cdn'], /--export-links must be medias or relative, got "cdn"/],
      [['--database', 'oracle'], /--database must be one of hsqldb, hana, mysql, sqlserver, got "oracle"/],
      [['--users', 'adminsecret'], /--users entries must look like user:password/],
      [['--generate', 'Media=5'], /--generate takes TYPE=N with TYPE Product or Order, got "Media=5"/],
      [['--generate', 'Product=0'], /--generate must be an integer from 1 to 10000000, got "0"/],
      [['--generate', 'Product'], /--generate takes TYPE=N/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => parseCliArgs(argv), (error: unknown) => error instanceof CliArgsError && message.test(error.message) && !error.message.includes('\n'));
    }
    assert.throws(() => parseCliArgs(['--users', 'topsecret']), (error: Error) => !error.message.includes('topsecret'));
  });
});
