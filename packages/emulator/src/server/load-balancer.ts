import { cookieValues, formatSetCookie } from './cookies.js';
import type { HacNode } from './hac-node.js';

export const ROUTE_COOKIE = 'ROUTE';

/** What a CCv2 route value looks like: `.` plus a pod name. Anything else (e.g. `ROUTE=.x` after a doubled prefix) is garbage. */
const ROUTE_VALUE = /^[A-Za-z0-9._-]+$/;

export type Pick = { node: HacNode; setCookie: string | null } | { badRequest: true };

/**
 * The sticky load balancer in front of several nodes (CCv2's ingress). It routes by the `ROUTE`
 * cookie and sends a request without a usable one to the next node round-robin, setting `ROUTE`
 * for that node; so a client that drops `ROUTE` loses its session like on CCv2.
 * With one node there is no balancer: no `ROUTE` cookie is set or read.
 */
export class LoadBalancer {
  readonly #nodes: HacNode[];
  readonly #secure: boolean;
  #next = 0;

  constructor(nodes: HacNode[], secure: boolean) {
    this.#nodes = nodes;
    this.#secure = secure;
  }

  static routeOf(node: HacNode): string {
    return `.${node.id}`;
  }

  pick(cookieHeader: string | string[] | undefined): Pick {
    const first = this.#nodes[0];
    if (!first) throw new Error('no nodes');
    if (this.#nodes.length === 1) return { node: first, setCookie: null };
    const routes = cookieValues(cookieHeader, ROUTE_COOKIE);
    if (routes.some((value) => !ROUTE_VALUE.test(value))) return { badRequest: true };
    for (const route of routes) {
      const node = this.#nodes.find((candidate) => LoadBalancer.routeOf(candidate) === route);
      if (node) return { node, setCookie: null };
    }
    const node = this.#nodes[this.#next % this.#nodes.length] ?? first;
    this.#next += 1;
    return { node, setCookie: formatSetCookie(ROUTE_COOKIE, LoadBalancer.routeOf(node), { path: '/', secure: this.#secure }) };
  }
}
