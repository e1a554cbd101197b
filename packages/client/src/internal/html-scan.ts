/**
 * A small scan of a page's start tags, for the two reads every login makes: the login form of HAC's
 * login page and the CSRF token of its start page. A full HTML parser (node-html-parser and
 * css-select) costs ~13 ms to load and ~5 ms to compile its first selectors, a third of a first
 * login's time in a process (issue 8: login ≤ 30 ms), for two attributes of markup HAC itself
 * writes: `login.jsp` has `<sec:csrfMetaTags/>` (`<meta name="_csrf" content="…"/>`) in its head and
 * `<form action="<ctx>/j_spring_security_check" method="POST">` with `j_username`, `j_password` and a
 * hidden `_csrf` input; every other page has the same meta tag.
 *
 * The scan follows the HTML tokenizer where a page's content could fake these tags: comments,
 * `<!DOCTYPE>`/`<?…>`, and the text of `script`, `style`, `textarea`, `title`, `noscript`, `pre` and
 * the like (whose `<` starts no tag) are skipped. It only ever gives an answer it read plainly: an
 * attribute it must return that holds a character reference (`&…;`), a tag it cannot place, nested
 * or unclosed forms, and every "not found" leave the question to the parser (html.ts), which stays
 * the authority. So HAC's pages take the scan, anything unusual the parser.
 */

import type { LoginForm } from './html.js';

/** Thrown inside the scan when the markup is not plain enough to answer without a parser. */
class NotPlain extends Error {}

/** Elements whose content is text, not markup (browsers; node-html-parser's `pre`/`noscript` as well). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'pre', 'xmp', 'iframe', 'noembed', 'noframes']);

interface Tag {
  name: string;
  closing: boolean;
  /** An attribute's value (`''` when given without one), or `undefined` when absent. */
  get(attribute: string): string | undefined;
}

const NAME = /[A-Za-z][^\s/>]*/y;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
const COMMENT_END = /--!?>/g;
const SPACE_OR_SLASH = /[\s/]*/y;
const rawTextEnd = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}[\\s/>]`, 'gi')]));

function tagOf(name: string, closing: boolean, attributes: Map<string, string>): Tag {
  return {
    name,
    closing,
    get(attribute) {
      const value = attributes.get(attribute);
      // A character reference needs the HTML entity table: the parser decodes it.
      if (value !== undefined && value.includes('&')) throw new NotPlain();
      return value;
    },
  };
}

/** The tags of a page in document order (start and end tags), skipping what is not markup. */
function* tags(html: string): Generator<Tag> {
  let at = 0;
  for (;;) {
    const lt = html.indexOf('<', at);
    if (lt < 0) return;
    if (html.startsWith('<!--', lt)) {
      // `<!-->` and `<!--->` are whole (empty) comments to the tokenizer: leave such pages to the parser.
      if (html.startsWith('<!-->', lt) || html.startsWith('<!--->', lt)) throw new NotPlain();
      COMMENT_END.lastIndex = lt + 4;
      const end = COMMENT_END.exec(html);
      if (!end) return;
      // `--!>` ends a comment too (with a parse error): leave it to the parser.
      if (end[0] !== '-->') throw new NotPlain();
      at = COMMENT_END.lastIndex;
      continue;
    }
    const next = html[lt + 1];
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt);
      if (end < 0) return;
      at = end + 1;
      continue;
    }
    const closing = next === '/';
    NAME.lastIndex = lt + (closing ? 2 : 1);
    const name = NAME.exec(html)?.[0].toLowerCase();
    if (name === undefined) {
      // A `<` in text (`a < b`), or `</` followed by no name: neither starts a tag.
      at = lt + 1;
      continue;
    }
    const attributes = new Map<string, string>();
    let position = NAME.lastIndex;
    for (;;) {
      SPACE_OR_SLASH.lastIndex = position;
      SPACE_OR_SLASH.exec(html);
      position = SPACE_OR_SLASH.lastIndex;
      if (html[position] === '>') break;
      ATTRIBUTE.lastIndex = position;
      const match = ATTRIBUTE.exec(html);
      // The end of the page inside a tag, or a quote or `<` where a name belongs.
      if (!match) throw new NotPlain();
      const key = (match[1] ?? '').toLowerCase();
      // The first of repeated attributes counts (HTML tokenizer).
      if (!attributes.has(key)) attributes.set(key, match[2] ?? match[3] ?? match[4] ?? '');
      position = ATTRIBUTE.lastIndex;
    }
    at = position + 1;
    yield tagOf(name, closing, attributes);
    if (!closing && RAW_TEXT.has(name)) {
      const end = rawTextEnd.get(name)!;
      end.lastIndex = at;
      const match = end.exec(html);
      if (!match) return;
      // On at the `</name`, which the loop reads as the end tag.
      at = match.index;
    }
  }
}

/** Runs a scan; `undefined` when the page is not plain enough for it. */
function plainly<T>(scan: () => T | undefined): T | undefined {
  try {
    return scan();
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}

/**
 * The CSRF token as html.ts reads it (the first `<meta name="_csrf">`'s content, else the first
 * `<input name="_csrf">`'s value), or `undefined` when the scan did not find it plainly.
 */
export function scanCsrfToken(html: string): string | undefined {
  return plainly(() => {
    let input: string | undefined;
    let metaSeen = false;
    for (const tag of tags(html)) {
      if (tag.closing) continue;
      if (tag.name === 'meta' && !metaSeen && tag.get('name') === '_csrf') {
        // Only the first such meta counts; an empty one leaves the input's value.
        metaSeen = true;
        const content = tag.get('content');
        if (content) return content;
      } else if (tag.name === 'input' && input === undefined && tag.get('name') === '_csrf') {
        input = tag.get('value') ?? '';
      }
    }
    return input || undefined;
  });
}

/** A form of the page with its inputs' tags. */
interface ScannedForm {
  form: Tag;
  inputs: Tag[];
}

/**
 * The login form as html.ts's parser reads it: the first form posting to `j_spring_security_check`,
 * else the first with a password field. `undefined` when the scan found none plainly (the parser
 * decides then, also that there is none).
 */
export function scanLoginForm(html: string): LoginForm | undefined {
  return plainly(() => {
    const forms: ScannedForm[] = [];
    let open: ScannedForm | undefined;
    let metaToken: string | undefined;
    let metaSeen = false;
    let inputToken: string | undefined;
    for (const tag of tags(html)) {
      if (tag.name === 'form') {
        if (tag.closing) open = undefined;
        else if (open) throw new NotPlain(); // nested forms: the parser's tree decides
        else forms.push((open = { form: tag, inputs: [] }));
      } else if (tag.closing) {
        continue;
      } else if (tag.name === 'input') {
        open?.inputs.push(tag);
        if (inputToken === undefined && tag.get('name') === '_csrf') inputToken = tag.get('value') ?? '';
      } else if (tag.name === 'meta' && !metaSeen && tag.get('name') === '_csrf') {
        metaSeen = true;
        metaToken = tag.get('content');
      }
    }
    if (open) throw new NotPlain();
    const typeOf = (input: Tag): string | undefined => input.get('type')?.toLowerCase();
    const found =
      forms.find((f) => (f.form.get('action') ?? '').includes('j_spring_security_check')) ??
      forms.find((f) => f.inputs.some((input) => typeOf(input) === 'password'));
    if (!found) return undefined;
    const hidden: Record<string, string> = {};
    let csrfToken: string | undefined;
    for (const input of found.inputs) {
      if (typeOf(input) !== 'hidden') continue;
      const name = input.get('name');
      if (!name) continue;
      const value = input.get('value') ?? '';
      if (name === '_csrf') csrfToken = value || undefined;
      else hidden[name] = value;
    }
    const password = found.inputs.find((input) => typeOf(input) === 'password')?.get('name') ?? 'j_password';
    const username =
      found.inputs.find((input) => input.get('name') === 'j_username')?.get('name') ??
      found.inputs.find((input) => ['text', 'email', undefined].includes(typeOf(input)))?.get('name') ??
      'j_username';
    return {
      action: found.form.get('action') ?? '',
      csrfToken: csrfToken ?? (metaToken || undefined) ?? (inputToken || undefined),
      hidden,
      usernameField: username,
      passwordField: password,
    };
  });
}
