/**
 * The emulated system's extensions that take part in initialization/update, with their project-data
 * parameters, and the patches of its patches-framework extension.
 */
import { createHash } from 'node:crypto';

export interface ParameterDefinition {
  name: string;
  label: string;
  values: string[];
  defaults: string[];
  multiSelect: boolean;
  legacy: boolean;
}

export interface ExtensionDefinition {
  name: string;
  description: string;
  parameters: ParameterDefinition[];
}

export type PatchProcess = 'ALL' | 'INIT' | 'UPDATE';

export interface PatchDefinition {
  extension: string;
  hash: string;
  name: string;
  description: string;
  required: boolean;
  process: PatchProcess;
}

const yesNo = (name: string, label: string, selected: 'yes' | 'no'): ParameterDefinition => ({
  name, label, values: ['yes', 'no'], defaults: [selected], multiSelect: false, legacy: false,
});

export const PATCHES_EXTENSION = 'acmepatches';

export const EXTENSIONS: ExtensionDefinition[] = [
  { name: 'core', description: 'Core extension of SAP Commerce: essential data (languages, currencies, user groups)', parameters: [] },
  {
    name: 'electronicsstore',
    description: 'Sample data of the Electronics B2C store',
    parameters: [
      yesNo('importCoreData', 'Import Core Data', 'yes'),
      yesNo('importSampleData', 'Import Sample Data', 'yes'),
      yesNo('activateSolrCronJobs', 'Activate Solr Cron Jobs', 'yes'),
      { name: 'sites', label: 'Sites to set up', values: ['electronics', 'electronics-cn'], defaults: ['electronics'], multiSelect: true, legacy: false },
    ],
  },
  {
    name: 'apparelstore',
    description: 'Sample data of the Apparel B2C stores (UK and DE)',
    parameters: [
      yesNo('importCoreData', 'Import Core Data', 'yes'),
      yesNo('importSampleData', 'Import Sample Data', 'yes'),
      yesNo('activateSolrCronJobs', 'Activate Solr Cron Jobs', 'no'),
      { name: 'legacyImport', label: 'Use legacy import (Jalo)', values: ['yes', 'no'], defaults: ['no'], multiSelect: false, legacy: true },
    ],
  },
  {
    name: PATCHES_EXTENSION,
    description: 'Data patches of the ACME project (patches framework)',
    parameters: [yesNo('runRequiredPatches', 'Run required patches', 'yes')],
  },
];

const patch = (name: string, description: string, required: boolean, process: PatchProcess): PatchDefinition => ({
  extension: PATCHES_EXTENSION,
  // The patches framework identifies a patch by a hash of its id.
  hash: createHash('md5').update(`${PATCHES_EXTENSION}:${name}`).digest('hex'),
  name,
  description,
  required,
  process,
});

export const PATCHES: PatchDefinition[] = [
  patch('Patch_2211_01_TaxRows', 'Adds the 2026 tax rows for DE and AT', true, 'ALL'),
  patch('Patch_2211_02_CmsFooter', 'Replaces the storefront footer components', false, 'UPDATE'),
  patch('Patch_2211_03_InitialPromotions', 'Creates the launch promotions (initialization only)', false, 'INIT'),
];
