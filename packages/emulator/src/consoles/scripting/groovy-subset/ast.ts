/** Syntax tree of the Groovy subset. Every node keeps the line it starts on, for stack traces. */

export type Expr =
  | { k: 'int'; value: number; line: number }
  | { k: 'decimal'; text: string; line: number }
  | { k: 'string'; value: string; line: number }
  | { k: 'gstring'; parts: (string | Expr)[]; line: number }
  | { k: 'bool'; value: boolean; line: number }
  | { k: 'null'; line: number }
  | { k: 'var'; name: string; line: number }
  | { k: 'binary'; op: string; left: Expr; right: Expr; line: number }
  | { k: 'unary'; op: '-' | '!'; operand: Expr; line: number }
  | { k: 'ternary'; condition: Expr; then: Expr; otherwise: Expr; line: number }
  | { k: 'elvis'; value: Expr; fallback: Expr; line: number }
  | { k: 'property'; target: Expr; name: string; safe: boolean; line: number }
  | { k: 'call'; target: Expr | null; name: string; args: Expr[]; safe: boolean; line: number }
  | { k: 'index'; target: Expr; index: Expr; line: number }
  | { k: 'list'; items: Expr[]; line: number }
  | { k: 'closure'; params: string[]; body: Stmt[]; line: number }
  | { k: 'new'; className: string; args: Expr[]; line: number };

export type Stmt =
  | { k: 'expr'; expr: Expr; line: number }
  | { k: 'decl'; name: string; init: Expr | null; line: number }
  | { k: 'assign'; name: string; op: '=' | '+=' | '-='; value: Expr; line: number }
  | { k: 'return'; value: Expr | null; line: number }
  | { k: 'throw'; value: Expr; line: number }
  | { k: 'if'; condition: Expr; then: Stmt[]; otherwise: Stmt[] | null; line: number }
  | { k: 'for'; variable: string; iterable: Expr; body: Stmt[]; line: number };
