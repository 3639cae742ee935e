import type { SyncStatus } from '../../src-shared/contract';
import type { WorkspaceCache } from '../cache';
import type { CacheWriter } from '../sync/writer/cache-writer';
import type { EventBus } from '../infra/events/event-bus';
import type { Logger } from '../infra/logging/logger';
import type { Outbox } from '../outbox';
import type { PackageQueue } from '../packages/package-queue';
import type { TeamRecordsSync } from '../packages/team-sync';
import type { StackOneClient } from '../stackone';
import type { GatewayClient } from '../sync/gateway-client';
import type { TeamSession } from '../sync/team-session';
import type { EmbeddedEndpointResolver } from '../workspaces/connection-test';
import type { WorkspaceService } from '../workspaces/workspace-service';

/**
 * Everything a use case may reach, handed to every handler factory by the composition root. The
 * active workspace's parts are functions: a workspace switch replaces them, and each waits for the
 * switch in progress. When a part is missing (no cache, no key, no gateway address) it rejects with
 * DeskFailure('unreachable') and a message that says why, written for the coordinator.
 */
export interface HandlerContext {
  app: { version: string; runtime: 'electron' | 'preview' | 'test' };
  /** The active workspace's cache. */
  cache(): Promise<WorkspaceCache>;
  /** The active workspace's one write path: every write of a use case goes through it. */
  writer(): Promise<CacheWriter>;
  /** A StackOne client of the active workspace for one of its linked accounts. */
  stackone(accountId: string): Promise<StackOneClient>;
  /** The active workspace's result outbox, and the StackOne base URL results go to (null: not set up). */
  outbox(): Promise<{ outbox: Outbox; baseUrl: string | null }>;
  /**
   * The active workspace's background-check package queue, and its team records sync (null when
   * the workspace has no gateway; teamProblem says why).
   */
  packages(): Promise<{
    queue: PackageQueue;
    team: TeamRecordsSync | null;
    teamProblem: string | null;
  }>;
  /** The active workspace's order gateway. */
  gateway(): Promise<GatewayClient>;
  /** The active workspace's team session on that gateway (who this desk is, result reports). */
  team(): Promise<TeamSession>;
  /** The active workspace's sync loop. */
  sync: {
    status(): Promise<SyncStatus>;
    /** Starts a pass or joins the running one; false when no engine runs. */
    runNow(full: boolean): Promise<boolean>;
    /** Whether the cache file is damaged (checked after an unclean exit), and why. */
    cacheHealth(): Promise<{ workspaceId: string; damaged: boolean; problem: string | null }>;
    /** Sets a damaged cache aside (its coordinator input exported) and syncs a new one. */
    rebuildCache(): Promise<{ movedTo: string; exportedTo: string }>;
    /** Forgets a Sandbox workspace's kept state; a new one starts (at once when active). */
    resetSandbox(workspaceId: string): Promise<void>;
  };
  /** The Sandbox workspace's embedded StackOne, for "Test connection". */
  embeddedEndpoint: EmbeddedEndpointResolver;
  workspaces: WorkspaceService;
  /** The desktop-notification setting (this desk's, for every workspace). */
  notifications: { enabled(): boolean; setEnabled(enabled: boolean): void };
  bus: EventBus;
  logger: Logger;
  now(): Date;
}
