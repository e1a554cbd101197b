/**
 * The platform objects a subset script can reach: `flexibleSearchService`, the `SearchResult` it
 * returns and the models in it. They run real queries on the emulator's data engine.
 */
import type { DataEngine } from '../../../data/engine-types.js';
import { GroovyThrowable } from './errors.js';
import type { HostObject, Value } from './values.js';
import { WorkCost, type WorkMeter } from './work-budget.js';

/** `FlexibleSearchService.search` has no row cap; this only guards the emulator's memory. */
const SEARCH_LIMIT = 100_000;

/** Queries and the models they make are charged to the script's `meter`. */
export function flexibleSearchService(engine: DataEngine, username: string, meter: WorkMeter): HostObject {
  return {
    kind: 'host',
    className: 'de.hybris.platform.servicelayer.search.impl.DefaultFlexibleSearchService',
    display: () => 'de.hybris.platform.servicelayer.search.impl.DefaultFlexibleSearchService@6d1e7682',
    property: () => undefined,
    call(name, args, line) {
      if (name !== 'search' || args.length !== 1 || typeof args[0] !== 'string') return undefined;
      meter.charge(WorkCost.query);
      const outcome = engine.flexibleSearch(args[0], { maxCount: SEARCH_LIMIT, locale: 'en', user: username });
      if (outcome.error) {
        throw new GroovyThrowable(outcome.error.className, outcome.error.message, line, outcome.error.causes);
      }
      const single = outcome.headers.length === 1;
      meter.charge(outcome.rows.length * (single ? WorkCost.model : outcome.headers.length * WorkCost.element));
      const items: Value[] = outcome.rows.map((row) => (single ? cellValue(engine, row[0] ?? null, username, meter) : row.map((cell) => cell)));
      return searchResult(items);
    },
  };
}

function searchResult(items: Value[]): HostObject {
  const properties: Record<string, Value> = { result: items, count: items.length, totalCount: items.length, requestedStart: 0, requestedCount: -1 };
  return {
    kind: 'host',
    className: 'de.hybris.platform.servicelayer.search.impl.SearchResultImpl',
    display: () => 'de.hybris.platform.servicelayer.search.impl.SearchResultImpl@3c0ecd4b',
    property: (name) => properties[name],
    call: (name, args) => (args.length === 0 ? getter(name, (prop) => properties[prop]) : undefined),
  };
}

/** A single selected column of PKs becomes models (as `FlexibleSearchService` does); other values stay values. */
function cellValue(engine: DataEngine, cell: string | null, username: string, meter: WorkMeter): Value {
  if (cell === null || !/^\d+$/.test(cell)) return cell;
  const item = engine.lookupPk(cell);
  return item ? model(engine, cell, item.typeName, username, meter) : Number(cell);
}

/** Attributes are read as the script's user, like the search that found the model. */
function model(engine: DataEngine, pk: string, typeName: string, username: string, meter: WorkMeter): HostObject {
  const read = (attribute: string): Value | undefined => {
    if (attribute === 'pk') return Number(pk);
    if (attribute === 'itemtype') return typeName;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(attribute)) return undefined;
    meter.charge(WorkCost.query);
    const outcome = engine.flexibleSearch(`SELECT {${attribute}} FROM {${typeName}} WHERE {pk} = ${pk}`, { maxCount: 1, locale: 'en', user: username });
    if (outcome.error || outcome.rows.length === 0) return undefined;
    return outcome.rows[0]?.[0] ?? null;
  };
  return {
    kind: 'host',
    className: `de.hybris.platform.core.model.${typeName}Model`,
    display: () => `${typeName}Model (${pk}@1)`,
    property: read,
    call: (name, args) => (args.length === 0 ? getter(name, read) : undefined),
  };
}

/** `getFooBar()` reads property `fooBar`. */
function getter(name: string, read: (property: string) => Value | undefined): Value | undefined {
  const match = /^get([A-Z]\w*)$/.exec(name);
  if (!match) return undefined;
  const property = (match[1] as string).charAt(0).toLowerCase() + (match[1] as string).slice(1);
  return read(property);
}
