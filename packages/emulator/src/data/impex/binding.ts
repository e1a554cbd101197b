/**
 * Binds a parsed ImpEx header to the type system: the type, and per column the attribute, language
 * and flags the importer needs. Header problems surface as `HeaderError`.
 */
import type { AttributeDef, ComposedType, TypeSystem } from '../type-system.js';
import { type ColumnDescriptor, type HeaderLine, parseHeader } from './header.js';

/** Modifiers that change how SAP reads a column but that the emulator does not implement. */
const UNSUPPORTED_MODIFIERS = new Set(['translator', 'celldecorator', 'virtual', 'key2value-delimiter', 'map-delimiter', 'numberformat']);

export class HeaderError extends Error {
  override name = 'HeaderError';
}

export interface BoundColumn {
  index: number;
  descriptor: ColumnDescriptor;
  attribute: AttributeDef;
  unique: boolean;
  /** Language of a localized column (`[lang=de]`, else the session language). */
  languagePk: number | null;
  language: string | null;
}

export interface BoundHeader {
  line: number;
  text: string;
  header: HeaderLine;
  type: ComposedType;
  columns: BoundColumn[];
  warnings: string[];
}

export function bindHeader(
  types: TypeSystem,
  record: { line: number; cells: string[]; text: string },
  strict: boolean,
  languagePk: (isocode: string) => number | undefined,
  defaultLanguage: string,
): BoundHeader {
  let header: HeaderLine;
  try {
    header = parseHeader(record.cells);
  } catch (error) {
    throw new HeaderError(`line ${record.line} at main script: ${(error as Error).message}`);
  }
  const type = types.find(header.typeName);
  if (!type) throw new HeaderError(`line ${record.line} at main script: unknown type '${header.typeName}'`);
  const warnings: string[] = [];
  const unknown: string[] = [];
  const columns: BoundColumn[] = [];
  header.columns.forEach((descriptor, index) => {
    if (!descriptor) return;
    if (descriptor.qualifier.startsWith('@')) {
      warnings.push(`line ${record.line}: special attribute '${descriptor.qualifier}' is not supported and was ignored`);
      return;
    }
    for (const modifier of descriptor.modifiers.keys()) {
      if (UNSUPPORTED_MODIFIERS.has(modifier)) {
        warnings.push(`line ${record.line}: modifier '${modifier}' of column '${descriptor.text}' is not supported by the emulator and was ignored`);
      }
    }
    const attribute = type.attributes.get(descriptor.qualifier.toLowerCase());
    if (!attribute) {
      unknown.push(`${type.name}.${descriptor.qualifier}`);
      return;
    }
    let language: string | null = null;
    let langPk: number | null = null;
    if (attribute.localized) {
      language = descriptor.modifiers.get('lang') ?? defaultLanguage;
      const pk = languagePk(language);
      if (pk === undefined) throw new HeaderError(`line ${record.line} at main script: unknown language '${language}' in column '${descriptor.text}'`);
      langPk = pk;
    }
    if ((attribute.kind === 'ref' || attribute.kind === 'relation') && descriptor.pattern === null && strict) {
      warnings.push(`line ${record.line}: column '${descriptor.text}' has no pattern; values are read as PKs`);
    }
    columns.push({
      index,
      descriptor,
      attribute,
      unique: descriptor.modifiers.get('unique') === 'true',
      languagePk: langPk,
      language,
    });
  });
  if (unknown.length > 0) {
    const message = `line ${record.line} at main script: unknown attributes [${unknown.join(', ')}]`;
    if (strict) throw new HeaderError(message);
    warnings.push(`${message} (ignored in relaxed mode)`);
  }
  if (header.mode !== 'INSERT' && !columns.some((c) => c.unique)) {
    throw new HeaderError(`line ${record.line} at main script: header of mode ${header.mode} needs at least one attribute with [unique=true]`);
  }
  return { line: record.line, text: record.text, header, type, columns, warnings };
}
