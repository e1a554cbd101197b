/**
 * `GET /monitoring/cluster` (HTML only on HAC): every node of the emulated cluster, the one serving
 * the request marked `currentNode`. Node ids are `node<i>`, as the load balancer's ROUTE values name them.
 */
import { escapeHtml } from '../../server/html.js';
import { htmlResponse } from '../http.js';
import { dataTable, renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

export function clusterRoute(nodes: number, startedAt = new Date()): ConsoleRoute {
  return {
    method: 'GET',
    path: '/monitoring/cluster',
    handle(request) {
      const rows = Array.from({ length: nodes }, (_, i) => {
        const id = `node${i}`;
        const current = id === request.nodeId ? ' class="currentNode"' : '';
        return `<tr data-node="${escapeHtml(id)}"${current}><td>${escapeHtml(id)}</td><td>${i}</td><td>running</td><td>${startedAt.toISOString()}</td></tr>`;
      });
      return htmlResponse(renderConsolePage(request, { title: 'Cluster', body: dataTable('clusterNodes', ['Node', 'Cluster ID', 'Status', 'Started'], rows) }));
    },
  };
}
