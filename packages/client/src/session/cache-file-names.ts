/**
 * The names of session cache files, as the Python tool makes them. Apart from the store
 * (`cache-store.ts`) because `SessionManager.sessionPath` answers synchronously from the package's
 * entry, which leaves the file system code for the first call that needs it (`implementation.ts`).
 */
import { sparkMd5 } from '../internal/lazy.js';

/** `md5("{base_url}:{username}:{environment}")` in hex, as the Python tool computes it. */
function sessionKey(baseUrl: string, username: string, environment: string): string {
  const bytes = Buffer.from(`${baseUrl}:${username}:${environment}`, 'utf8');
  return sparkMd5().ArrayBuffer.hash(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

export function sessionFileName(baseUrl: string, username: string, environment: string): string {
  return `session_${sessionKey(baseUrl, username, environment)}.json`;
}

/** The file of this key in `dir` as configured (not its checked real path). */
export function sessionFilePath(dir: string, baseUrl: string, username: string, environment: string): string {
  // process.getBuiltinModule: see internal/lazy.ts (the entry imports no built-in module).
  return process.getBuiltinModule('node:path').join(dir, sessionFileName(baseUrl, username, environment));
}
