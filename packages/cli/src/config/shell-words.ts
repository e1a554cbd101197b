/**
 * Environment and endpoint names are typed on command lines and offered by shell completion. A name
 * that a shell would expand, split or read as an option is legal TOML but a trap: `hac config
 * validate` says which names are unsafe and why (completion treats every name as data regardless).
 */
import { jsonText } from '../output/json.js';
import type { HacConfig } from './schema.js';

/** Letters, digits, `.`, `_` and `-` mean the same to every shell, quoted or not. */
const safeCharacter = /[\p{L}\p{N}._-]/u;

/** Why `name` is unsafe as a shell word, or undefined when it is safe. */
export function unsafeShellWordReason(name: string): string | undefined {
  if (name === '') return 'it is empty';
  const unsafe = [...new Set([...name].filter((c) => !safeCharacter.test(c)))];
  if (unsafe.length > 0) {
    const shown = unsafe.map((c) => (c === ' ' ? 'space' : /[\p{Cc}\p{Cf}]/u.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join(' ');
    return `it contains ${shown}, which a shell would expand, split or treat specially unless quoted`;
  }
  if (name.startsWith('-')) return 'it starts with "-", so commands would read it as an option';
  return undefined;
}

export interface UnsafeName {
  /** `environment "a b"` or `endpoint "x;y" of environment "prod"`. */
  what: string;
  reason: string;
}

/** Every environment and endpoint name of the config that is unsafe as a shell word. */
export function unsafeNames(config: Pick<HacConfig, 'environments'>): UnsafeName[] {
  const found: UnsafeName[] = [];
  for (const env of config.environments.values()) {
    const envReason = unsafeShellWordReason(env.name);
    if (envReason) found.push({ what: `environment ${jsonText(env.name)}`, reason: envReason });
    for (const name of env.endpoints.keys()) {
      const reason = unsafeShellWordReason(name);
      if (reason) found.push({ what: `endpoint ${jsonText(name)} of environment ${jsonText(env.name)}`, reason });
    }
  }
  return found;
}
