import type { Busboy } from 'busboy';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { UploadedFile } from '../consoles/route-types.js';

/** Larger bodies are refused (413): far above any ImpEx a test would upload. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export interface ParsedBody {
  form: URLSearchParams;
  files: UploadedFile[];
  /** The urlencoded body alone (null otherwise): the only body Spring Security reads `_csrf` from. */
  urlencoded: URLSearchParams | null;
}

function mediaType(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Fields and files of an urlencoded or multipart body; anything else (JSON…) has none. */
export async function parseBody(headers: IncomingHttpHeaders, body: Buffer): Promise<ParsedBody> {
  const type = mediaType(headers);
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(body.toString('utf8'));
    return { form, files: [], urlencoded: form };
  }
  if (type === 'multipart/form-data') return parseMultipart(headers, body);
  return { form: new URLSearchParams(), files: [], urlencoded: null };
}

/** The multipart parser is loaded with the first upload, not at start-up. */
async function parseMultipart(headers: IncomingHttpHeaders, body: Buffer): Promise<ParsedBody> {
  const { default: busboy } = await import('busboy');
  return new Promise((resolve, reject) => {
    const form = new URLSearchParams();
    const files: UploadedFile[] = [];
    const pending: Promise<void>[] = [];
    let parser: Busboy;
    try {
      parser = busboy({ headers, defParamCharset: 'utf8' });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    parser.on('field', (name, value) => form.append(name, value));
    parser.on('file', (field, stream, info) => {
      pending.push(
        (async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          files.push({ field, filename: info.filename ?? '', content: Buffer.concat(chunks) });
        })(),
      );
    });
    parser.on('error', (error) => reject(error instanceof Error ? error : new Error(String(error))));
    parser.on('close', () => {
      Promise.all(pending).then(() => resolve({ form, files, urlencoded: null }), reject);
    });
    parser.end(body);
  });
}
