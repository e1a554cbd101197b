/**
 * Every command of `hac`, in the order `hac --help` lists them. Each module exports
 * `register(program, runtime)` and keeps heavy imports inside its actions (start-up time).
 */
import type { Command } from 'commander';
import type { CoreRuntime } from '../runtime.js';
import { register as completion } from './completion.js';
import { register as config } from './config.js';
import { register as emulator } from './emulator.js';
import { register as endpoint } from './endpoint.js';
import { register as env } from './env.js';
import { register as flexsearch } from './flexsearch.js';
import { register as groovy } from './groovy.js';
import { register as impex } from './impex.js';
import { register as login } from './login.js';
import { register as session } from './session.js';
import { register as sql } from './sql.js';
import { register as update } from './update.js';

export function registerCommands(program: Command, runtime: CoreRuntime): void {
  const all = [groovy, flexsearch, sql, impex, update, session, login, env, endpoint, config, completion, emulator];
  for (const register of all) register(program, runtime);
}
