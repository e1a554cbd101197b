/**
 * The audit log entries of the CLI's write commands (`groovy --commit`, `sql --commit`, `impex import`,
 * `update run`…): a refused or unconfirmed write, and every write that was sent, with its outcome.
 * Writing the log never stops a command: a log that cannot be written is one warning on stderr.
 */
import type { AuditResult } from './audit-log.js';
import { AuditLog } from './audit-log.js';

/** How a write ended, as the command judges its result. */
export interface WriteOutcome {
  ok: boolean;
  rows?: number;
  reason?: string;
}

export interface CliAuditTarget {
  environment: string;
  endpoint: string;
  url: string;
  hacPath: string;
}

export interface CliAuditContext {
  path: string;
  includeScripts: boolean;
  warn(message: string): void;
}

export class CliAudit {
  readonly #log: AuditLog;
  readonly #warn: (message: string) => void;
  #warned = false;

  constructor(ctx: CliAuditContext) {
    this.#log = new AuditLog(ctx.path, { includeScripts: ctx.includeScripts });
    this.#warn = ctx.warn;
  }

  async append(target: CliAuditTarget, user: string | undefined, tool: string, fields: AuditResult & { text?: string | undefined }): Promise<void> {
    const entry = this.#log.entry({ source: 'cli', target, user, tool, text: fields.text, commit: true }, fields);
    try {
      await this.#log.append(entry);
    } catch (error) {
      if (!this.#warned) this.#warn(`warning: audit log not written: ${(error as Error).message}`);
      this.#warned = true;
    }
  }
}
