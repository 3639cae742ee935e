import { isStaticPackageProvider, type DataTable } from '../../src-shared/contract';
import type { CatalogRecord, MappingRecord } from '../../src-shared/contract';
import type { WorkspaceCache } from '../cache';
import type { GatewayClient } from '../sync/gateway-client';
import type { Logger } from '../infra/logging/logger';
import type { CacheWriter } from '../sync/writer/cache-writer';
import {
  catalogChanges,
  mappingChanges,
  type CachedCatalogEntry,
  type CachedMapping,
  type FlushOutcome,
} from './team-records-repository';

/** Mapping writes per gateway request. */
const MAPPING_BATCH = 500;

interface TeamSyncDeps {
  cache: WorkspaceCache;
  writer: Pick<CacheWriter, 'run'>;
  gateway: GatewayClient;
  now: () => Date;
  signal?: AbortSignal;
}

const record = (e: CachedCatalogEntry): CatalogRecord => ({
  id: e.id,
  name: e.name,
  description: e.description,
  type: e.type,
  turnaroundHours: e.turnaroundHours,
  archived: e.archived,
  version: e.version,
  updatedAt: e.updatedAt,
  updatedBy: e.updatedBy,
});

const mapping = (m: CachedMapping): MappingRecord => ({
  accountId: m.accountId,
  target: m.target,
  targetId: m.targetId,
  packageId: m.packageId,
  version: m.version,
  updatedAt: m.updatedAt,
  updatedBy: m.updatedBy,
});

/**
 * A refused write whose "current" record already holds exactly what this desk sent is this desk's
 * own earlier write whose answer was lost (a timeout, then a retry): it counts as written.
 */
function settled<R extends { version: number }>(
  outcome: { status: 'written'; record: R } | { status: 'conflict'; current: R | null },
  mine: R,
  dirty: number,
  changes: (a: R, b: R | null) => string[],
): FlushOutcome<R> {
  if (outcome.status === 'written') return { ...outcome, dirtyWhenSent: dirty };
  if (outcome.current && changes(mine, outcome.current).length === 0) {
    return { status: 'written', record: outcome.current, dirtyWhenSent: dirty };
  }
  return { status: 'conflict', current: outcome.current, mine, dirtyWhenSent: dirty };
}

/**
 * Sends every local edit of the team's records to the gateway, each based on the version it was
 * made on; the gateway's answers (new versions, or conflicts with what it holds) are stored in one
 * transaction. Throws when the gateway cannot be reached: the edits stay dirty and go next time.
 */
export async function flushTeamWrites(deps: TeamSyncDeps): Promise<boolean> {
  const { cache, gateway, signal } = deps;
  const catalog: FlushOutcome<CatalogRecord>[] = [];
  for (const entry of cache.teamRecords.dirtyCatalog()) {
    const mine = record(entry);
    const outcome = await gateway.writeCatalogEntry(
      entry.id,
      {
        name: entry.name,
        description: entry.description,
        type: entry.type,
        turnaroundHours: entry.turnaroundHours,
        archived: entry.archived,
        baseVersion: entry.version,
      },
      { signal },
    );
    catalog.push(settled(outcome, mine, entry.dirty, catalogChanges));
  }
  const mappings: FlushOutcome<MappingRecord>[] = [];
  const dirty = cache.teamRecords.dirtyMappings(100_000);
  for (let i = 0; i < dirty.length; i += MAPPING_BATCH) {
    const batch = dirty.slice(i, i + MAPPING_BATCH);
    const outcomes = await gateway.writeMappings(
      batch.map((m) => ({
        accountId: m.accountId,
        target: m.target,
        targetId: m.targetId,
        packageId: m.packageId,
        baseVersion: m.version,
      })),
      { signal },
    );
    batch.forEach((m, j) => {
      const outcome = outcomes[j];
      if (outcome) mappings.push(settled(outcome, mapping(m), m.dirty, mappingChanges));
    });
  }
  if (catalog.length === 0 && mappings.length === 0) return false;
  await deps.writer.run('settleTeamWrites', {
    catalog,
    mappings,
    at: deps.now().toISOString(),
  });
  return true;
}

/**
 * One sync of the team's records: local edits go out first, then what changed on the gateway
 * since the stored revisions (and the published catalog) comes in. Returns the tables that changed.
 */
export async function syncTeamRecords(deps: TeamSyncDeps): Promise<DataTable[]> {
  const { cache, gateway, signal } = deps;
  const flushed = await flushTeamWrites(deps);
  const publishedBefore = cache.teamRecords.published().version;
  const [catalog, mappings, published] = await Promise.all([
    gateway.readCatalogEntries(cache.teamRecords.revision('catalog'), { signal }),
    gateway.readMappings(cache.teamRecords.revision('mappings'), { signal }),
    gateway.getCatalog({ signal }),
  ]);
  const applied = await deps.writer.run('applyTeamRecords', {
    catalog,
    mappings,
    published: {
      version: published.version,
      publishedAt: published.publishedAt,
      packages: published.packages.map(({ id, name, description }) => ({ id, name, description })),
    },
    at: deps.now().toISOString(),
  });
  const tables: DataTable[] = [];
  if (flushed || applied.catalog > 0 || published.version !== publishedBefore)
    tables.push('catalog');
  if (flushed || applied.mappings > 0) tables.push('mappings');
  if (flushed || applied.mappings > 0) {
    if ((await refreshUnmapped(deps)) > 0) tables.push('orders');
  }
  return tables;
}

/**
 * Recomputes the orders' unmapped flags from the mappings (`onlyNew`: just the orders that arrived
 * since the last refresh); returns how many changed.
 */
export async function refreshUnmapped(
  deps: Pick<TeamSyncDeps, 'cache' | 'writer'>,
  onlyNew = false,
): Promise<number> {
  const accounts = deps.cache.accounts.list();
  return deps.writer.run('refreshUnmapped', {
    staticAccounts: accounts.filter((a) => isStaticPackageProvider(a.provider)).map((a) => a.id),
    otherAccounts: accounts.filter((a) => !isStaticPackageProvider(a.provider)).map((a) => a.id),
    onlyNew,
  });
}

/**
 * The team records of one workspace: one sync at a time (a handler's "send my edit now" and the
 * sync loop's pass share it), and the tables it changed told to the views.
 */
export class TeamRecordsSync {
  private running: Promise<DataTable[]> | null = null;
  private again = false;

  constructor(
    private readonly deps: TeamSyncDeps & {
      logger: Logger;
      onChange: (tables: DataTable[]) => void;
    },
  ) {}

  /** Runs a sync (or joins the running one and runs once more after it). */
  async sync(): Promise<DataTable[]> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      const tables = new Set<DataTable>();
      try {
        do {
          this.again = false;
          for (const t of await syncTeamRecords(this.deps)) tables.add(t);
        } while (this.again);
      } finally {
        this.running = null;
        if (tables.size > 0) this.deps.onChange([...tables]);
      }
      return [...tables];
    })();
    this.running = run;
    return run;
  }

  /** Sends local edits now if the gateway answers; otherwise they wait for the next sync. */
  soon(): void {
    this.sync().catch((error: unknown) => {
      this.deps.logger.info('team records: the gateway did not take the edits yet', {
        err: error,
      });
    });
  }
}
