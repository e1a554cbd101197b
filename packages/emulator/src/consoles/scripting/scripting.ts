/**
 * `POST /console/scripting/execute`: registered handlers first (newest first), then the built-in
 * Groovy subset. `beanshell` and `javascript` run the same subset: enough for clients that only
 * pass the type through. When the engine itself fails (a `ScriptingException`: a handler's
 * `ScriptEngineFailure`, or a script type without an engine) HAC's scripting facade answers `{}`.
 */
import { escapeHtml } from '../../server/html.js';
import { badRequest, htmlResponse, jsonResponse } from '../http.js';
import { renderConsolePage } from '../pages/layout.js';
import type { DataEngine } from '../../data/engine-types.js';
import type { ConsoleRequest, ConsoleRoute, ScriptHandler, ScriptInvocation, ScriptResult } from '../route-types.js';
import { runGroovySubset } from './groovy-subset/index.js';

const SCRIPT_TYPES = new Set<ScriptInvocation['scriptType']>(['groovy', 'beanshell', 'javascript']);

export class ScriptRegistry {
  private handlers: ScriptHandler[] = [];

  register(handler: ScriptHandler): () => void {
    this.handlers = [handler, ...this.handlers];
    return () => {
      this.handlers = this.handlers.filter((h) => h !== handler);
    };
  }

  /** Handlers registered later are asked first; the first non-undefined answer wins. */
  async run(invocation: ScriptInvocation): Promise<ScriptResult | undefined> {
    for (const handler of [...this.handlers]) {
      const answer = await handler(invocation);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }
}

export function scriptingRoutes(engine: DataEngine, registry: ScriptRegistry): ConsoleRoute[] {
  return [
    { method: 'GET', path: '/console/scripting', handle: (request) => htmlResponse(renderScriptingPage(request)) },
    {
      method: 'POST',
      path: '/console/scripting/execute',
      async handle(request) {
        const scriptType = request.form.get('scriptType');
        if (scriptType === null) return badRequest("Required request parameter 'scriptType' for method parameter type String is not present");
        // No engine for the type: a ScriptingException, which HAC's scripting facade turns into {}.
        if (!SCRIPT_TYPES.has(scriptType as ScriptInvocation['scriptType'])) return jsonResponse({});
        const invocation: ScriptInvocation = {
          script: request.form.get('script') ?? '',
          scriptType: scriptType as ScriptInvocation['scriptType'],
          commit: request.form.get('commit') === 'true',
          username: request.username,
        };
        const answer = (await registry.run(invocation))
          ?? runGroovySubset(invocation.script, { engine, username: request.username });
        if ('scriptingException' in answer) return jsonResponse({});
        return jsonResponse({ executionResult: answer.executionResult, outputText: answer.outputText, stacktraceText: answer.stacktraceText });
      },
    },
  ];
}

function renderScriptingPage(request: ConsoleRequest): string {
  const body = `\t<form id="scriptForm" method="post" action="${request.contextPath}/console/scripting/execute">
\t\t<input type="hidden" name="_csrf" value="${escapeHtml(request.csrfToken)}"/>
\t\t<div id="textarea-container"><textarea id="script" name="script"></textarea></div>
\t\t<select id="scriptType" name="scriptType">${[...SCRIPT_TYPES].map((t) => `<option value="${t}"${t === 'groovy' ? ' selected="selected"' : ''}>${t}</option>`).join('')}</select>
\t\t<label><input type="checkbox" id="commitCheckbox" name="commit" value="true"/> Commit</label>
\t\t<button id="executeButton" type="submit">Execute</button>
\t</form>
\t<div id="tabs"><div id="outputTab"><pre id="outputText"></pre></div><div id="resultTab"><pre id="executionResult"></pre></div><div id="stacktraceTab"><pre id="stacktraceText"></pre></div></div>`;
  return renderConsolePage(request, { title: 'Scripting Languages', urls: { executeUrl: '/console/scripting/execute' }, body });
}
