/**
 * Tree-walking evaluator for the Groovy subset. Deterministic; loops only iterate finite lists, but
 * closures may call themselves and one statement can go through a million-element list, so a work
 * budget (and JavaScript's own stack and string limits) stops runaway scripts.
 */
import type { DataEngine } from '../../../data/engine-types.js';
import type { Expr, Stmt } from './ast.js';
import { builtinMethod } from './builtins.js';
import { GroovyThrowable } from './errors.js';
import { flexibleSearchService } from './hosts.js';
import { binaryOperation } from './operators.js';
import { Decimal, display, isClosure, isHost, javaClassName, Scope, truthy, type Closure, type HostObject, type Value } from './values.js';
import { sizeOf, WorkCost, WorkMeter } from './work-budget.js';

export interface RunContext {
  engine: DataEngine;
  username: string;
}

export interface RunResult {
  /** The script's value: the `return`ed value or the value of the last statement. */
  value: Value;
  output: string;
}

class ReturnSignal {
  constructor(readonly value: Value) {}
}

/** Output gathered so far, kept when the script throws (HAC shows what was printed before the failure). */
export class ScriptFailure extends Error {
  constructor(readonly throwable: GroovyThrowable, readonly output: string) {
    super(throwable.message);
  }
}

export function runProgram(program: Stmt[], context: RunContext): RunResult {
  const interpreter = new Interpreter(context);
  try {
    const value = interpreter.block(program, interpreter.globals);
    return { value, output: interpreter.output };
  } catch (error) {
    if (error instanceof ReturnSignal) return { value: error.value, output: interpreter.output };
    if (error instanceof GroovyThrowable) throw new ScriptFailure(error, interpreter.output);
    // A closure calling itself without end, or a string too large: what the JVM would throw.
    if (error instanceof RangeError) {
      const className = /call stack/i.test(error.message) ? 'java.lang.StackOverflowError' : 'java.lang.OutOfMemoryError';
      throw new ScriptFailure(new GroovyThrowable(className, className.endsWith('OutOfMemoryError') ? 'Java heap space' : null, interpreter.line), interpreter.output);
    }
    throw error;
  }
}

/** Built-in methods whose cost does not grow with the receiver. */
const CONSTANT_TIME_METHODS = new Set(['size', 'length', 'isEmpty', 'first', 'last', 'get', 'startsWith', 'endsWith']);

class Interpreter {
  output = '';
  /** Line of the statement running now, for errors raised outside a statement's own checks. */
  line = 1;
  private readonly meter = new WorkMeter(() => this.line);
  readonly globals = new Scope();
  private readonly services: Record<string, HostObject>;

  constructor(context: RunContext) {
    this.services = { flexibleSearchService: flexibleSearchService(context.engine, context.username, this.meter) };
  }

  block(statements: Stmt[], scope: Scope): Value {
    let last: Value = null;
    for (const statement of statements) last = this.statement(statement, scope);
    return last;
  }

  private statement(statement: Stmt, scope: Scope): Value {
    this.line = statement.line;
    this.meter.statement();
    switch (statement.k) {
      case 'expr': return this.evaluate(statement.expr, scope);
      case 'decl': {
        const value = statement.init ? this.evaluate(statement.init, scope) : null;
        scope.declare(statement.name, value);
        return value;
      }
      case 'assign': {
        let value = this.evaluate(statement.value, scope);
        if (statement.op !== '=') {
          const current = this.variable(statement.name, scope, statement.line);
          value = binaryOperation(statement.op === '+=' ? '+' : '-', current, value, statement.line);
        }
        scope.assign(statement.name, value);
        return value;
      }
      case 'return':
        throw new ReturnSignal(statement.value ? this.evaluate(statement.value, scope) : null);
      case 'throw': {
        const value = this.evaluate(statement.value, scope);
        if (isHost(value) && value.property('message') !== undefined && /(Exception|Error|Throwable)$/.test(value.className)) {
          const message = value.property('message') ?? null;
          throw new GroovyThrowable(value.className, message === null ? null : display(message), statement.line);
        }
        throw new GroovyThrowable('org.codehaus.groovy.runtime.typehandling.GroovyCastException',
          `Cannot cast object '${display(value)}' with class '${javaClassName(value)}' to class 'java.lang.Throwable'`, statement.line);
      }
      case 'if': {
        const branch = truthy(this.evaluate(statement.condition, scope)) ? statement.then : statement.otherwise;
        return branch ? this.block(branch, new Scope(scope)) : null;
      }
      case 'for': {
        const iterable = this.evaluate(statement.iterable, scope);
        this.meter.charge(sizeOf(iterable));
        const items = Array.isArray(iterable) ? iterable : typeof iterable === 'string' ? [...iterable] : iterable === null ? [] : [iterable];
        for (const item of items) {
          const inner = new Scope(scope);
          inner.declare(statement.variable, item);
          this.block(statement.body, inner);
        }
        return null;
      }
    }
  }

  private variable(name: string, scope: Scope, line: number): Value {
    if (scope.has(name)) return scope.get(name) ?? null;
    const service = this.services[name];
    if (service) return service;
    throw new GroovyThrowable('groovy.lang.MissingPropertyException', `No such property: ${name} for class: Script1`, line);
  }

  private evaluate(expr: Expr, scope: Scope): Value {
    switch (expr.k) {
      case 'int': return expr.value;
      case 'decimal': return Decimal.parse(expr.text);
      case 'string': return expr.value;
      case 'bool': return expr.value;
      case 'null': return null;
      case 'gstring': {
        const text = expr.parts.map((part) => (typeof part === 'string' ? part : display(this.evaluate(part, scope)))).join('');
        this.meter.charge(sizeOf(text));
        return text;
      }
      case 'var': return this.variable(expr.name, scope, expr.line);
      case 'list': {
        this.meter.charge(expr.items.length * WorkCost.element);
        return expr.items.map((item) => this.evaluate(item, scope));
      }
      case 'closure': return { kind: 'closure', params: expr.params, body: expr.body, scope };
      case 'unary': {
        const operand = this.evaluate(expr.operand, scope);
        if (expr.op === '!') return !truthy(operand);
        return binaryOperation('-', 0, operand, expr.line);
      }
      case 'binary': {
        const left = this.evaluate(expr.left, scope);
        if (expr.op === '&&' && !truthy(left)) return false;
        if (expr.op === '||' && truthy(left)) return true;
        const right = this.evaluate(expr.right, scope);
        const result = binaryOperation(expr.op, left, right, expr.line);
        // Charged after the fact: a string too large fails as OutOfMemoryError, as on the JVM. `s + x`
        // only copies x (strings are joined without copying); comparisons go through the smaller side.
        this.meter.charge(typeof left === 'string' && expr.op === '+' ? sizeOf(right)
          : Array.isArray(result) || typeof result === 'string' ? sizeOf(result) : Math.min(sizeOf(left), sizeOf(right)));
        return result;
      }
      case 'ternary':
        return truthy(this.evaluate(expr.condition, scope)) ? this.evaluate(expr.then, scope) : this.evaluate(expr.otherwise, scope);
      case 'elvis': {
        const value = this.evaluate(expr.value, scope);
        return truthy(value) ? value : this.evaluate(expr.fallback, scope);
      }
      case 'index': return this.index(this.evaluate(expr.target, scope), this.evaluate(expr.index, scope), expr.line);
      case 'property': return this.property(this.evaluate(expr.target, scope), expr.name, expr.safe, expr.line);
      case 'new': return throwable(expr.className, expr.args.map((arg) => this.evaluate(arg, scope)));
      case 'call': {
        const args = expr.args.map((arg) => this.evaluate(arg, scope));
        if (expr.target === null) return this.function(expr.name, args, scope, expr.line);
        return this.method(this.evaluate(expr.target, scope), expr.name, args, expr.safe, expr.line);
      }
    }
  }

  private function(name: string, args: Value[], scope: Scope, line: number): Value {
    if ((name === 'println' || name === 'print') && args.length <= 1) {
      const text = args.length ? display(args[0] as Value) : '';
      this.meter.charge(sizeOf(text));
      this.output += text + (name === 'println' ? '\n' : '');
      return null;
    }
    if (scope.has(name)) {
      const target = scope.get(name) ?? null;
      if (isClosure(target)) return this.callClosure(target, args);
    }
    throw new GroovyThrowable('groovy.lang.MissingMethodException',
      `No signature of method: Script1.${name}() is applicable for argument types: (${args.map(javaClassName).join(', ')}) values: [${args.map(display).join(', ')}]`, line);
  }

  private method(target: Value, name: string, args: Value[], safe: boolean, line: number): Value {
    if (target === null) {
      if (safe) return null;
      throw new GroovyThrowable('java.lang.NullPointerException', `Cannot invoke method ${name}() on null object`, line);
    }
    if (isClosure(target) && name === 'call') return this.callClosure(target, args);
    // Charged before the call, so that a script is stopped before it goes through a huge list again.
    if (!isHost(target)) this.meter.charge(CONSTANT_TIME_METHODS.has(name) ? 0 : sizeOf(target));
    const result = isHost(target)
      ? target.call(name, args, line)
      : builtinMethod(target, name, args, (closure, closureArgs) => this.callClosure(closure, closureArgs), line);
    if (result !== undefined) {
      // A host hands out what it has charged for already (a search result's list is not copied).
      if (!isHost(target)) this.meter.charge(sizeOf(result));
      return result;
    }
    throw new GroovyThrowable('groovy.lang.MissingMethodException',
      `No signature of method: ${javaClassName(target)}.${name}() is applicable for argument types: (${args.map(javaClassName).join(', ')}) values: [${args.map(display).join(', ')}]`, line);
  }

  private property(target: Value, name: string, safe: boolean, line: number): Value {
    if (target === null) {
      if (safe) return null;
      throw new GroovyThrowable('java.lang.NullPointerException', `Cannot get property '${name}' on null object`, line);
    }
    // Groovy spreads a property over a list: `result.code` is the list of codes.
    if (Array.isArray(target)) {
      this.meter.charge(sizeOf(target));
      return target.map((item) => this.property(item, name, safe, line));
    }
    const value = isHost(target) ? target.property(name) : undefined;
    if (value !== undefined) return value;
    throw new GroovyThrowable('groovy.lang.MissingPropertyException', `No such property: ${name} for class: ${javaClassName(target)}`, line);
  }

  private index(target: Value, index: Value, line: number): Value {
    if (typeof index !== 'number' || (!Array.isArray(target) && typeof target !== 'string')) {
      throw new GroovyThrowable('groovy.lang.MissingMethodException',
        `No signature of method: ${javaClassName(target)}.getAt() is applicable for argument types: (${javaClassName(index)}) values: [${display(index)}]`, line);
    }
    const position = index < 0 ? target.length + index : index;
    if (typeof target === 'string') {
      const char = target[position];
      if (char === undefined) throw new GroovyThrowable('java.lang.StringIndexOutOfBoundsException', `index ${index}, length ${target.length}`, line);
      return char;
    }
    return target[position] ?? null;
  }

  private callClosure(closure: Closure, args: Value[]): Value {
    const scope = new Scope(closure.scope);
    closure.params.forEach((param, i) => scope.declare(param, args[i] ?? null));
    try {
      return this.block(closure.body, scope);
    } catch (signal) {
      if (signal instanceof ReturnSignal) return signal.value;
      throw signal;
    }
  }
}

function throwable(className: string, args: Value[]): HostObject {
  const message = args.length > 0 ? display(args[0] as Value) : null;
  return {
    kind: 'host',
    className,
    display: () => (message === null ? className : `${className}: ${message}`),
    property: (name) => (name === 'message' ? message : undefined),
    call: (name) => (name === 'getMessage' ? message : undefined),
  };
}
