/**
 * The type system, so a model can write a correct FlexibleSearch: `find_types` (type codes matching a
 * name) and `describe_type` (supertypes, subtypes and attributes of one type). Both read the target's
 * own type system through FlexibleSearch on `{ComposedType}` and `{AttributeDescriptor}`.
 */
import { z } from '../sdk.js';
import { cutRows } from '../budget.js';
import { closestNames } from '../type-catalog.js';
import { defineTool } from '../tool-kit.js';
import { catalogOf } from './query-tools.js';

export const findTypesTool = defineTool({
  name: 'find_types',
  title: 'Find item types',
  description:
    'List the item types (composed types) whose code contains the given text, case-insensitive (e.g. "order" finds Order, OrderEntry, …), with their supertype; without text, every type. Use it before describe_type and flexible_search to get type names right.',
  right: 'read',
  writes: false,
  input: {
    contains: z.string().max(200).optional().describe('Part of the type code (empty: all types)'),
    limit: z.number().int().min(1).max(5_000).default(100).describe('Most types to list'),
  },
  output: {
    environment: z.string(),
    endpoint: z.string(),
    types: z.array(z.object({ code: z.string(), supertype: z.string().nullable() })),
    total: z.number().int().describe('Types matching, before limit and answer budget'),
    closest: z.array(z.string()).describe('When nothing contains the text: the closest codes'),
    truncated: z.string().nullable(),
  },
  async run({ input, target, client, budget, signal }) {
    const types = [...(await catalogOf(client).types(signal)).values()];
    const byPk = new Map(types.map((t) => [t.pk, t.code]));
    const wanted = (input.contains ?? '').toLowerCase();
    const matching = types.filter((t) => t.code.toLowerCase().includes(wanted)).sort((a, b) => a.code.localeCompare(b.code));
    const listed = matching.slice(0, input.limit).map((t) => ({ code: t.code, supertype: t.superPk ? (byPk.get(t.superPk) ?? null) : null }));
    const cut = cutRows(listed.map((t) => [t.code, t.supertype]), budget);
    const shown = listed.slice(0, cut.rows.length);
    const closest = matching.length === 0 && wanted !== '' ? closestNames(wanted, types.map((t) => t.code)) : [];
    const left = matching.length - shown.length;
    const truncated = left > 0 ? `${left} more type(s) match: give a longer "contains" text.` : null;
    const text =
      matching.length === 0
        ? `No type code contains "${input.contains ?? ''}".${closest.length > 0 ? ` Closest: ${closest.join(', ')}.` : ''}`
        : [`${matching.length} type(s)${left > 0 ? `, ${shown.length} shown` : ''} (code ← supertype):`, ...shown.map((t) => `${t.code}${t.supertype ? ` ← ${t.supertype}` : ''}`), ...(truncated ? [truncated] : [])].join('\n');
    return {
      structured: { environment: target.environment, endpoint: target.endpoint, types: shown, total: matching.length, closest, truncated },
      text,
      outcome: 'ok',
      rows: shown.length,
    };
  },
});

const attributeShape = z.object({
  qualifier: z.string(),
  type: z.string().describe('Attribute type: java.lang.String, an item type, localized:java.lang.String (use {qualifier[en]}), a …Coll relation'),
  mandatory: z.boolean(),
  unique: z.boolean().describe('Part of the unique key (ImpEx [unique=true])'),
  localized: z.boolean(),
  inherited: z.boolean(),
});

export const describeTypeTool = defineTool({
  name: 'describe_type',
  title: 'Describe an item type',
  description:
    'Show one item type: its supertypes, direct subtypes and every attribute (qualifier, type, mandatory, unique, localized, inherited) as FlexibleSearch and ImpEx name them. Localized attributes are queried as {name[en]}; reference attributes hold the PK of the referenced item. An unknown type answers with the closest type codes.',
  right: 'read',
  writes: false,
  input: { type: z.string().min(1).max(200).describe('Type code, e.g. Product (case-insensitive)') },
  output: {
    environment: z.string(),
    endpoint: z.string(),
    found: z.boolean(),
    code: z.string(),
    supertypes: z.array(z.string()).describe('Nearest first'),
    subtypes: z.array(z.string()),
    attributes: z.array(attributeShape),
    closest: z.array(z.string()).describe('When the type does not exist: the closest codes'),
  },
  async run({ input, target, client, signal }) {
    const catalog = catalogOf(client);
    const type = await catalog.find(input.type, signal);
    const base = { environment: target.environment, endpoint: target.endpoint };
    if (!type) {
      const closest = closestNames(input.type, [...(await catalog.types(signal)).values()].map((t) => t.code));
      return {
        structured: { ...base, found: false, code: input.type, supertypes: [], subtypes: [], attributes: [], closest },
        text: `There is no type "${input.type}" on ${target.sessionEnvironment}.${closest.length > 0 ? ` Closest: ${closest.join(', ')}.` : ' Use find_types.'}`,
        outcome: 'failed',
        reason: `unknown type ${input.type}`,
      };
    }
    const [supertypes, subtypes, attributes] = await Promise.all([catalog.supertypes(type, signal), catalog.subtypes(type, signal), catalog.attributes(type, signal)]);
    const flags = (a: z.infer<typeof attributeShape>): string =>
      [a.mandatory ? 'mandatory' : '', a.unique ? 'unique' : '', a.localized ? 'localized' : '', a.inherited ? 'inherited' : ''].filter(Boolean).join(', ');
    const text = [
      `${type.code}${supertypes.length > 0 ? ` extends ${supertypes.join(' → ')}` : ''}`,
      subtypes.length > 0 ? `subtypes: ${subtypes.join(', ')}` : 'no subtypes',
      `attributes (${attributes.length}):`,
      ...attributes.map((a) => `  ${a.qualifier}: ${a.type}${flags(a) ? ` (${flags(a)})` : ''}`),
    ].join('\n');
    return {
      structured: { ...base, found: true, code: type.code, supertypes, subtypes, attributes, closest: [] },
      text,
      outcome: 'ok',
      rows: attributes.length,
    };
  },
});
