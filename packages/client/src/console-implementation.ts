/**
 * The console functions that send requests, and the reader of answers read as they arrive, loaded
 * by the first console call (`loadConsoles` in internal/lazy.ts). A chunk of their own in the
 * bundle: a login, which needs none of them, does not compile them (`implementation.ts` holds the
 * transport).
 */
export * from './consoles/index.js';
export { AnswerSyntaxError, createAnswerReader } from './consoles/flexsearch-answer.js';
