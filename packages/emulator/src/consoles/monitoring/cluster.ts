/**
 * `GET /monitoring/cluster` (HTML only on HAC). The consoles are shared by all nodes and do not know
 * how many there are, so the page shows the node that serves the request, as a one-node cluster does.
 */
import { escapeHtml } from '../escape.js';
import { htmlResponse } from '../http.js';
import { renderPage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

export function clusterRoute(startedAt = new Date()): ConsoleRoute {
  return {
    method: 'GET',
    path: '/monitoring/cluster',
    handle(request) {
      const node = escapeHtml(request.nodeId);
      const nodeNumber = /\d+$/.exec(request.nodeId)?.[0] ?? '0';
      const content = `<div class="prepend-top span-17 colborder" id="content">
\t<h2>Cluster</h2>
\t<table id="clusterNodes">
\t\t<thead><tr><th>Node</th><th>Cluster ID</th><th>Status</th><th>Started</th></tr></thead>
\t\t<tbody>
\t\t<tr data-node="${node}" class="currentNode"><td>${node}</td><td>${nodeNumber}</td><td>running</td><td>${startedAt.toISOString()}</td></tr>
\t\t</tbody>
\t</table>
</div>`;
      return htmlResponse(renderPage(request, { title: 'Cluster', content }));
    },
  };
}
