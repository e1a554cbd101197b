import type { ProjectData, UpdateData } from '../models/update.js';

/** The extensions that offer parameters (the ones worth showing before an update). */
export function extensionsWithParameters(data: UpdateData): ProjectData[] {
  return data.projectDatas.filter((project) => project.parameters.length > 0);
}

/** The extension named `name` (exact match), or `undefined`. */
export function getExtension(data: UpdateData, name: string): ProjectData | undefined {
  return data.projectDatas.find((project) => project.name === name);
}

/**
 * The project's patches extension (`mypatches`, `cchpatches`): among extensions whose name contains
 * "patches", prefer those with parameters, then project-specific names over a bare `patches`.
 */
export function getPatchesExtension(data: UpdateData): ProjectData | undefined {
  const candidates = data.projectDatas.filter((project) => project.name.toLowerCase().includes('patches'));
  const specific = (list: ProjectData[]) => list.find((project) => project.name.toLowerCase() !== 'patches');
  const withParameters = candidates.filter((project) => project.parameters.length > 0);
  if (withParameters.length > 0) return specific(withParameters) ?? withParameters[0];
  return specific(candidates.filter((project) => project.name.toLowerCase().endsWith('patches'))) ?? candidates[0];
}

/** The value currently selected for a parameter (the first, for multi-select), or `null`. */
export function selectedValue(parameter: { values: Record<string, boolean> }): string | null {
  return Object.entries(parameter.values).find(([, selected]) => selected)?.[0] ?? null;
}
