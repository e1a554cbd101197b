/**
 * `POST /console/scripting/execute`: registered handlers first (newest first), then the built-in
 * Groovy subset. `beanshell` and `javascript` run the same subset: enough for clients that only
 * pass the type through.
 */
import { badRequest, jsonResponse } from '../http.js';
import type { DataEngine } from '../../data/engine-types.js';
import type { ConsoleRoute, ScriptAnswer, ScriptHandler, ScriptInvocation } from '../route-types.js';
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
  async run(invocation: ScriptInvocation): Promise<ScriptAnswer | undefined> {
    for (const handler of [...this.handlers]) {
      const answer = await handler(invocation);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }
}

export function scriptingRoute(engine: DataEngine, registry: ScriptRegistry): ConsoleRoute {
  return {
    method: 'POST',
    path: '/console/scripting/execute',
    async handle(request) {
      const scriptType = request.form.get('scriptType');
      if (scriptType === null || !SCRIPT_TYPES.has(scriptType as ScriptInvocation['scriptType'])) {
        return badRequest(scriptType === null
          ? "Required request parameter 'scriptType' for method parameter type String is not present"
          : `Unsupported script type: ${scriptType}`);
      }
      const invocation: ScriptInvocation = {
        script: request.form.get('script') ?? '',
        scriptType: scriptType as ScriptInvocation['scriptType'],
        commit: request.form.get('commit') === 'true',
        username: request.username,
      };
      const answer = (await registry.run(invocation))
        ?? runGroovySubset(invocation.script, { engine, username: request.username });
      return jsonResponse({ executionResult: answer.executionResult, outputText: answer.outputText, stacktraceText: answer.stacktraceText });
    },
  };
}
