/**
 * Request bodies as bytes for `node:http`. Form fields are percent-encoded slice by slice with the
 * engine's native `encodeURIComponent`: `URLSearchParams` took ~1 s and ~170 MiB for an 11 MB ImpEx
 * script; this takes a fraction of that and holds only the encoded bytes.
 */

/** Bytes of a request body, in the order they are sent. */
export interface BodyChunks {
  chunks: Buffer[];
  length: number;
}

// Slices short enough that their encoded copy stays small; whole UTF-16 code points only.
const SLICE_CHARS = 256 * 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate has no UTF-8 form: it becomes U+FFFD, as URLSearchParams does.
    return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
  }
}

function pushEncoded(out: BodyChunks, text: string): void {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + SLICE_CHARS, text.length);
    // Never split a surrogate pair: its halves would each become U+FFFD.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    // ASCII only after encoding: latin1 is the cheapest exact conversion.
    const bytes = Buffer.from(percentEncode(text.slice(start, end)), 'latin1');
    out.chunks.push(bytes);
    out.length += bytes.length;
    start = end;
  }
}

function pushAscii(out: BodyChunks, text: string): void {
  const bytes = Buffer.from(text, 'latin1');
  out.chunks.push(bytes);
  out.length += bytes.length;
}

/**
 * `application/x-www-form-urlencoded` bytes of `form` (repeated keys via arrays). Characters that
 * `encodeURIComponent` leaves alone (`!'()*~`) are literal in either encoding, so servers decode
 * the same values as from a browser's form.
 */
export function urlEncodedForm(form: Readonly<Record<string, string | readonly string[]>>): BodyChunks {
  const out: BodyChunks = { chunks: [], length: 0 };
  let first = true;
  for (const [key, value] of Object.entries(form)) {
    for (const v of typeof value === 'string' ? [value] : value) {
      if (!first) pushAscii(out, '&');
      first = false;
      pushEncoded(out, key);
      pushAscii(out, '=');
      pushEncoded(out, v);
    }
  }
  return out;
}

/**
 * A `FormData` as multipart bytes and its content type (with the boundary). Serialised by the
 * platform's own encoder (`Response`), loaded only by the upload path.
 */
export async function multipartBody(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType };
}
