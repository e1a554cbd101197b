import type { HTMLElement, Node } from 'node-html-parser';
import { htmlParser } from '../internal/lazy.js';

/** Parse leniently: HAC's validation span is never closed, and `<pre>` content stays raw text. */
export function parseHtml(html: string): HTMLElement {
  return htmlParser().parse(html, { parseNoneClosedTags: true, blockTextElements: { script: true, style: true, pre: true } });
}

const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'head', 'title']);

/**
 * Convert an HTML log (HAC's init/update log) to plain text: `<br>` and block elements end lines,
 * table cells are separated by a tab, entities are decoded, the line breaks of the source are kept
 * (log HTML is line-oriented). Trailing spaces go, and runs of blank lines shrink to one.
 */
export function htmlToText(html: string): string {
  if (html.trim() === '') return '';
  const parts: string[] = [];
  walk(parseHtml(html), parts);
  return parts
    .join('')
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

function walk(node: Node, parts: string[]): void {
  const { NodeType } = htmlParser();
  if (node.nodeType === NodeType.TEXT_NODE) {
    // Source line breaks between block elements (`</p>\n<p>`) would double every line break: at the
    // start of a line, leading blank lines of a text are dropped.
    const text = atLineStart(parts) ? node.text.replace(/^\s*\n/, '') : node.text;
    if (text !== '') parts.push(text);
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return;
  const element = node as HTMLElement;
  const tag = element.rawTagName?.toLowerCase() ?? '';
  if (SKIPPED_ELEMENTS.has(tag)) return;
  if (tag === 'br') {
    parts.push('\n');
    return;
  }
  if (tag === 'pre') {
    // Kept as raw text by the parser: decode it as one text block.
    breakLine(parts);
    if (element.text !== '') parts.push(element.text);
    breakLine(parts);
    return;
  }
  const block = BLOCK_ELEMENTS.has(tag);
  if (block) breakLine(parts);
  if (tag === 'td' || tag === 'th') {
    const previous = element.previousElementSibling;
    if (previous && ['td', 'th'].includes(previous.rawTagName?.toLowerCase() ?? '')) parts.push('\t');
  }
  for (const child of element.childNodes) walk(child, parts);
  if (block) breakLine(parts);
}

/** Whether the text written so far is empty or ends with a line break. */
function atLineStart(parts: readonly string[]): boolean {
  const last = parts.at(-1);
  return last === undefined || last.endsWith('\n');
}

/** Start a new line unless the text already ends with one (or nothing was written yet). */
function breakLine(parts: string[]): void {
  if (!atLineStart(parts)) parts.push('\n');
}
