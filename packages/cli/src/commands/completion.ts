/** `hac completion bash|zsh|fish`: shell completion generated from the command tree. */
import { Argument, type Command } from 'commander';
import { withExamples } from '../help.js';
import type { CoreRuntime } from '../runtime.js';

export function register(program: Command, runtime: CoreRuntime): void {
  withExamples(
    program
      .command('completion')
      .description('print a shell completion script (commands, options, environment and endpoint names)')
      .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
      .action(async (shell: 'bash' | 'zsh' | 'fish') => {
        const { completionTree } = await import('../completion/tree.js');
        const tree = completionTree(program);
        const script =
          shell === 'bash'
            ? (await import('../completion/bash.js')).bashScript(tree)
            : shell === 'zsh'
              ? (await import('../completion/zsh.js')).zshScript(tree)
              : (await import('../completion/fish.js')).fishScript(tree);
        runtime.output.data(script);
      }),
    [
      "echo 'source <(hac completion bash)' >> ~/.bashrc",
      'hac completion zsh > "${fpath[1]}/_hac"',
      'hac completion fish > ~/.config/fish/completions/hac.fish',
    ],
  );
}
