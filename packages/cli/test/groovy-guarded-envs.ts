/**
 * Test fixture shared by the console command tests (not a test file): extra config environments on
 * the same emulator, `prot` (protected = true) and `ro` (read_only = true), for the guard-rail tests.
 */
import type { Emulator } from './helpers/emulator.js';

export function guardedEnvironments(emu: Emulator): string {
  return `
[environments.prot]
protected = true
[environments.prot.endpoints.hac]
url = "${emu.url}"

[environments.ro]
read_only = true
[environments.ro.endpoints.hac]
url = "${emu.url}"
`;
}
