/** The Python CLI's options of `hac env list` and `hac endpoint list`. */
import { Option } from 'commander';
import { OUTPUT_FORMATS } from '../../global-options.js';
import type { OutputFormat } from '../../runtime-types.js';

/** `-f FORMAT`, the Python CLI's short form of `--format` on list commands (`--format` is global). */
export function listFormatOption(): Option {
  return new Option('-f <format>', 'output format (as --format)').choices(OUTPUT_FORMATS);
}

export interface ListFlags {
  f?: OutputFormat;
  /** False with `--no-headers`. */
  headers: boolean;
  names?: boolean;
}
