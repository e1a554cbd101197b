/**
 * Recursive-descent parser for the Groovy subset (see ../../README.md for the exact list). Anything
 * outside the subset is a compile error in Groovy's own wording (`Unexpected input: 'while'`), so a
 * client sees the same failure shape it would see for a typo on a real HAC.
 */
import type { Expr, Stmt } from './ast.js';
import { GroovyCompileError, resolveThrowableClass } from './errors.js';
import { tokenize, type Token } from './lexer.js';

const DECL_KEYWORDS = new Set(['def', 'var', 'final', 'int', 'long', 'double', 'float', 'boolean', 'short', 'byte', 'char']);
const UNSUPPORTED = new Set(['class', 'interface', 'enum', 'trait', 'while', 'do', 'switch', 'case', 'try', 'catch',
  'finally', 'break', 'continue', 'synchronized', 'assert', 'static', 'public', 'private', 'protected', 'goto', 'package']);

export function parseScript(source: string): Stmt[] {
  const parser = new Parser(tokenize(source));
  return parser.program();
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  program(): Stmt[] {
    const body = this.statements(false);
    this.expectKind('eof');
    return body;
  }

  /** A `${…}` interpolation: exactly one expression. */
  embedded(): Expr {
    const expr = this.expression();
    this.expectKind('eof');
    return expr;
  }

  private get token(): Token {
    return this.tokens[this.pos] as Token;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.token;
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private isOp(value: string, token = this.token): boolean {
    return token.kind === 'op' && token.value === value;
  }

  private isIdent(value: string, token = this.token): boolean {
    return token.kind === 'ident' && token.value === value;
  }

  private fail(token = this.token): never {
    const shown = token.kind === 'eof' ? '<EOF>' : token.kind === 'newline' ? '\\n' : token.kind === 'string' || token.kind === 'gstring' ? '"' : token.value;
    throw new GroovyCompileError(`Unexpected input: '${shown}'`, token.line, token.column);
  }

  private expectOp(value: string): Token {
    if (!this.isOp(value)) this.fail();
    return this.next();
  }

  private expectKind(kind: Token['kind']): Token {
    if (this.token.kind !== kind) this.fail();
    return this.next();
  }

  private skipSeparators(): void {
    while (this.token.kind === 'newline' || this.isOp(';')) this.next();
  }

  private atStatementEnd(): boolean {
    return this.token.kind === 'newline' || this.token.kind === 'eof' || this.isOp(';') || this.isOp('}');
  }

  /** Statements up to `}` (inBlock) or end of input. */
  private statements(inBlock: boolean): Stmt[] {
    const body: Stmt[] = [];
    this.skipSeparators();
    while (this.token.kind !== 'eof' && !(inBlock && this.isOp('}'))) {
      const statement = this.statement();
      if (statement) body.push(statement);
      if (!this.atStatementEnd()) this.fail();
      this.skipSeparators();
    }
    return body;
  }

  /** The body of `if`/`else`/`for`: a braced block or one statement, possibly on the next line. */
  private block(): Stmt[] {
    while (this.token.kind === 'newline') this.next();
    if (this.isOp('{')) {
      this.next();
      const body = this.statements(true);
      this.expectOp('}');
      return body;
    }
    const statement = this.statement();
    return statement ? [statement] : [];
  }

  private statement(): Stmt | null {
    const token = this.token;
    const line = token.line;
    if (token.kind === 'ident') {
      if (UNSUPPORTED.has(token.value)) this.fail();
      if (token.value === 'import') {
        this.next();
        this.qualifiedName(true);
        return null;
      }
      if (token.value === 'return') {
        this.next();
        return { k: 'return', value: this.atStatementEnd() ? null : this.expression(), line };
      }
      if (token.value === 'throw') {
        this.next();
        return { k: 'throw', value: this.expression(), line };
      }
      if (token.value === 'if') return this.ifStatement();
      if (token.value === 'for') return this.forStatement();
      if (this.isDeclaration()) {
        this.next();
        if (this.isIdent('def', this.token) || (this.token.kind === 'ident' && this.peek().kind === 'ident')) this.next();
        const name = this.expectKind('ident').value;
        if (this.isOp('=')) {
          this.next();
          return { k: 'decl', name, init: this.expression(), line };
        }
        return { k: 'decl', name, init: null, line };
      }
      const after = this.peek();
      if (after.kind === 'op' && ['=', '+=', '-='].includes(after.value)) {
        this.next();
        const op = this.next().value as '=' | '+=' | '-=';
        return { k: 'assign', name: token.value, op, value: this.expression(), line };
      }
      if ((token.value === 'println' || token.value === 'print') && !this.isOp('(', after) && !this.isOp('.', after)) {
        this.next();
        const args = this.atStatementEnd() ? [] : [this.expression()];
        return { k: 'expr', expr: { k: 'call', target: null, name: token.value, args, safe: false, line }, line };
      }
    }
    const expr = this.expression();
    if (this.token.kind === 'op' && ['=', '+=', '-=', '++', '--'].includes(this.token.value)) this.fail();
    return { k: 'expr', expr, line };
  }

  /** `def x`, `final x`, `int x`, `String x`, `List<String> x` is not supported (generics). */
  private isDeclaration(): boolean {
    const token = this.token;
    if (DECL_KEYWORDS.has(token.value)) return true;
    const after = this.peek();
    return /^[A-Z]/.test(token.value) && after.kind === 'ident' && (this.isOp('=', this.peek(2)) || this.peek(2).kind === 'newline');
  }

  private qualifiedName(allowStar: boolean): string {
    let name = this.expectKind('ident').value;
    while (this.isOp('.')) {
      this.next();
      if (allowStar && this.isOp('*')) {
        this.next();
        return `${name}.*`;
      }
      name += `.${this.expectKind('ident').value}`;
    }
    return name;
  }

  private ifStatement(): Stmt {
    const line = this.next().line;
    this.expectOp('(');
    const condition = this.expression();
    this.expectOp(')');
    const then = this.block();
    let otherwise: Stmt[] | null = null;
    const save = this.pos;
    while (this.token.kind === 'newline') this.next();
    if (this.isIdent('else')) {
      this.next();
      otherwise = this.block();
    } else {
      this.pos = save;
    }
    return { k: 'if', condition, then, otherwise, line };
  }

  private forStatement(): Stmt {
    const line = this.next().line;
    this.expectOp('(');
    if (this.token.kind === 'ident' && this.peek().kind === 'ident' && !this.isIdent('in', this.peek())) this.next();
    const variable = this.expectKind('ident').value;
    if (this.isIdent('in')) this.next();
    else this.expectOp(':');
    const iterable = this.expression();
    this.expectOp(')');
    return { k: 'for', variable, iterable, body: this.block(), line };
  }

  expression(): Expr {
    const condition = this.binary(0);
    if (this.isOp('?:')) {
      const line = this.next().line;
      return { k: 'elvis', value: condition, fallback: this.expression(), line };
    }
    if (this.isOp('?')) {
      const line = this.next().line;
      const then = this.expression();
      this.expectOp(':');
      return { k: 'ternary', condition, then, otherwise: this.expression(), line };
    }
    return condition;
  }

  private static readonly LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): Expr {
    const ops = Parser.LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    while (this.token.kind === 'op' && ops.includes(this.token.value)) {
      const op = this.next();
      left = { k: 'binary', op: op.value, left, right: this.binary(level + 1), line: op.line };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-') || this.isOp('!')) {
      const op = this.next();
      return { k: 'unary', op: op.value as '-' | '!', operand: this.unary(), line: op.line };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      if (this.isOp('.') || this.isOp('?.')) {
        const safe = this.next().value === '?.';
        const name = this.expectKind('ident');
        if (this.isOp('(') || this.isOp('{')) {
          expr = { k: 'call', target: expr, name: name.value, args: this.callArguments(), safe, line: name.line };
        } else {
          expr = { k: 'property', target: expr, name: name.value, safe, line: name.line };
        }
      } else if (this.isOp('[')) {
        const line = this.next().line;
        const index = this.expression();
        this.expectOp(']');
        expr = { k: 'index', target: expr, index, line };
      } else {
        return expr;
      }
    }
  }

  /** `(a, b)` optionally followed by a trailing closure, or a closure alone. */
  private callArguments(): Expr[] {
    const args: Expr[] = [];
    if (this.isOp('(')) {
      this.next();
      while (!this.isOp(')')) {
        args.push(this.expression());
        if (!this.isOp(')')) this.expectOp(',');
      }
      this.next();
    }
    if (this.isOp('{')) args.push(this.closure());
    return args;
  }

  private closure(): Expr {
    const line = this.expectOp('{').line;
    let params = ['it'];
    let look = this.pos;
    const names: string[] = [];
    while (this.tokens[look]?.kind === 'ident') {
      names.push((this.tokens[look] as Token).value);
      look++;
      if (this.isOp(',', this.tokens[look] as Token)) look++;
      else break;
    }
    if (this.isOp('->', this.tokens[look] as Token)) {
      params = names;
      this.pos = look + 1;
    }
    const body = this.statements(true);
    this.expectOp('}');
    return { k: 'closure', params, body, line };
  }

  private primary(): Expr {
    const token = this.token;
    const line = token.line;
    switch (token.kind) {
      case 'int':
        this.next();
        return { k: 'int', value: Number(token.value), line };
      case 'decimal':
        this.next();
        return { k: 'decimal', text: token.value, line };
      case 'string':
        this.next();
        return { k: 'string', value: token.value, line };
      case 'gstring':
        this.next();
        return { k: 'gstring', parts: (token.parts ?? []).map((part) => typeof part === 'string' ? part : parseEmbedded(part)), line };
      case 'ident':
        return this.identifier();
      case 'op':
        if (token.value === '(') {
          this.next();
          const inner = this.expression();
          this.expectOp(')');
          return inner;
        }
        if (token.value === '[') {
          this.next();
          const items: Expr[] = [];
          while (!this.isOp(']')) {
            items.push(this.expression());
            if (!this.isOp(']')) this.expectOp(',');
          }
          this.next();
          return { k: 'list', items, line };
        }
        if (token.value === '{') return this.closure();
        return this.fail();
      default:
        return this.fail();
    }
  }

  private identifier(): Expr {
    const token = this.next();
    const line = token.line;
    switch (token.value) {
      case 'true':
      case 'false':
        return { k: 'bool', value: token.value === 'true', line };
      case 'null':
        return { k: 'null', line };
      case 'new': {
        const nameToken = this.token;
        const written = this.qualifiedName(false);
        const className = resolveThrowableClass(written);
        if (className === null) throw new GroovyCompileError(`unable to resolve class ${written}`, nameToken.line, nameToken.column);
        if (!this.isOp('(')) this.fail();
        return { k: 'new', className, args: this.callArguments(), line };
      }
      default:
        if (UNSUPPORTED.has(token.value) || DECL_KEYWORDS.has(token.value)) this.fail(token);
        if (this.isOp('(')) return { k: 'call', target: null, name: token.value, args: this.callArguments(), safe: false, line };
        return { k: 'var', name: token.value, line };
    }
  }
}

function parseEmbedded(part: { code: string; line: number; column: number }): Expr {
  return new Parser(tokenize(part.code, part.line, part.column)).embedded();
}
