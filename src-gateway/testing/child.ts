import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Runs `tsx src-gateway/cli.ts` as a child process, for the crash test and the benchmark (the
 * gateway must not share the sender's event loop). The child gets its own process group: tsx runs
 * the script in a grandchild node process, and `kill()` must reach that one, as `kill -9` of a
 * real deployment would.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;
const CLI = `${ROOT}src-gateway/cli.ts`;

/** Children still running; killed if this process exits first (e.g. a test run aborted). */
const live = new Set<() => void>();
process.once('exit', () => {
  for (const kill of live) kill();
});

export interface GatewayChild {
  url: string;
  process: ChildProcess;
  /** Resolves when the process (group leader) has exited. */
  exited: Promise<void>;
  kill(signal?: NodeJS.Signals): void;
}

export function spawnGatewayChild(options: {
  dbPath: string;
  webhookSecrets: string[];
  feedToken: string;
  /** 0 (default) picks a free port; a restart can pass the previous one to keep its URL. */
  port?: number;
  logLevel?: string;
  readyTimeoutMs?: number;
}): Promise<GatewayChild> {
  const port = String(options.port ?? 0);
  const child = spawn(TSX, [CLI, '--port', port, '--db', options.dbPath], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GATEWAY_WEBHOOK_SECRETS: options.webhookSecrets.join(','),
      GATEWAY_FEED_TOKEN: options.feedToken,
      GATEWAY_LOG_LEVEL: options.logLevel ?? 'warn',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const kill = (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => kill('SIGKILL');
  live.add(killOnExit);
  void exited.then(() => live.delete(killOnExit));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`gateway child not ready in time; stderr:\n${stderr}`));
    }, options.readyTimeoutMs ?? 30_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`gateway child exited before it was ready; stderr:\n${stderr}`));
    });
    // Keep reading stdout for the child's whole life so its logging never blocks on a full pipe.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"listening"')) return;
      try {
        const message = JSON.parse(line) as { event?: string; url?: string };
        if (message.event === 'listening' && message.url) {
          clearTimeout(timer);
          resolve({ url: message.url, process: child, exited, kill });
        }
      } catch {
        // a log line that merely mentions "listening"
      }
    });
  });
}
