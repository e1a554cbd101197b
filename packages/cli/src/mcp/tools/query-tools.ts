/**
 * FlexibleSearch and SQL: `flexible_search` and `sql_query` (read; SQL limited to SELECT, always
 * rolled back), `sql_commit` (write). Results are cut to the output budget; `outputFile` writes all
 * rows. A failed FlexibleSearch answers with HAC's root cause and the closest type or attribute names.
 */
import type { FlexibleSearchResult, HacClient } from 'hac-client';
import { z } from '../sdk.js';
import { formatTsv } from '../../output/delimited.js';
import { cutRows, OUTPUT_FILE_DESCRIPTION, writeOutputFile, type Budget } from '../budget.js';
import { suggestNames, TypeCatalog, type NameSuggestions } from '../type-catalog.js';
import { defineTool, type ToolAnswer } from '../tool-kit.js';
import { ToolRefusal } from '../tool-errors.js';

const catalogs = new WeakMap<HacClient, TypeCatalog>();

/** One type catalog per client (target), kept for the server's life. */
export function catalogOf(client: HacClient): TypeCatalog {
  let catalog = catalogs.get(client);
  if (!catalog) {
    catalog = new TypeCatalog(client);
    catalogs.set(client, catalog);
  }
  return catalog;
}

const resultShape = {
  environment: z.string(),
  endpoint: z.string(),
  success: z.boolean(),
  /** HAC's root cause of a failure. */
  error: z.string().nullable(),
  suggestions: z
    .object({ unknown: z.string(), ofType: z.string().optional(), closest: z.array(z.string()) })
    .nullable()
    .describe('For an unknown type or attribute: the closest names that exist'),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string().nullable())),
  rowCount: z.number().int().describe('Rows HAC returned (at most maxCount)'),
  rowsShown: z.number().int(),
  maxCountReached: z.boolean().describe('HAC stopped at maxCount: more rows may exist'),
  truncated: z.string().nullable().describe('What this answer left out and how to get it'),
  outputFile: z.object({ path: z.string(), bytes: z.number().int() }).nullable(),
  executionTimeMs: z.number(),
  sql: z.string().describe('The SQL HAC ran (the translation of a FlexibleSearch query)'),
};

const queryArguments = {
  maxCount: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(200)
    .describe('Most rows HAC returns (HAC cuts silently; the answer says when the limit was reached). Only maxRows of them are shown.'),
  maxRows: z.number().int().min(1).max(100_000).optional().describe('Most rows to show in the answer (capped by the server config).'),
  outputFile: z.string().min(1).max(130).optional().describe(OUTPUT_FILE_DESCRIPTION),
};

type QueryInput = { maxCount: number; maxRows?: number | undefined; outputFile?: string | undefined; environment?: string | undefined; endpoint?: string | undefined };

async function answer(
  result: FlexibleSearchResult,
  input: QueryInput,
  target: { environment: string; endpoint: string },
  budget: Budget,
  suggestions: NameSuggestions | null,
): Promise<ToolAnswer<z.infer<z.ZodObject<typeof resultShape>>>> {
  const file = result.success && input.outputFile !== undefined ? await writeOutputFile(budget, input.outputFile, { kind: 'rows', headers: result.headers, rows: result.rows }) : null;
  const cut = cutRows(result.rows, budget, input.maxRows);
  const notes: string[] = [];
  if (cut.rowsCut > 0) {
    notes.push(
      `${cut.rowsCut} of ${result.rows.length} rows are not shown (answer limit).${file ? '' : ' To see them: narrow the query (WHERE, fewer columns, ORDER BY + a range), or pass outputFile to write all rows to a file.'}`,
    );
  }
  if (cut.cellsCut > 0) notes.push(`${cut.cellsCut} long cell(s) were shortened; select the column alone (or use outputFile) for the full text.`);
  if (result.maxCountReached) notes.push(`HAC stopped at maxCount ${result.maxCount}: more rows may exist (raise maxCount, or count them with COUNT(*)).`);
  const truncated = notes.length > 0 ? notes.join(' ') : null;
  const structured = {
    environment: target.environment,
    endpoint: target.endpoint,
    success: result.success,
    error: result.exception,
    suggestions,
    headers: result.headers,
    rows: cut.rows,
    rowCount: result.rows.length,
    rowsShown: cut.rows.length,
    maxCountReached: result.maxCountReached,
    truncated,
    outputFile: file,
    executionTimeMs: result.executionTimeMs,
    sql: result.query,
  };
  if (!result.success) {
    const hint = suggestions
      ? suggestions.closest.length > 0
        ? `\n${suggestions.ofType ? `Attributes of ${suggestions.ofType}` : 'Types'} closest to "${suggestions.unknown}": ${suggestions.closest.join(', ')}. (describe_type lists a type's attributes.)`
        : `\nNo ${suggestions.ofType ? `attribute of ${suggestions.ofType}` : 'type'} is close to "${suggestions.unknown}": use find_types / describe_type.`
      : '';
    return { structured, text: `Query failed on ${target.environment}/${target.endpoint}: ${result.exception ?? 'unknown error'}${hint}`, outcome: 'failed', rows: 0, reason: result.exception ?? 'query failed' };
  }
  const lines = [
    `${result.rows.length} row(s) on ${target.environment}/${target.endpoint} in ${result.executionTimeMs} ms${cut.rowsCut > 0 ? `, ${cut.rows.length} shown` : ''}.`,
    formatTsv(result.headers, cut.rows).trimEnd(),
  ];
  if (file) lines.push(`All ${result.rows.length} rows written to ${file.path} (${file.bytes} bytes).`);
  if (truncated) lines.push(truncated);
  return { structured, text: lines.filter((l) => l !== '').join('\n'), outcome: 'ok', rows: result.rows.length };
}

export const flexibleSearchTool = defineTool({
  name: 'flexible_search',
  title: 'FlexibleSearch query',
  description:
    'Run a read-only FlexibleSearch query (SAP Commerce type-level SQL: SELECT {pk}, {code} FROM {Product} WHERE {code} = \'X\'; localized attributes as {name[en]}; joins as {Product AS p JOIN CatalogVersion AS cv ON {p.catalogVersion} = {cv.pk}}). Returns headers and rows as text. If a type or attribute name is wrong, the answer names the closest existing ones; use find_types and describe_type to learn names first.',
  right: 'read',
  writes: false,
  input: {
    query: z.string().min(1).max(20_000).describe('The FlexibleSearch query'),
    locale: z.string().regex(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?$/).max(20).optional().describe('Language of localized attributes without [lang] (default: en)'),
    ...queryArguments,
  },
  output: resultShape,
  script: (input) => input.query,
  async run({ input, target, client, budget, signal }) {
    const result = await client.executeFlexibleSearch(input.query, { maxCount: input.maxCount, ...(input.locale !== undefined ? { locale: input.locale } : {}), signal });
    const suggestions = result.success ? null : await suggestNames(result.exception ?? '', catalogOf(client), signal).catch(() => null);
    return answer(result, input, target, budget, suggestions);
  },
});

/** The first keyword of a statement, after comments and opening parentheses. */
export function leadingKeyword(sql: string): string {
  const stripped = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  return (/^[A-Za-z]+/.exec(stripped)?.[0] ?? '').toUpperCase();
}

export const sqlQueryTool = defineTool({
  name: 'sql_query',
  title: 'SQL SELECT',
  description:
    "Run one read-only SQL SELECT (or WITH … SELECT) on HAC's database, with SAP Commerce table and column names (products, p_code, PK, TypePkString…). Anything else is refused; it runs in a transaction HAC rolls back. Prefer flexible_search, whose names do not depend on the database.",
  right: 'read',
  writes: false,
  input: { query: z.string().min(1).max(20_000).describe('One SELECT statement'), ...queryArguments },
  output: resultShape,
  script: (input) => input.query,
  async run({ input, target, client, budget, signal }) {
    const keyword = leadingKeyword(input.query);
    if (keyword !== 'SELECT' && keyword !== 'WITH') {
      throw new ToolRefusal(`sql_query runs SELECT statements only; this one starts with ${keyword || 'no keyword'}. Changing data is the sql_commit tool (needs the "write" right).`);
    }
    const result = await client.executeSql(input.query, { maxCount: input.maxCount, commit: false, signal });
    return answer(result, input, target, budget, null);
  },
});

export const sqlCommitTool = defineTool({
  name: 'sql_commit',
  title: 'SQL statement, committed',
  description:
    'Run one SQL INSERT, UPDATE or DELETE and COMMIT it (irreversible). Bypasses the SAP Commerce service layer (no interceptors, no cache invalidation): prefer impex_import or groovy_commit for item changes. Needs the "write" right; on a protected environment a human must confirm.',
  right: 'write',
  writes: true,
  input: { statement: z.string().min(1).max(100_000).describe('One INSERT, UPDATE or DELETE statement') },
  output: resultShape,
  script: (input) => input.statement,
  confirmation: (input) => `commit this SQL statement:\n\n${input.statement.slice(0, 4000)}`,
  async run({ input, target, client, budget, signal }) {
    const keyword = leadingKeyword(input.statement);
    if (!['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(keyword)) {
      throw new ToolRefusal(`sql_commit runs INSERT, UPDATE, DELETE or MERGE; this statement starts with ${keyword || 'no keyword'} (reading is sql_query).`);
    }
    const result = await client.executeSql(input.statement, { maxCount: 200, commit: true, signal });
    return answer(result, { maxCount: 200 }, target, budget, null);
  },
});
