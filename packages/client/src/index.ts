export { HacClientError } from './errors.js';
