/**
 * The JSON body of `POST /platform/init/execute` (HAC's `InitUpdateData`), validated the way Jackson
 * binding would fail: wrong JSON or wrong field types are a 400.
 */

export interface InitUpdateData {
  dropTables: boolean;
  clearHMC: boolean;
  createEssentialData: boolean;
  localizeTypes: boolean;
  createProjectData: boolean;
  initMethod: 'INIT' | 'UPDATE' | null;
  allParameters: Record<string, string[]>;
  patches: Record<string, string[]>;
}

const FLAGS = ['dropTables', 'clearHMC', 'createEssentialData', 'localizeTypes', 'createProjectData'] as const;

export type Parsed = { ok: true; data: InitUpdateData } | { ok: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ key: ["v", …] }`; a single string is accepted as a one-element list, as Jackson does for arrays. */
function stringLists(value: unknown, field: string): Record<string, string[]> | string {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return `'${field}' must be an object of string arrays`;
  const result: Record<string, string[]> = {};
  for (const [key, entry] of Object.entries(value)) {
    const list = typeof entry === 'string' ? [entry] : entry;
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return `'${field}.${key}' must be an array of strings`;
    result[key] = list as string[];
  }
  return result;
}

export function parseInitUpdateData(body: Buffer): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `JSON parse error: ${(error as Error).message}` };
  }
  if (!isRecord(json)) return { ok: false, reason: 'JSON parse error: expected an object (InitUpdateData)' };
  const flags: Partial<Record<(typeof FLAGS)[number], boolean>> = {};
  for (const flag of FLAGS) {
    const value = json[flag];
    if (value !== undefined && value !== null && typeof value !== 'boolean') return { ok: false, reason: `'${flag}' must be a boolean` };
    flags[flag] = value === true;
  }
  const initMethod = json['initMethod'] ?? null;
  if (initMethod !== null && initMethod !== 'INIT' && initMethod !== 'UPDATE') {
    return { ok: false, reason: `'initMethod' must be "INIT", "UPDATE" or null, not ${JSON.stringify(initMethod)}` };
  }
  const allParameters = stringLists(json['allParameters'], 'allParameters');
  if (typeof allParameters === 'string') return { ok: false, reason: allParameters };
  const patches = stringLists(json['patches'], 'patches');
  if (typeof patches === 'string') return { ok: false, reason: patches };
  return {
    ok: true,
    data: {
      dropTables: flags.dropTables ?? false,
      clearHMC: flags.clearHMC ?? false,
      createEssentialData: flags.createEssentialData ?? false,
      localizeTypes: flags.localizeTypes ?? false,
      createProjectData: flags.createProjectData ?? false,
      initMethod,
      allParameters,
      patches,
    },
  };
}
