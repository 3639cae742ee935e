import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import {
  DEFAULT_STACKONE_BASE_URL,
  DeskFailure,
  type SyncStatus,
  type Workspace,
} from '../../src-shared/contract';
import {
  COORDINATOR_INPUT_TABLES,
  openWorkspaceCache,
  type LinkedAccountInput,
  type WorkspaceCache,
} from '../cache';
import {
  markDatabaseClosed,
  markDatabaseOpen,
  markerPath,
  quickCheckDatabase,
  setDatabaseAside,
  type SetAside,
} from '../infra/db/database-file';
import { secretFor, type BoundSecret } from '../credentials/credential-store';
import type { EventBus } from '../infra/events/event-bus';
import type { Logger } from '../infra/logging/logger';
import type { StackOneEndpoint } from '../workspaces/connection-test';
import type { WorkspaceService } from '../workspaces/workspace-service';
import { Outbox, stackOneSender } from '../outbox';
import { PackageQueue } from '../packages/package-queue';
import { refreshUnmapped, TeamRecordsSync } from '../packages/team-sync';
import {
  createStackOneClient,
  NO_RETRY,
  RequestBudget,
  type StackOneClient,
  type StackOneClientOptions,
} from '../stackone';
import { createGatewayClient, type GatewayClient } from '../sync/gateway-client';
import { TeamSession } from '../sync/team-session';
import type { SyncTuning } from '../sync/pass-context';
import { SyncEngine, type OrderArrival, type StackOneHooks } from '../sync/sync-engine';
import { createCacheWriter, type CacheWriter } from '../sync/writer/cache-writer';
import type { EmbeddedSandboxSettings, EmbeddedServices } from './embedded-services';
import { forgetSandbox, sandboxIsKept } from './sandbox-state';

export interface RuntimeSyncOptions {
  /** Between passes (default 60 s). */
  intervalMs?: number;
  backoff?: { baseMs?: number; maxMs?: number };
  tuning?: Partial<SyncTuning>;
  /** Settings of the Sandbox workspace's embedded services, or false to not start them. */
  sandbox?: EmbeddedSandboxSettings | false;
  /** How often progress events go out during a pass (default 250 ms). */
  eventThrottleMs?: number;
  /** Passed to every StackOne client (tests shorten retries). */
  stackone?: Pick<StackOneClientOptions, 'retry' | 'timeoutMs'>;
}

export interface WorkspaceRuntimeOptions {
  userDataDir: string;
  resourcesDir: string;
  workspaces: WorkspaceService;
  bus: EventBus;
  logger: Logger;
  sync: RuntimeSyncOptions;
  /** A new Sandbox workspace (settings `history`) synced its orders the first time. */
  onSandboxGenerated?: (workspaceId: string) => Promise<void>;
  /** New orders from the active workspace's feed were stored (desktop notifications). */
  onOrdersArrived?: (workspaceId: string, orders: readonly OrderArrival[]) => void;
}

interface Active {
  workspace: Workspace;
  cachePath: string;
  cache: WorkspaceCache | null;
  /** Every write to the cache goes through it (the sync's and the handlers'). */
  writer: CacheWriter | null;
  /** Why the cache could not be opened, in plain words. */
  cacheProblem: string | null;
  /** The cache file is damaged: it stays closed until "Rebuild from server" sets it aside. */
  cacheDamaged: boolean;
  engine: SyncEngine | null;
  /** The StackOne clients of the linked accounts (null: why in stackoneProblem). */
  stackone: StackOneClientFactory | null;
  stackoneProblem: string | null;
  gateway: GatewayClient | null;
  gatewayProblem: string | null;
  services: EmbeddedServices | null;
  /** The result outbox; created with the cache, sending once the StackOne client is known. */
  outbox: Outbox | null;
  /** Team mode on the gateway (identity, result reports); null without a gateway. */
  team: TeamSession | null;
  /** Background-check package writes; created with the cache like the outbox. */
  packageQueue: PackageQueue | null;
  /** The team's catalog and mappings on the gateway (null: no gateway, see gatewayProblem). */
  teamRecords: TeamRecordsSync | null;
  /** Where results go (the preview's URL); null when StackOne is not set up. */
  stackoneBaseUrl: string | null;
  /** A Sandbox workspace generated at this open (none was kept). */
  freshSandbox: boolean;
  /** Settles when services and engine are up (or failed); stop() waits for it. */
  starting: Promise<void>;
  stopped: boolean;
}

/** The sync engine passes its hooks; a handler's client has none. */
type StackOneClientFactory = (accountId: string, hooks?: StackOneHooks) => StackOneClient;

function damagedCacheMessage(workspace: Workspace, detail: string): string {
  return (
    `The local cache of "${workspace.name}" is damaged (SQLite reports: ${detail}), most likely ` +
    'because the desk did not close cleanly last time. Open Settings and choose "Rebuild from ' +
    'server": the damaged file is kept aside and what you entered in it is exported first.'
  );
}

const NOT_OPEN = 'No workspace is open yet. Try again in a moment.';

/** The embedded sandbox is not StackOne: its budget is its own, not the 900/min of a real key. */
const SANDBOX_BUDGET = { limit: 100_000, windowMs: 60_000 };

/**
 * Runs the active workspace: its cache, its StackOne and gateway clients, its sync engine and, for
 * the Sandbox workspace, the embedded sandbox and gateway. The composition root hands its parts to
 * the handlers (see HandlerContext). Activating another workspace stops the old engine (in-flight
 * requests aborted), closes its cache and services, then opens the new one's. Switches are
 * serialised, so two quick switches never leave two engines writing.
 */
export class WorkspaceRuntime {
  private active: Active | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: WorkspaceRuntimeOptions) {
    this.unsubscribe = options.bus.subscribe((name, payload) => {
      if (name === 'workspaces:changed') {
        const { activeId } = payload as { activeId: string };
        if (!this.adoptIfConnectionUnchanged(activeId)) void this.activate(activeId);
      } else if (name === 'credentials:changed') {
        const { workspaceId } = payload as { workspaceId: string };
        if (this.active?.workspace.id === workspaceId) void this.activate(workspaceId);
      }
    });
  }

  /**
   * When `workspaceId` is the one running and nothing its engine connects with changed (a rename,
   * or an edit of another workspace), takes the stored settings over and returns true: no need to
   * abort its sync and reopen its cache. Returns false when the workspace must be (re)opened.
   */
  private adoptIfConnectionUnchanged(workspaceId: string): boolean {
    const active = this.active;
    if (!active || active.stopped || active.workspace.id !== workspaceId) return false;
    let stored: Workspace;
    try {
      stored = this.options.workspaces.get(workspaceId);
    } catch {
      return false;
    }
    const connection = (w: Workspace) =>
      JSON.stringify([w.stackoneBaseUrl, w.gatewayUrl, w.linkedAccounts]);
    if (connection(stored) !== connection(active.workspace)) return false;
    active.workspace = stored;
    return true;
  }

  /** Opens the currently active workspace (desk start). */
  start(): Promise<void> {
    return this.activate(this.options.workspaces.active().id);
  }

  /** Resolves once the latest requested switch has opened its cache. */
  async ready(): Promise<void> {
    await this.chain;
  }

  activate(workspaceId: string): Promise<void> {
    const next = this.chain.then(async () => {
      if (this.closed) return;
      await this.stopActive();
      let workspace: Workspace;
      try {
        workspace = this.options.workspaces.get(workspaceId);
      } catch (error) {
        this.options.logger.warn('cannot activate workspace', { workspaceId, err: error });
        return;
      }
      this.open(workspace);
    });
    this.chain = next.catch((error: unknown) => {
      this.options.logger.error('workspace switch failed', { workspaceId, err: error });
    });
    return this.chain;
  }

  /** The active workspace's cache; a DeskFailure when there is none (explains why). */
  async cache(): Promise<WorkspaceCache> {
    await this.ready();
    const active = this.active;
    if (!active?.cache) {
      throw new DeskFailure('unreachable', active?.cacheProblem ?? NOT_OPEN);
    }
    return active.cache;
  }

  /** The active workspace's cache writer: every write goes through it. */
  async writer(): Promise<CacheWriter> {
    await this.cache();
    return this.active!.writer!;
  }

  /** A StackOne client of the active workspace; a DeskFailure saying why when it has none. */
  async stackone(accountId: string): Promise<StackOneClient> {
    const active = await this.started();
    if (!active.stackone)
      throw new DeskFailure(
        'unreachable',
        active.stackoneProblem ?? active.cacheProblem ?? NOT_OPEN,
      );
    return active.stackone(accountId);
  }

  /** The active workspace's result outbox; a DeskFailure when its cache could not be opened. */
  async outbox(): Promise<{ outbox: Outbox; baseUrl: string | null }> {
    await this.cache();
    const active = this.active!;
    await active.starting;
    return { outbox: active.outbox!, baseUrl: active.stackoneBaseUrl };
  }

  /** The active workspace's package queue and team records (null with the reason: no gateway). */
  async packages(): Promise<{
    queue: PackageQueue;
    team: TeamRecordsSync | null;
    teamProblem: string | null;
  }> {
    await this.cache();
    const active = this.active!;
    await active.starting;
    return {
      queue: active.packageQueue!,
      team: active.teamRecords,
      teamProblem: active.teamRecords ? null : (active.gatewayProblem ?? NOT_OPEN),
    };
  }

  /** The active workspace's gateway client; a DeskFailure saying why when it has none. */
  async gateway(): Promise<GatewayClient> {
    const active = await this.started();
    if (!active.gateway)
      throw new DeskFailure(
        'unreachable',
        active.gatewayProblem ?? active.cacheProblem ?? NOT_OPEN,
      );
    return active.gateway;
  }

  /** The active workspace's team session; a DeskFailure saying why when it has no gateway. */
  async team(): Promise<TeamSession> {
    const active = await this.started();
    if (!active.team)
      throw new DeskFailure(
        'unreachable',
        active.gatewayProblem ?? active.cacheProblem ?? NOT_OPEN,
      );
    return active.team;
  }

  /** The active workspace once its services and clients are set up (or failed to be). */
  private async started(): Promise<Active> {
    await this.ready();
    const active = this.active;
    if (!active) throw new DeskFailure('unreachable', NOT_OPEN);
    await active.starting;
    return active;
  }

  async status(): Promise<SyncStatus> {
    await this.ready();
    const active = this.active;
    if (active?.engine) return active.engine.status();
    return {
      workspaceId: active?.workspace.id ?? '',
      state: 'error',
      lastSuccessAt: null,
      nextRunAt: null,
      intervalMs: this.options.sync.intervalMs ?? 60_000,
      offlineSince: null,
      sources: [],
      quarantined: active?.cache?.quarantine.count() ?? 0,
    };
  }

  /** Whether the active workspace's cache file is damaged, and why in plain words. */
  async cacheHealth(): Promise<{ workspaceId: string; damaged: boolean; problem: string | null }> {
    await this.ready();
    const active = this.active;
    return {
      workspaceId: active?.workspace.id ?? '',
      damaged: active?.cacheDamaged ?? false,
      problem: active?.cacheProblem ?? null,
    };
  }

  /**
   * "Rebuild from server" for a damaged cache: closes it, moves the file aside with its coordinator
   * input exported beside it (see COORDINATOR_INPUT_TABLES), and opens a new, empty cache, which
   * the engine fills with a full sync.
   */
  rebuildCache(): Promise<SetAside> {
    const next = this.chain.then(async () => {
      const active = this.active;
      if (!active?.cacheDamaged) {
        throw new DeskFailure(
          'conflict',
          'The local cache is not damaged; there is nothing to rebuild.',
        );
      }
      await this.stopActive();
      const result = setDatabaseAside(active.cachePath, COORDINATOR_INPUT_TABLES, new Date());
      this.options.logger.warn('damaged workspace cache set aside', {
        workspaceId: active.workspace.id,
        ...result,
      });
      this.open(active.workspace);
      return result;
    });
    this.chain = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /**
   * "Reset sandbox": throws the Sandbox workspace's kept state away (simulator, inbox, cache with
   * what was entered in it) and, when it is the active one, starts a new one at once.
   */
  resetSandbox(workspaceId: string): Promise<void> {
    const next = this.chain.then(async () => {
      const workspace = this.options.workspaces.get(workspaceId);
      if (workspace.kind !== 'sandbox') {
        throw new DeskFailure(
          'conflict',
          `"${workspace.name}" is not a sandbox; nothing was reset.`,
        );
      }
      const wasActive = this.active?.workspace.id === workspaceId;
      if (wasActive) await this.stopActive();
      const path = this.cachePathOf(workspaceId);
      forgetSandbox(dirname(path));
      removeCacheFiles(path);
      this.options.logger.info('sandbox reset', { workspaceId });
      if (wasActive) this.open(workspace);
    });
    this.chain = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /** "Sync now": starts a pass or joins the running one; false when no engine runs. */
  async runNow(full: boolean): Promise<boolean> {
    await this.ready();
    const active = this.active;
    if (!active) return false;
    await active.starting;
    if (!active.engine?.looping || active.stopped) return false;
    void active.engine.sync({ full });
    return true;
  }

  /** The engine of the active workspace once it runs (tests and the bench await passes on it). */
  async engine(): Promise<SyncEngine | null> {
    await this.ready();
    await this.active?.starting;
    return this.active?.engine ?? null;
  }

  /** For "Test connection" on the Sandbox workspace: its embedded StackOne, when running. */
  async embeddedEndpoint(workspace: Workspace): Promise<StackOneEndpoint | null> {
    await this.ready();
    const active = this.active;
    if (!active || active.workspace.id !== workspace.id) return null;
    await active.starting;
    const services = active.services;
    if (!services) return null;
    return {
      baseUrl: services.sandbox.url,
      apiKey: services.sandbox.apiKey,
      accountIds: services.accounts.map((a) => a.id),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    await this.chain;
    await this.stopActive();
  }

  private cachePathOf(workspaceId: string): string {
    return join(this.options.userDataDir, 'workspaces', workspaceId, 'cache.sqlite');
  }

  private open(workspace: Workspace): void {
    const path = this.cachePathOf(workspace.id);
    let cache: WorkspaceCache | null = null;
    let writer: CacheWriter | null = null;
    let cacheProblem: string | null = null;
    let cacheDamaged = false;
    const freshSandbox =
      workspace.kind === 'sandbox' &&
      this.options.sync.sandbox !== false &&
      !sandboxIsKept(dirname(path));
    try {
      // The Sandbox workspace is kept across switches and restarts (its state and inbox beside
      // the cache). A new one is generated when none was kept: a cache from another sandbox
      // would pair its order ids with the new one's, so it starts empty; nothing in it was real.
      if (freshSandbox) removeCacheFiles(path);
      mkdirSync(dirname(path), { recursive: true });
      // After an unclean exit the file may hold a torn write: check it before anything reads it.
      if (markDatabaseOpen(path) && existsSync(path)) {
        const check = quickCheckDatabase(path);
        if (!check.ok) {
          cacheDamaged = true;
          cacheProblem = damagedCacheMessage(workspace, check.detail);
          this.options.logger.error('workspace cache failed its quick check', {
            workspaceId: workspace.id,
            detail: check.detail,
          });
        }
      }
      if (!cacheDamaged) {
        cache = openWorkspaceCache(path);
        writer = createCacheWriter(cache);
      }
    } catch (error) {
      this.options.logger.error('workspace cache could not be opened', {
        workspaceId: workspace.id,
        err: error,
      });
      const detail = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: unknown } | null)?.code;
      cacheDamaged = code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
      cacheProblem = cacheDamaged
        ? damagedCacheMessage(workspace, detail)
        : `The local cache of "${workspace.name}" could not be opened (${detail}).`;
    }
    const active: Active = {
      workspace,
      cachePath: path,
      cache,
      writer,
      cacheProblem,
      cacheDamaged,
      engine: null,
      stackone: null,
      stackoneProblem: null,
      gateway: null,
      gatewayProblem: null,
      services: null,
      outbox: null,
      packageQueue: null,
      teamRecords: null,
      team: null,
      stackoneBaseUrl: null,
      freshSandbox,
      starting: Promise.resolve(),
      stopped: false,
    };
    this.active = active;
    if (!cache || !writer) return;
    active.outbox = new Outbox({
      workspaceId: workspace.id,
      cache,
      writer,
      logger: this.options.logger,
      osUser: osUserName(),
      onChange: (status, orderIds) => {
        this.options.bus.emit('outbox:changed', { ...status, orderIds });
        // A job may have been sent or parked: the team hears of it now, not at the next interval.
        void active.team?.wake();
        if (orderIds.length > 0) {
          this.options.bus.emit('data:changed', { workspaceId: workspace.id, tables: ['orders'] });
        }
      },
    });
    active.packageQueue = new PackageQueue({
      cache,
      writer,
      logger: this.options.logger,
      onChange: (tables) =>
        this.options.bus.emit('data:changed', { workspaceId: workspace.id, tables }),
    });
    // Services and credentials can take a while (a keychain prompt, the sandbox's data): reads
    // of the cache do not wait for them.
    active.starting = this.startSync(active, cache, writer).catch((error: unknown) => {
      this.options.logger.error('sync could not start', { workspaceId: workspace.id, err: error });
    });
  }

  private async startSync(
    active: Active,
    cache: WorkspaceCache,
    writer: CacheWriter,
  ): Promise<void> {
    const { workspace } = active;
    const sync = this.options.sync;
    let accounts: LinkedAccountInput[];
    let gateway: GatewayClient | null = null;
    let stackone: StackOneClientFactory | null = null;
    let gatewayProblem: string | null = null;
    let stackoneProblem: string | null = null;
    let outboxClients: ((accountId: string) => StackOneClient) | null = null;
    let baseUrl: string | null = null;
    // One client per account for the engine (with its retry hooks), one for the handlers
    // (without) and one for the outbox (no retries: it stores and schedules every attempt itself).
    // They share the account's request budget (per API key, or the sandbox's).
    const clients = new Map<string, StackOneClient>();
    const clientFactory =
      (
        base: Omit<StackOneClientOptions, 'accountId'>,
        retry?: StackOneClientOptions['retry'],
      ): StackOneClientFactory =>
      (accountId, hooks) => {
        const key = `${retry ? 'outbox' : hooks ? 'sync' : 'handlers'}:${accountId}`;
        let client = clients.get(key);
        if (!client) {
          client = createStackOneClient({
            ...base,
            ...sync.stackone,
            ...hooks,
            ...(retry && { retry }),
            accountId,
          });
          clients.set(key, client);
        }
        return client;
      };
    const useClients = (base: Omit<StackOneClientOptions, 'accountId'>) => {
      stackone = clientFactory(base);
      outboxClients = clientFactory(base, NO_RETRY);
      baseUrl = base.baseUrl ?? DEFAULT_STACKONE_BASE_URL;
    };

    if (workspace.kind === 'sandbox') {
      if (sync.sandbox === false) {
        accounts = cache.accounts.list();
        gatewayProblem = stackoneProblem =
          'The embedded sandbox is turned off in this run of the desk; the cached data stays readable.';
      } else {
        // Loaded on demand: the sandbox and gateway (fastify, ajv, the data generator) are only
        // needed by the Sandbox workspace, and would slow every desk start otherwise.
        const { startEmbeddedServices } = await import('./embedded-services');
        let services: EmbeddedServices | null = null;
        try {
          services = await startEmbeddedServices({
            settings: sync.sandbox ?? {},
            resourcesDir: this.options.resourcesDir,
            logger: this.options.logger,
            workspaceDir: dirname(active.cachePath),
          });
        } catch (error) {
          // Shown on every source, like a missing key: the cache stays readable meanwhile.
          this.options.logger.error('the embedded sandbox could not start', { err: error });
          gatewayProblem = stackoneProblem = error instanceof Error ? error.message : String(error);
        }
        if (active.stopped) {
          await services?.close();
          return;
        }
        active.services = services;
        accounts = services?.accounts ?? cache.accounts.list();
        if (services) {
          gateway = createGatewayClient({
            baseUrl: services.gateway.url,
            token: services.feedToken,
          });
          useClients({
            baseUrl: services.sandbox.url,
            apiKey: services.sandbox.apiKey,
            budget: new RequestBudget(SANDBOX_BUDGET),
          });
        }
      }
    } else {
      accounts = workspace.linkedAccounts.map((a) => ({
        id: a.id,
        name: a.label ?? a.id,
        provider: a.provider ?? '',
      }));
      const [apiKey, token] = await Promise.all([
        this.secret(workspace.id, 'stackone_api_key'),
        this.secret(workspace.id, 'gateway_token'),
      ]);
      if (active.stopped) return;
      if (apiKey.problem !== null) stackoneProblem = apiKey.problem;
      else if (apiKey.value === null) {
        stackoneProblem =
          'No StackOne API key is stored for this workspace. Enter one in Settings to sync jobs, candidates and applications.';
      } else {
        const baseUrl = workspace.stackoneBaseUrl ?? DEFAULT_STACKONE_BASE_URL;
        useClients({ baseUrl, apiKey: secretFor(apiKey.value, baseUrl) });
      }
      if (!workspace.gatewayUrl) {
        gatewayProblem =
          'No order gateway address is set for this workspace, so no orders can arrive. Add it in Settings.';
      } else if (token.problem !== null) gatewayProblem = token.problem;
      else if (token.value === null) {
        gatewayProblem =
          'No gateway token is stored for this workspace. Enter it in Settings to receive orders.';
      } else {
        gateway = createGatewayClient({
          baseUrl: workspace.gatewayUrl,
          token: secretFor(token.value, workspace.gatewayUrl),
        });
      }
    }

    active.stackone = stackone;
    active.stackoneProblem = stackoneProblem;
    active.gateway = gateway;
    active.gatewayProblem = gatewayProblem;
    if (gateway) {
      active.team = new TeamSession({
        gateway,
        cache,
        writer,
        logger: this.options.logger,
        intervalMs: sync.intervalMs ?? 60_000,
        onIdentity: (identity) => this.options.bus.emit('team:identity-changed', identity),
      });
      active.team.start();
    }
    active.stackoneBaseUrl = baseUrl;
    if (active.outbox) {
      const clients = outboxClients as ((accountId: string) => StackOneClient) | null;
      // Not awaited: the sync does not wait for the outbox's recovery; a failure here is logged,
      // and jobs wait. stop() makes a start still in progress stop at once.
      void active.outbox
        .start(
          clients
            ? { sender: stackOneSender(clients) }
            : { problem: stackoneProblem ?? 'StackOne is not set up for this workspace.' },
        )
        .catch((error: unknown) => {
          this.options.logger.error('outbox could not start', {
            workspaceId: workspace.id,
            err: error,
          });
        });
    }
    if (gateway) {
      active.teamRecords = new TeamRecordsSync({
        cache,
        writer,
        gateway,
        now: () => new Date(),
        logger: this.options.logger,
        onChange: (tables) =>
          this.options.bus.emit('data:changed', { workspaceId: workspace.id, tables }),
      });
    }
    const packageClients = outboxClients as ((accountId: string) => StackOneClient) | null;
    void active.packageQueue
      ?.start(
        packageClients
          ? { clients: packageClients }
          : { problem: stackoneProblem ?? 'StackOne is not set up for this workspace.' },
      )
      .catch((error: unknown) => {
        this.options.logger.error('package queue could not start', {
          workspaceId: workspace.id,
          err: error,
        });
      });
    const teamRecords = active.teamRecords;
    const engine = new SyncEngine({
      workspaceId: workspace.id,
      cache,
      writer,
      accounts,
      gateway,
      stackone,
      gatewayProblem,
      stackoneProblem,
      intervalMs: sync.intervalMs,
      backoff: sync.backoff,
      tuning: sync.tuning,
      eventThrottleMs: sync.eventThrottleMs,
      logger: this.options.logger,
      onStatus: (status) => this.options.bus.emit('sync:status-changed', status),
      onDataChanged: (tables) =>
        this.options.bus.emit('data:changed', { workspaceId: workspace.id, tables }),
      onOrdersArrived: (orders) => this.options.onOrdersArrived?.(workspace.id, orders),
      // The team's records ride on the order lane (same gateway); orders that arrived get their
      // unmapped flag after the pass that brought them.
      afterPass: async (lane, touched) => {
        if (lane === 'orders' && teamRecords) await teamRecords.sync();
        // New orders get their flag; new job postings may map old orders: all are checked again.
        if (!touched.has('orders') && !touched.has('job_postings')) return;
        const onlyNew = !touched.has('job_postings');
        if ((await refreshUnmapped({ cache, writer }, onlyNew)) > 0) {
          this.options.bus.emit('data:changed', { workspaceId: workspace.id, tables: ['orders'] });
        }
      },
    });
    active.engine = engine;
    if (gateway === null && stackone === null) {
      // Nothing can run: show why once instead of failing on every interval.
      engine.markSetupProblem({
        orders: gatewayProblem ?? 'Sync is not configured.',
        stackone: stackoneProblem ?? 'Sync is not configured.',
      });
      return;
    }
    engine.start();
    const onGenerated = this.options.onSandboxGenerated;
    if (active.freshSandbox && sync.sandbox && sync.sandbox.history && onGenerated) {
      // After the first pass stored the orders (sync() joins the passes start() began).
      void engine
        .sync()
        .then((result) => (result.ok && !active.stopped ? onGenerated(workspace.id) : undefined))
        .catch((error: unknown) => {
          this.options.logger.warn('the sandbox history could not be played', { err: error });
        });
    }
  }

  private async secret(
    workspaceId: string,
    kind: 'stackone_api_key' | 'gateway_token',
  ): Promise<{ value: BoundSecret | null; problem: string | null }> {
    try {
      return { value: await this.options.workspaces.readSecret(workspaceId, kind), problem: null };
    } catch (error) {
      // KeychainError messages are written for the coordinator (locked, unavailable, timed out).
      const message = error instanceof Error ? error.message : String(error);
      return { value: null, problem: message };
    }
  }

  private async stopActive(): Promise<void> {
    const active = this.active;
    if (!active) return;
    this.active = null;
    active.stopped = true;
    await active.engine?.stop();
    await active.starting;
    await active.engine?.stop();
    active.team?.stop();
    await active.outbox?.stop();
    await active.packageQueue?.stop();
    // What was written is committed and the writer's connection closed before the cache's own
    // close() checkpoints the WAL.
    await active.writer?.close();
    try {
      if (active.cache) {
        active.cache.close();
        markDatabaseClosed(active.cachePath);
      }
    } catch (error) {
      this.options.logger.warn('closing the workspace cache failed', { err: error });
    }
    await active.services?.close().catch((error: unknown) => {
      this.options.logger.warn('stopping the embedded services failed', { err: error });
    });
  }
}

function removeCacheFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  rmSync(markerPath(path), { force: true });
}

/** The OS account name for the outbound log ("who sent it"); unknown when the OS will not say. */
function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
