/**
 * `GET /monitoring/cluster` (HTML only on HAC). The consoles are shared by all nodes and do not know
 * how many there are, so the page shows the node that serves the request, as a one-node cluster does.
 */
import { escapeHtml } from '../escape.js';
import { htmlResponse } from '../http.js';
import { dataTable, renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

export function clusterRoute(startedAt = new Date()): ConsoleRoute {
  return {
    method: 'GET',
    path: '/monitoring/cluster',
    handle(request) {
      const node = escapeHtml(request.nodeId);
      const nodeNumber = /\d+$/.exec(request.nodeId)?.[0] ?? '0';
      const row = `<tr data-node="${node}" class="currentNode"><td>${node}</td><td>${nodeNumber}</td><td>running</td><td>${startedAt.toISOString()}</td></tr>`;
      return htmlResponse(renderConsolePage(request, { title: 'Cluster', body: dataTable('clusterNodes', ['Node', 'Cluster ID', 'Status', 'Started'], [row]) }));
    },
  };
}
