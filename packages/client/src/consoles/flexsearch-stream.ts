/**
 * FlexibleSearch and SQL with the answer read as it arrives: the same one request as
 * `executeFlexibleSearch`/`executeSql`, its rows handed out in batches while the body is still on
 * the wire. For results too big to hold twice (a CSV export of 100k rows); bounded memory whatever
 * the size is `pageFlexibleSearch` (one request per page).
 */
import { HacUnexpectedResponseError } from '../errors.js';
import { loadConsoles } from '../internal/lazy.js';
import { excerptOf } from '../internal/redact.js';
import type { HacRequest, HacStreamResponse, HacTransport } from '../internal/transport.js';
import type { FlexibleSearchOptions, FlexibleSearchStreamPart, SqlOptions } from '../models/flexsearch.js';
import type { AnswerReaderOptions, AnswerSyntaxError } from './flexsearch-answer.js';
import { checkMaxCount, flexibleSearchForm, normaliseStatement, queryRequest, sqlForm } from './flexsearch.js';
import { ShapeError } from './shape.js';

/** Bytes of the body's start kept for the excerpt of an answer that cannot be read. */
const EXCERPT_BYTES = 4096;

type Parts = AsyncGenerator<FlexibleSearchStreamPart, void, undefined>;

/**
 * Run a FlexibleSearch query and read its answer as it arrives: `for await (const part of
 * streamFlexibleSearch(transport, query, { maxCount: -1 }))` gets one `headers` part (columns and
 * verdict), `rows` parts while the body streams in, and one `end` part (see
 * `FlexibleSearchStreamPart`). A failing query is not an error (the verdict says so), as with
 * `executeFlexibleSearch`, whose options and client-side rules it takes (checked at once, before
 * any request).
 *
 * One request, never repeated: only a session HAC provably rejected before running the query is
 * renewed and the request sent again, as for every call. `timeoutMs` covers the exchange up to the
 * answer's last byte, except the time the loop spends between parts (a slow consumer holds the
 * reading back, it does not time out); `signal` ends it at any point. Leaving the loop early closes
 * the connection. An answer that is not HAC's JSON throws `HacUnexpectedResponseError`, possibly
 * after rows were handed out.
 */
export function streamFlexibleSearch(transport: HacTransport, query: string, options: FlexibleSearchOptions = {}): Parts {
  const statement = normaliseStatement(query, 'FlexibleSearch query');
  const maxCount = checkMaxCount(options.maxCount);
  return readAnswer(transport, queryRequest(flexibleSearchForm(statement, maxCount, options), options), { maxCount });
}

/** `executeSql` with the answer read as it arrives: see `streamFlexibleSearch`. */
export function streamSql(transport: HacTransport, sql: string, options: SqlOptions = {}): Parts {
  const statement = normaliseStatement(sql, 'SQL statement');
  const maxCount = checkMaxCount(options.maxCount);
  return readAnswer(transport, queryRequest(sqlForm(statement, maxCount, options), options), { maxCount });
}

/** Sends `request` and reads its answer with a fresh reader, part by part as the consumer asks. */
export async function* readAnswer(transport: HacTransport, request: HacRequest, options: AnswerReaderOptions): Parts {
  // The reader is part of what the first console call loads (console-implementation.ts), not of the package's entry.
  const { createAnswerReader, AnswerSyntaxError: syntaxError } = await loadConsoles();
  const reader = createAnswerReader(options);
  const response = transport.stream ? await transport.stream(request) : await wholeAnswer(transport, request);
  const start: Buffer[] = [];
  let startBytes = 0;
  try {
    for await (const chunk of response.body) {
      if (startBytes < EXCERPT_BYTES) {
        start.push(Buffer.from(chunk.subarray(0, EXCERPT_BYTES - startBytes)));
        startBytes += Math.min(chunk.length, EXCERPT_BYTES - startBytes);
      }
      reader.write(chunk);
      for (let part = reader.next(); part; part = reader.next()) yield part;
    }
    reader.end();
    for (let part = reader.next(); part; part = reader.next()) yield part;
  } catch (error) {
    throw unreadable(error, request, response, start, syntaxError);
  } finally {
    response.cancel();
  }
}

/** A transport without `stream`: the answer read whole by `send`, handed over as one chunk. */
async function wholeAnswer(transport: HacTransport, request: HacRequest): Promise<HacStreamResponse> {
  const response = await transport.send(request);
  async function* body(): AsyncGenerator<Buffer, void, undefined> {
    yield response.body;
  }
  return { status: response.status, url: response.url, headers: response.headers, body: body(), cancel: () => undefined };
}

/** A reader's error as `sendParsed` and the session layer report an unreadable answer; others as they are. */
function unreadable(error: unknown, request: HacRequest, response: HacStreamResponse, start: Buffer[], syntaxError: typeof AnswerSyntaxError): unknown {
  if (!(error instanceof ShapeError) && !(error instanceof syntaxError)) return error;
  const fields = { status: response.status, method: request.method, url: response.url, excerpt: excerptOf(Buffer.concat(start).toString('utf8')) };
  if (error instanceof ShapeError) {
    return new HacUnexpectedResponseError(`Unexpected answer from HAC: ${error.message}: ${request.method} ${response.url}`, { ...fields, cause: error });
  }
  // The tokenizer's message may quote the body; the redacted excerpt shows it instead.
  return new HacUnexpectedResponseError(`HAC answered with something other than JSON: ${request.method} ${response.url}`, {
    ...fields,
    cause: new SyntaxError('the response body is not valid JSON'),
  });
}
