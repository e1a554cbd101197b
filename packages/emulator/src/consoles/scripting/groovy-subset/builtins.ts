/** Methods of strings, lists and numbers that the subset supports (Groovy GDK names). */
import { GroovyThrowable } from './errors.js';
import { display, groovyEquals, isClosure, truthy, type Closure, type Value } from './values.js';

export type CallClosure = (closure: Closure, args: Value[]) => Value;

/** Runs a built-in method, or returns `undefined` when the receiver has no such method. */
export function builtinMethod(target: Value, name: string, args: Value[], invoke: CallClosure, line: number): Value | undefined {
  if (name === 'toString' && args.length === 0) return display(target);
  if (typeof target === 'string') return stringMethod(target, name, args, line);
  if (Array.isArray(target)) return listMethod(target, name, args, invoke);
  return undefined;
}

function stringMethod(text: string, name: string, args: Value[], line: number): Value | undefined {
  const [first, second] = args;
  switch (name) {
    case 'toUpperCase': return text.toUpperCase();
    case 'toLowerCase': return text.toLowerCase();
    case 'trim': return text.trim();
    case 'size':
    case 'length': return text.length;
    case 'isEmpty': return text.length === 0;
    case 'reverse': return [...text].reverse().join('');
    case 'contains': return typeof first === 'string' ? text.includes(first) : undefined;
    case 'startsWith': return typeof first === 'string' ? text.startsWith(first) : undefined;
    case 'endsWith': return typeof first === 'string' ? text.endsWith(first) : undefined;
    case 'replace': return typeof first === 'string' && typeof second === 'string' ? text.split(first).join(second) : undefined;
    case 'split': return typeof first === 'string' ? text.split(new RegExp(first)).filter((part, i, all) => part !== '' || i < all.length - 1) : undefined;
    case 'substring': {
      if (typeof first !== 'number' || (second !== undefined && typeof second !== 'number')) return undefined;
      const end = second ?? text.length;
      if (first < 0 || end > text.length || first > end) {
        throw new GroovyThrowable('java.lang.StringIndexOutOfBoundsException', `begin ${first}, end ${end}, length ${text.length}`, line);
      }
      return text.slice(first, end);
    }
    default: return undefined;
  }
}

function listMethod(list: Value[], name: string, args: Value[], invoke: CallClosure): Value | undefined {
  const [first] = args;
  const closure = first !== undefined && isClosure(first) ? first : null;
  switch (name) {
    case 'size': return list.length;
    case 'isEmpty': return list.length === 0;
    case 'first': return list[0] ?? null;
    case 'last': return list.at(-1) ?? null;
    case 'get': return typeof first === 'number' ? (list[first] ?? null) : undefined;
    case 'contains': return first === undefined ? undefined : list.some((item) => groovyEquals(item, first));
    case 'join': return list.map(display).join(typeof first === 'string' ? first : '');
    case 'reverse': return [...list].reverse();
    case 'each':
      if (!closure) return undefined;
      for (const item of list) invoke(closure, [item]);
      return list;
    case 'eachWithIndex':
      if (!closure) return undefined;
      list.forEach((item, i) => invoke(closure, [item, i]));
      return list;
    case 'collect': return closure ? list.map((item) => invoke(closure, [item])) : undefined;
    case 'findAll': return closure ? list.filter((item) => truthy(invoke(closure, [item]))) : undefined;
    case 'find': return closure ? (list.find((item) => truthy(invoke(closure, [item]))) ?? null) : undefined;
    case 'any': return closure ? list.some((item) => truthy(invoke(closure, [item]))) : undefined;
    case 'every': return closure ? list.every((item) => truthy(invoke(closure, [item]))) : undefined;
    default: return undefined;
  }
}
