/**
 * The floor: one warm POST to HAC with bare `node:http`, nothing else (no session handling, no
 * parsing beyond the bytes). Benchmarks print the library's and the CLI's figures as ratios to it.
 *
 *   node bench/floor-post.mjs BASE_URL SESSION_ID CSRF_TOKEN   # prints the script's result
 *
 * Plain JavaScript on purpose: run through a TypeScript loader it would not be a floor.
 */
import { request } from 'node:http';

/** POSTs `form` (already encoded) to `BASE_URL/hac<path>` with the session; resolves with status and body bytes. */
export function floorPost({ baseUrl, sessionId, csrfToken, path = '/console/scripting/execute', form = 'script=return+1&scriptType=groovy&commit=false', agent }) {
  return new Promise((resolve, reject) => {
    const headers = {
      cookie: `JSESSIONID=${sessionId}`,
      'x-csrf-token': csrfToken,
      'x-requested-with': 'XMLHttpRequest',
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      'content-length': Buffer.byteLength(form),
    };
    const req = request(`${baseUrl}/hac${path}`, { method: 'POST', headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(form);
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const [baseUrl, sessionId, csrfToken] = process.argv.slice(2);
  const { status, body } = await floorPost({ baseUrl, sessionId, csrfToken });
  if (status !== 200) throw new Error(`HTTP ${status}`);
  process.stdout.write(`${JSON.parse(body.toString()).executionResult}\n`);
}
