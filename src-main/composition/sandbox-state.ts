import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a kept Sandbox workspace lives, beside its cache: the simulator's state and the gateway's
 * inbox. The cache, the inbox and the state belong together (order ids, feed cursor, result
 * writes): one without the others is thrown away (see `sandboxIsKept`).
 */
export function sandboxStatePaths(workspaceDir: string) {
  const dir = join(workspaceDir, 'sandbox');
  return { dir, snapshot: join(dir, 'sandbox.json'), gatewayDb: join(dir, 'gateway.sqlite') };
}

/** Whether the Sandbox workspace in `workspaceDir` was kept from an earlier run. */
export function sandboxIsKept(workspaceDir: string): boolean {
  return existsSync(sandboxStatePaths(workspaceDir).snapshot);
}

/** Forgets a kept sandbox: its next start generates a new one. */
export function forgetSandbox(workspaceDir: string): void {
  rmSync(sandboxStatePaths(workspaceDir).dir, { recursive: true, force: true });
}
