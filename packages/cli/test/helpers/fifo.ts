/** Named pipes (`mkfifo`) fed by the test process: what `<(…)` gives a command, without a shell. */
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';

export interface Fifo {
  readonly path: string;
  /** Wait for the writer; if no reader ever opened the pipe, open it here so the writer is not left blocked. */
  settle(): Promise<void>;
}

/** Create a FIFO at `path` and start writing `content` to it (the write completes once a reader opens it). */
export function fifoWith(path: string, content: string): Fifo {
  execFileSync('mkfifo', [path]);
  let done = false;
  const written = writeFile(path, content).then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  return {
    path,
    async settle() {
      if (done) return;
      const reader = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      await written;
      await reader.close();
    },
  };
}
