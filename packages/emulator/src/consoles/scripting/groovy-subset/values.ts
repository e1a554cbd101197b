/** Runtime values of the Groovy subset and how Groovy prints them (`String.valueOf`). */
import type { Stmt } from './ast.js';

/** A `java.math.BigDecimal`: Groovy's type for `1.5` and for the result of `/`. */
export class Decimal {
  constructor(readonly value: number, readonly scale: number) {}

  static parse(text: string): Decimal {
    const [, fraction = ''] = text.toLowerCase().split('e')[0]?.split('.') ?? [];
    return new Decimal(Number(text), fraction.length);
  }

  toString(): string {
    return this.value.toFixed(Math.min(this.scale, 20));
  }
}

export interface Closure {
  kind: 'closure';
  params: string[];
  body: Stmt[];
  scope: Scope;
}

/** A Java object the script can reach (services, search results, models). */
export interface HostObject {
  kind: 'host';
  className: string;
  display(): string;
  /** `undefined` when the object has no such property. */
  property(name: string): Value | undefined;
  /** `undefined` when the object has no such method. */
  call(name: string, args: Value[], line: number): Value | undefined;
}

export type Value = null | boolean | number | string | Decimal | Value[] | Closure | HostObject;

/** Variables: one scope per script run, plus one per closure call or block. */
export class Scope {
  private readonly vars = new Map<string, Value>();
  constructor(private readonly parent: Scope | null = null) {}

  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }

  get(name: string): Value | undefined {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name);
  }

  declare(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /** Assigns where the name lives; an undeclared name becomes a script binding variable, as in Groovy. */
  assign(name: string, value: Value): void {
    if (this.vars.has(name) || !this.parent) this.vars.set(name, value);
    else this.parent.assign(name, value);
  }
}

export function isClosure(value: Value): value is Closure {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Decimal) && value.kind === 'closure';
}

export function isHost(value: Value): value is HostObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Decimal) && value.kind === 'host';
}

export function isNumber(value: Value): value is number | Decimal {
  return typeof value === 'number' || value instanceof Decimal;
}

export function toNumber(value: number | Decimal): number {
  return typeof value === 'number' ? value : value.value;
}

/** Groovy's `toString()` of a value, as `println` prints it. */
export function display(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (value instanceof Decimal) return value.toString();
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (isClosure(value)) return 'Script1$_run_closure1@1f2a3b4c';
  return value.display();
}

export function javaClassName(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'number') return Math.abs(value) > 2_147_483_647 ? 'java.lang.Long' : 'java.lang.Integer';
  if (value instanceof Decimal) return 'java.math.BigDecimal';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (isClosure(value)) return 'Script1$_run_closure1';
  return value.className;
}

/** Groovy truth: null, false, 0, "" and empty collections are false. */
export function truthy(value: Value): boolean {
  if (value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (value instanceof Decimal) return value.value !== 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  return true;
}

/** Groovy `==`: numbers by value across types, lists element-wise, everything else by identity/value. */
export function groovyEquals(left: Value, right: Value): boolean {
  if (isNumber(left) && isNumber(right)) return toNumber(left) === toNumber(right);
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, i) => groovyEquals(item, right[i] as Value));
  }
  if (isHost(left) && isHost(right)) return left.display() === right.display();
  return left === right;
}
