import type {
  CatalogRecord,
  CatalogValues,
  MappingRecord,
  MappingTarget,
  PublishedPackage,
} from '../../src-shared/contract';
import type { SqliteDatabase } from '../infra/db/open-database';

/**
 * The cached copy of the team's catalog entries and mappings (the gateway is the source of truth;
 * see migration 0010 and src-shared/contract/commands/packages.ts), and the unmapped flag of
 * static-package orders. Reads run on the main connection; every method that writes is called by
 * the cache writer (src-main/sync/writer/write-operations.ts).
 */

export interface Conflict<R> {
  mine: R;
  theirs: R | null;
  changedFields: string[];
  at: string;
}

export interface CachedCatalogEntry extends CatalogRecord {
  dirty: number;
  conflict: Conflict<CatalogRecord> | null;
}

export interface CachedMapping extends MappingRecord {
  dirty: number;
  conflict: Conflict<MappingRecord> | null;
}

export interface PublishedCatalog {
  version: number;
  publishedAt: string | null;
  packages: PublishedPackage[];
}

/** What a flush learnt about one dirty row from the gateway. */
export type FlushOutcome<R> =
  | { status: 'written'; record: R; dirtyWhenSent: number }
  | { status: 'conflict'; current: R | null; mine: R; dirtyWhenSent: number };

export interface MappingKey {
  accountId: string;
  target: MappingTarget;
  targetId: string;
}

export interface TargetRow {
  target: 'job_posting' | 'job';
  id: string;
  title: string | null;
  job_id: string | null;
  status: string | null;
  updated_at: string | null;
  unmapped_orders: number;
}

interface CatalogRow {
  id: string;
  name: string;
  description: string | null;
  type: string | null;
  turnaround_hours: number | null;
  archived: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
  dirty: number;
  conflict_json: string | null;
}

interface MappingRow {
  account_id: string;
  target: MappingTarget;
  target_id: string;
  package_id: string | null;
  version: number;
  updated_at: string;
  updated_by: string | null;
  dirty: number;
  conflict_json: string | null;
}

const CATALOG_FIELDS = ['name', 'description', 'type', 'turnaroundHours', 'archived'] as const;
const MAPPING_FIELDS = ['packageId'] as const;

/** Fields whose values differ between two records (for "what changed"). */
export function changedFields<R extends object>(
  fields: readonly (keyof R & string)[],
  a: R,
  b: R | null,
): string[] {
  if (b === null) return [...fields];
  return fields.filter((f) => a[f] !== b[f]);
}

export const catalogChanges = (a: CatalogRecord, b: CatalogRecord | null) =>
  changedFields<CatalogRecord>(CATALOG_FIELDS, a, b);
export const mappingChanges = (a: MappingRecord, b: MappingRecord | null) =>
  changedFields<MappingRecord>(MAPPING_FIELDS, a, b);

function toCatalog(r: CatalogRow): CachedCatalogEntry {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    type: r.type,
    turnaroundHours: r.turnaround_hours,
    archived: r.archived === 1,
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    dirty: r.dirty,
    conflict: r.conflict_json ? (JSON.parse(r.conflict_json) as Conflict<CatalogRecord>) : null,
  };
}

function toMapping(r: MappingRow): CachedMapping {
  return {
    accountId: r.account_id,
    target: r.target,
    targetId: r.target_id,
    packageId: r.package_id,
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    dirty: r.dirty,
    conflict: r.conflict_json ? (JSON.parse(r.conflict_json) as Conflict<MappingRecord>) : null,
  };
}

const catalogParams = (r: CatalogRecord) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  type: r.type,
  turnaround_hours: r.turnaroundHours,
  archived: r.archived ? 1 : 0,
  version: r.version,
  updated_at: r.updatedAt,
  updated_by: r.updatedBy,
});

const mappingParams = (r: MappingRecord) => ({
  account_id: r.accountId,
  target: r.target,
  target_id: r.targetId,
  package_id: r.packageId,
  version: r.version,
  updated_at: r.updatedAt,
  updated_by: r.updatedBy,
});

/**
 * Whether an order of a static-package account resolves to a package: its ATS test id (the
 * package's remote id in the event, or its id), its job, or a job posting of its job is mapped.
 */
const RESOLVES = `(
  EXISTS (SELECT 1 FROM team_mappings m WHERE m.account_id = orders.account_id
    AND m.target = 'ats_test_id' AND m.package_id IS NOT NULL
    AND m.target_id IN (orders.package_id, json_extract(orders.raw_json, '$.data.package.remote_id')))
  OR EXISTS (SELECT 1 FROM team_mappings m WHERE m.account_id = orders.account_id
    AND m.target = 'job' AND m.target_id = orders.job_id AND m.package_id IS NOT NULL)
  OR EXISTS (SELECT 1 FROM team_mappings m JOIN job_postings p
      ON p.account_id = m.account_id AND p.id = m.target_id
    WHERE m.account_id = orders.account_id AND m.target = 'job_posting'
      AND m.package_id IS NOT NULL AND p.job_id = orders.job_id)
)`;

export class TeamRecordsRepository {
  private readonly s;

  constructor(private readonly db: SqliteDatabase) {
    this.s = {
      catalog: db.prepare('SELECT * FROM team_catalog ORDER BY name COLLATE NOCASE, id'),
      entry: db.prepare('SELECT * FROM team_catalog WHERE id = ?'),
      dirtyCatalog: db.prepare('SELECT * FROM team_catalog WHERE dirty > 0 ORDER BY id'),
      upsertCatalog: db.prepare(`
        INSERT INTO team_catalog (id, name, description, type, turnaround_hours, archived, version,
          updated_at, updated_by)
        VALUES (@id, @name, @description, @type, @turnaround_hours, @archived, @version,
          @updated_at, @updated_by)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
          type = excluded.type, turnaround_hours = excluded.turnaround_hours,
          archived = excluded.archived, version = excluded.version,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
      catalogState: db.prepare(
        'UPDATE team_catalog SET dirty = @dirty, conflict_json = @conflict WHERE id = @id',
      ),
      mappings: db.prepare('SELECT * FROM team_mappings ORDER BY account_id, target, target_id'),
      mapping: db.prepare(
        'SELECT * FROM team_mappings WHERE account_id = ? AND target = ? AND target_id = ?',
      ),
      dirtyMappings: db.prepare(
        'SELECT * FROM team_mappings WHERE dirty > 0 ORDER BY account_id, target, target_id LIMIT ?',
      ),
      upsertMapping: db.prepare(`
        INSERT INTO team_mappings (account_id, target, target_id, package_id, version, updated_at,
          updated_by)
        VALUES (@account_id, @target, @target_id, @package_id, @version, @updated_at, @updated_by)
        ON CONFLICT (account_id, target, target_id) DO UPDATE SET package_id = excluded.package_id,
          version = excluded.version, updated_at = excluded.updated_at,
          updated_by = excluded.updated_by`),
      mappingState: db.prepare(`
        UPDATE team_mappings SET dirty = @dirty, conflict_json = @conflict
        WHERE account_id = @account_id AND target = @target AND target_id = @target_id`),
      getState: db.prepare('SELECT value FROM team_state WHERE key = ?'),
      setState: db.prepare(
        'INSERT INTO team_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      unmappedCount: db.prepare(
        'SELECT count(*) AS n FROM orders WHERE account_id = ? AND unmapped = 1',
      ),
      resolve: db.prepare(`
        UPDATE orders SET unmapped = NOT ${RESOLVES}
        WHERE account_id = ? AND seq > ? AND unmapped IS NOT (NOT ${RESOLVES})`),
      maxOrderSeq: db.prepare('SELECT coalesce(max(seq), 0) AS n FROM orders'),
      clearUnmapped: db.prepare(
        'UPDATE orders SET unmapped = 0 WHERE account_id = ? AND unmapped = 1',
      ),
    };
  }

  // --- reads -----------------------------------------------------------------------------------

  catalog(): CachedCatalogEntry[] {
    return (this.s.catalog.all() as CatalogRow[]).map(toCatalog);
  }

  entry(id: string): CachedCatalogEntry | null {
    const row = this.s.entry.get(id) as CatalogRow | undefined;
    return row ? toCatalog(row) : null;
  }

  dirtyCatalog(): CachedCatalogEntry[] {
    return (this.s.dirtyCatalog.all() as CatalogRow[]).map(toCatalog);
  }

  mappings(): CachedMapping[] {
    return (this.s.mappings.all() as MappingRow[]).map(toMapping);
  }

  mapping(key: MappingKey): CachedMapping | null {
    const row = this.s.mapping.get(key.accountId, key.target, key.targetId) as
      MappingRow | undefined;
    return row ? toMapping(row) : null;
  }

  dirtyMappings(limit: number): CachedMapping[] {
    return (this.s.dirtyMappings.all(limit) as MappingRow[]).map(toMapping);
  }

  state(
    key: 'catalog_revision' | 'mappings_revision' | 'published' | 'synced_at' | 'unmapped_seq',
  ): string | null {
    return (this.s.getState.get(key) as { value: string } | undefined)?.value ?? null;
  }

  revision(kind: 'catalog' | 'mappings'): number {
    return Number(this.state(`${kind}_revision`) ?? '0');
  }

  published(): PublishedCatalog {
    const json = this.state('published');
    return json
      ? (JSON.parse(json) as PublishedCatalog)
      : { version: 0, publishedAt: null, packages: [] };
  }

  unmappedOrders(accountId: string): number {
    return (this.s.unmappedCount.get(accountId) as { n: number }).n;
  }

  /**
   * An account's job postings and jobs with their mappings, filtered and paged in SQL; each with
   * its open unmapped orders (a posting's through its job).
   */
  targets(q: {
    accountId: string;
    target?: 'job_posting' | 'job' | undefined;
    unmappedOnly: boolean;
    search?: string | undefined;
    offset: number;
    limit: number;
  }): { rows: TargetRow[]; total: number } {
    const params = {
      a: q.accountId,
      target: q.target ?? null,
      unmapped: q.unmappedOnly ? 1 : 0,
      search: q.search?.trim() ? `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
      limit: q.limit,
      offset: q.offset,
    };
    const from = `
      FROM (
        SELECT 'job_posting' AS target, id, title, job_id, status, updated_at, title_sort
        FROM job_postings WHERE account_id = @a AND missing = 0
        UNION ALL
        SELECT 'job', id, title, NULL, status, updated_at, title_sort
        FROM jobs WHERE account_id = @a AND missing = 0
      ) t
      LEFT JOIN team_mappings m ON m.account_id = @a AND m.target = t.target AND m.target_id = t.id
      WHERE (@target IS NULL OR t.target = @target)
        AND (@unmapped = 0 OR m.package_id IS NULL)
        AND (@search IS NULL OR t.title LIKE @search ESCAPE '\\' OR t.id LIKE @search ESCAPE '\\')`;
    const total = (this.db.prepare(`SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT t.target, t.id, t.title, t.job_id, t.status, t.updated_at,
          (SELECT count(*) FROM orders o WHERE o.account_id = @a AND o.unmapped = 1
            AND o.job_id = coalesce(t.job_id, t.id)) AS unmapped_orders
        ${from} ORDER BY t.title_sort, t.id LIMIT @limit OFFSET @offset`,
      )
      .all(params) as TargetRow[];
    return { rows, total };
  }

  /** Per account: postings, jobs, and how many of them have no package. */
  targetCounts(accountId: string): { postings: number; jobs: number; unmapped: number } {
    return this.db
      .prepare(
        `SELECT
          (SELECT count(*) FROM job_postings WHERE account_id = @a AND missing = 0) AS postings,
          (SELECT count(*) FROM jobs WHERE account_id = @a AND missing = 0) AS jobs,
          (SELECT count(*) FROM (
            SELECT 'job_posting' AS target, id FROM job_postings WHERE account_id = @a AND missing = 0
            UNION ALL SELECT 'job', id FROM jobs WHERE account_id = @a AND missing = 0) t
           WHERE NOT EXISTS (SELECT 1 FROM team_mappings m WHERE m.account_id = @a
             AND m.target = t.target AND m.target_id = t.id AND m.package_id IS NOT NULL)) AS unmapped`,
      )
      .get({ a: accountId }) as { postings: number; jobs: number; unmapped: number };
  }

  /** Whether a job posting or job is in the cache (for CSV rows). */
  hasTarget(accountId: string, target: 'job_posting' | 'job', id: string): boolean {
    const table = target === 'job' ? 'jobs' : 'job_postings';
    return (
      this.db
        .prepare(`SELECT 1 FROM ${table} WHERE account_id = ? AND id = ?`)
        .get(accountId, id) !== undefined
    );
  }

  // --- writes (cache writer only) --------------------------------------------------------------

  /** A coordinator's edit: applied to the cached row at once and marked for the gateway. */
  editEntry(id: string, values: CatalogValues & { archived: boolean }, at: string): void {
    const current = this.entry(id);
    this.s.upsertCatalog.run(
      catalogParams({
        id,
        ...values,
        version: current?.version ?? 0,
        updatedAt: at,
        updatedBy: current?.updatedBy ?? null,
      }),
    );
    this.s.catalogState.run({ id, dirty: (current?.dirty ?? 0) + 1, conflict: null });
  }

  editMappings(keys: readonly MappingKey[], packageId: string | null, at: string): void {
    for (const key of keys) {
      const current = this.mapping(key);
      this.s.upsertMapping.run(
        mappingParams({
          ...key,
          packageId,
          version: current?.version ?? 0,
          updatedAt: at,
          updatedBy: current?.updatedBy ?? null,
        }),
      );
      this.s.mappingState.run({
        ...mappingParams({ ...key, packageId, version: 0, updatedAt: at, updatedBy: null }),
        dirty: (current?.dirty ?? 0) + 1,
        conflict: null,
      });
    }
  }

  /**
   * Records from the gateway. A clean row takes them as they are; a dirty row keeps the local
   * edit (its flush will meet the newer version and turn into a conflict, never an overwrite).
   */
  applyGatewayRecords(
    page: {
      catalog?: { revision: number; entries: CatalogRecord[] };
      mappings?: { revision: number; mappings: MappingRecord[] };
      published?: PublishedCatalog;
    },
    at: string,
  ): { catalog: CatalogRecord[]; mappings: number } {
    const catalog: CatalogRecord[] = [];
    let mappings = 0;
    for (const record of page.catalog?.entries ?? []) {
      const current = this.entry(record.id);
      if (current && (current.dirty > 0 || current.version >= record.version)) continue;
      this.s.upsertCatalog.run(catalogParams(record));
      catalog.push(record);
    }
    for (const record of page.mappings?.mappings ?? []) {
      const current = this.mapping(record);
      if (current && (current.dirty > 0 || current.version >= record.version)) continue;
      this.s.upsertMapping.run(mappingParams(record));
      mappings++;
    }
    if (page.catalog) this.s.setState.run('catalog_revision', String(page.catalog.revision));
    if (page.mappings) this.s.setState.run('mappings_revision', String(page.mappings.revision));
    if (page.published) this.s.setState.run('published', JSON.stringify(page.published));
    this.s.setState.run('synced_at', at);
    return { catalog, mappings };
  }

  /** The gateway's answer to a flushed entry. */
  settleEntry(outcome: FlushOutcome<CatalogRecord>, at: string): void {
    if (outcome.status === 'written') {
      const id = outcome.record.id;
      const current = this.entry(id);
      const editedSince = current !== null && current.dirty !== outcome.dirtyWhenSent;
      if (editedSince) {
        // A newer local edit stays; it is now based on the version this desk just wrote.
        this.db
          .prepare('UPDATE team_catalog SET version = ?, updated_by = ? WHERE id = ?')
          .run(outcome.record.version, outcome.record.updatedBy, id);
        return;
      }
      this.s.upsertCatalog.run(catalogParams(outcome.record));
      this.s.catalogState.run({ id, dirty: 0, conflict: null });
      return;
    }
    const { mine, current } = outcome;
    const conflict: Conflict<CatalogRecord> = {
      mine,
      theirs: current,
      changedFields: catalogChanges(mine, current),
      at,
    };
    if (current) this.s.upsertCatalog.run(catalogParams(current));
    this.s.catalogState.run({ id: mine.id, dirty: 0, conflict: JSON.stringify(conflict) });
  }

  settleMapping(outcome: FlushOutcome<MappingRecord>, at: string): void {
    if (outcome.status === 'written') {
      const record = outcome.record;
      const current = this.mapping(record);
      if (current !== null && current.dirty !== outcome.dirtyWhenSent) {
        this.db
          .prepare(
            'UPDATE team_mappings SET version = ? WHERE account_id = ? AND target = ? AND target_id = ?',
          )
          .run(record.version, record.accountId, record.target, record.targetId);
        return;
      }
      this.s.upsertMapping.run(mappingParams(record));
      this.s.mappingState.run({ ...mappingParams(record), dirty: 0, conflict: null });
      return;
    }
    const { mine, current } = outcome;
    const conflict: Conflict<MappingRecord> = {
      mine,
      theirs: current,
      changedFields: mappingChanges(mine, current),
      at,
    };
    // Theirs becomes the cached value (a mapping missing there is cleared here).
    const theirs = current ?? { ...mine, packageId: null, version: 0 };
    this.s.upsertMapping.run(mappingParams(theirs));
    this.s.mappingState.run({
      ...mappingParams(mine),
      dirty: 0,
      conflict: JSON.stringify(conflict),
    });
  }

  /** Keep theirs (drop the conflict) or mine (edit again, based on their version). */
  resolveEntry(id: string, keep: 'mine' | 'theirs', at: string): boolean {
    const entry = this.entry(id);
    if (!entry?.conflict) return false;
    if (keep === 'theirs') {
      this.s.catalogState.run({ id, dirty: entry.dirty, conflict: null });
      return true;
    }
    const { name, description, type, turnaroundHours, archived } = entry.conflict.mine;
    this.editEntry(id, { name, description, type, turnaroundHours, archived }, at);
    return true;
  }

  resolveMapping(key: MappingKey, keep: 'mine' | 'theirs', at: string): boolean {
    const m = this.mapping(key);
    if (!m?.conflict) return false;
    if (keep === 'theirs') {
      this.s.mappingState.run({ ...mappingParams(m), dirty: m.dirty, conflict: null });
      return true;
    }
    this.editMappings([key], m.conflict.mine.packageId, at);
    return true;
  }

  /**
   * Recomputes the unmapped flag of the orders of these accounts: static-package accounts by
   * their mappings, the others never unmapped. `onlyNew`: just the orders that arrived since the
   * last refresh of every account (`everyAccount`; a sync pass that wrote orders); a change of
   * mappings or job postings needs all. Returns how many orders changed.
   */
  refreshUnmapped(
    staticAccounts: readonly string[],
    otherAccounts: readonly string[],
    options: { onlyNew?: boolean; everyAccount?: boolean } = {},
  ): number {
    const after = options.onlyNew ? Number(this.state('unmapped_seq') ?? '0') : 0;
    const upTo = (this.s.maxOrderSeq.get() as { n: number }).n;
    let changed = 0;
    for (const a of staticAccounts) changed += this.s.resolve.run(a, after).changes;
    for (const a of otherAccounts) changed += this.s.clearUnmapped.run(a).changes;
    if (options.everyAccount) this.s.setState.run('unmapped_seq', String(upTo));
    return changed;
  }
}
