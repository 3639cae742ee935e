import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A child process (a TypeScript file run with tsx) that reports on stdout one JSON object per
 * line, each with an `event` name. For crash tests: the parent waits for a report, then kills.
 */
export interface LineChild {
  process: ChildProcess;
  exited: Promise<void>;
  /** Every line seen, in order (consumed or not). */
  seen: Record<string, unknown>[];
  /** Resolves with the next unread line whose event is `event`. */
  next(event: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The last line seen whose event is `event`, read or not. */
  last(event: string): Record<string, unknown> | undefined;
  /** Forgets the lines not read yet. */
  clear(): void;
  /** SIGKILL, resolved once the process is gone. */
  kill9(): Promise<void>;
}

export function spawnLineChild(script: string, env: Record<string, string>): LineChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const unread: Record<string, unknown>[] = [];
  const seen: Record<string, unknown>[] = [];
  let wake: (() => void) | null = null;
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      const line = JSON.parse(text) as Record<string, unknown>;
      unread.push(line);
      seen.push(line);
    } catch {
      return;
    }
    wake?.();
  });
  return {
    process: child,
    exited,
    seen,
    async next(event, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = unread.findIndex((l) => l.event === event);
        if (index >= 0) return unread.splice(index, 1)[0]!;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`child exited before "${event}"`);
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`child sent no "${event}" within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
          void exited.then(wake);
        });
      }
    },
    last(event) {
      return seen.findLast((l) => l.event === event);
    },
    clear() {
      unread.length = 0;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
