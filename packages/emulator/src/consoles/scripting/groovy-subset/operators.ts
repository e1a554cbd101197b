/** Groovy's arithmetic, concatenation and comparison on subset values. */
import { GroovyThrowable } from './errors.js';
import { Decimal, display, groovyEquals, isNumber, javaClassName, toNumber, truthy, type Value } from './values.js';

/** Scale Groovy gives a non-terminating `/` result (BigDecimal division with 10 digits). */
const DIVISION_SCALE = 10;

export function binaryOperation(op: string, left: Value, right: Value, line: number): Value {
  switch (op) {
    case '==': return groovyEquals(left, right);
    case '!=': return !groovyEquals(left, right);
    case '&&': return truthy(left) && truthy(right);
    case '||': return truthy(left) || truthy(right);
    case '<': case '>': case '<=': case '>=': return compare(op, left, right, line);
    case '+':
      if (typeof left === 'string') return left + display(right);
      if (Array.isArray(left)) return Array.isArray(right) ? [...left, ...right] : [...left, right];
      return arithmetic(op, left, right, line);
    case '*':
      if (typeof left === 'string' && typeof right === 'number') return left.repeat(Math.max(0, right));
      return arithmetic(op, left, right, line);
    default:
      return arithmetic(op, left, right, line);
  }
}

function arithmetic(op: string, left: Value, right: Value, line: number): Value {
  if (!isNumber(left) || !isNumber(right)) {
    const method = { '+': 'plus', '-': 'minus', '*': 'multiply', '/': 'div', '%': 'mod' }[op] ?? op;
    if (left === null) throw new GroovyThrowable('java.lang.NullPointerException', `Cannot invoke method ${method}() on null object`, line);
    throw new GroovyThrowable('groovy.lang.MissingMethodException',
      `No signature of method: ${javaClassName(left)}.${method}() is applicable for argument types: (${javaClassName(right)}) values: [${display(right)}]`, line);
  }
  const a = toNumber(left);
  const b = toNumber(right);
  const bothInts = typeof left === 'number' && typeof right === 'number';
  switch (op) {
    case '+': return bothInts ? a + b : new Decimal(a + b, Math.max(scaleOf(left), scaleOf(right)));
    case '-': return bothInts ? a - b : new Decimal(a - b, Math.max(scaleOf(left), scaleOf(right)));
    case '*': return bothInts ? a * b : new Decimal(a * b, scaleOf(left) + scaleOf(right));
    case '%':
      if (b === 0) throw new GroovyThrowable('java.lang.ArithmeticException', bothInts ? '/ by zero' : 'Division by zero', line);
      return bothInts ? a % b : new Decimal(a % b, Math.max(scaleOf(left), scaleOf(right)));
    case '/': {
      if (b === 0) throw new GroovyThrowable('java.lang.ArithmeticException', 'Division by zero', line);
      const quotient = Number((a / b).toFixed(DIVISION_SCALE));
      // Groovy strips the scale of an exact quotient: 6/2 prints 3, 10/4 prints 2.5, 1/3 prints 0.3333333333.
      const text = quotient.toFixed(DIVISION_SCALE).replace(/\.?0+$/, '');
      return new Decimal(quotient, text.includes('.') ? (text.split('.')[1] as string).length : 0);
    }
    default:
      throw new GroovyThrowable('groovy.lang.MissingMethodException', `No signature of method for operator ${op}`, line);
  }
}

/** Module-level rather than a closure inside `arithmetic`: it runs once per operation of every script. */
function scaleOf(value: number | Decimal): number {
  return value instanceof Decimal ? value.scale : 0;
}

function compare(op: string, left: Value, right: Value, line: number): boolean {
  let order: number;
  if (isNumber(left) && isNumber(right)) order = toNumber(left) - toNumber(right);
  else if (typeof left === 'string' && typeof right === 'string') order = left < right ? -1 : left > right ? 1 : 0;
  else {
    throw new GroovyThrowable('java.lang.IllegalArgumentException',
      `Cannot compare ${javaClassName(left)} with value '${display(left)}' and ${javaClassName(right)} with value '${display(right)}'`, line);
  }
  switch (op) {
    case '<': return order < 0;
    case '>': return order > 0;
    case '<=': return order <= 0;
    default: return order >= 0;
  }
}
