import type { ConsoleRoute } from '../consoles/route-types.js';

/** Exact-path routing as Spring MVC does it on HAC 2211: no trailing-slash leniency, 405 for a known path with another method. */
export class RouteTable {
  readonly #routes = new Map<string, ConsoleRoute>();
  readonly #methodsByPath = new Map<string, Set<string>>();

  constructor(routes: readonly ConsoleRoute[]) {
    for (const route of routes) {
      this.#routes.set(`${route.method} ${route.path}`, route);
      const methods = this.#methodsByPath.get(route.path) ?? new Set<string>();
      methods.add(route.method);
      this.#methodsByPath.set(route.path, methods);
    }
  }

  find(method: string, path: string): ConsoleRoute | undefined {
    return this.#routes.get(`${method} ${path}`);
  }

  /** Methods the path answers to (empty when the path is unknown). */
  allowed(path: string): string[] {
    return [...(this.#methodsByPath.get(path) ?? [])];
  }
}
