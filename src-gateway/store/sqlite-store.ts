import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type {
  Catalog,
  CatalogEntriesPage,
  CatalogEntryWrite,
  CatalogPackageInput,
  CatalogRecord,
  FeedOrder,
  FlagReason,
  MappingRecord,
  MappingsPage,
  MappingWrite,
  WriteOutcome,
} from '../../src-shared/gateway';
import { applyMigrations } from '../../src-shared/db/migrate';
import { gatewayMigrations } from './migrations';
import type { AppendResult, GatewayStore, InboxEvent, NewInboxEvent } from './store';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for an inbox that lives as long as the process (sandbox, tests). */
  path: string;
}

interface PendingAppend {
  dedupeKey: string;
  event: NewInboxEvent;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface EventRow {
  seq: number;
  dedupe_key: string;
  received_at: string;
  deliveries: number;
  content_type: string | null;
  raw_body: Buffer;
  event_id: string | null;
  event_type: string | null;
  account_id: string | null;
  order_json: string | null;
  flag_reason: string | null;
  flag_detail: string | null;
}

interface PackageRow {
  id: string;
  name: string;
  description: string | null;
  updated_at: string;
}

interface EntryRow {
  id: string;
  name: string;
  description: string | null;
  type: string | null;
  turnaround_hours: number | null;
  archived: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

interface MappingRow {
  account_id: string;
  target: MappingRecord['target'];
  target_id: string;
  package_id: string | null;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

const toEntry = (r: EntryRow): CatalogRecord => ({
  id: r.id,
  name: r.name,
  description: r.description,
  type: r.type,
  turnaroundHours: r.turnaround_hours,
  archived: r.archived === 1,
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const toMapping = (r: MappingRow): MappingRecord => ({
  accountId: r.account_id,
  target: r.target,
  targetId: r.target_id,
  packageId: r.package_id,
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/**
 * SQLite store: WAL with `synchronous=FULL`, so a commit is on disk (not just in the OS cache)
 * before `appendEvent` resolves and the webhook is acknowledged.
 *
 * Group commit: appends made during one turn of the event loop are committed together in one
 * transaction (one fsync) on the next `setImmediate`, and every caller's promise resolves only after
 * that commit. Under concurrent deliveries this multiplies throughput without weakening the
 * commit-before-2xx rule.
 */
export class SqliteStore implements GatewayStore {
  readonly inboxId: string;
  private readonly db: Database.Database;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly statements;

  constructor(options: SqliteStoreOptions) {
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    applyMigrations(this.db, gatewayMigrations, { program: 'the gateway' });
    this.db
      .prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('inbox_id', ?)")
      .run(randomUUID());
    this.inboxId = (
      this.db.prepare("SELECT value FROM meta WHERE key = 'inbox_id'").get() as { value: string }
    ).value;
    this.statements = {
      insert: this.db.prepare(`
        INSERT INTO inbox_events (dedupe_key, received_at, last_delivered_at, content_type, raw_body,
          event_id, event_type, account_id, order_kind, order_id, order_json, flag_reason, flag_detail)
        VALUES (@dedupeKey, @receivedAt, @receivedAt, @contentType, @rawBody, @eventId, @eventType,
          @accountId, @orderKind, @orderId, @orderJson, @flagReason, @flagDetail)
        ON CONFLICT (dedupe_key) DO NOTHING`),
      redelivered: this.db.prepare(`
        UPDATE inbox_events SET deliveries = deliveries + 1, last_delivered_at = ?
        WHERE dedupe_key = ? RETURNING seq`),
      read: this.db.prepare(`
        SELECT seq, dedupe_key, received_at, deliveries, content_type, raw_body, event_id,
          event_type, account_id, order_json, flag_reason, flag_detail
        FROM inbox_events WHERE seq > ? ORDER BY seq LIMIT ?`),
      packages: this.db.prepare(
        'SELECT id, name, description, updated_at FROM catalog_packages ORDER BY position',
      ),
      deletePackages: this.db.prepare('DELETE FROM catalog_packages'),
      insertPackage: this.db.prepare(`
        INSERT INTO catalog_packages (id, position, name, description, updated_at)
        VALUES (?, ?, ?, ?, ?)`),
      entries: this.db.prepare(
        'SELECT * FROM catalog_entries WHERE revision > ? ORDER BY revision',
      ),
      entry: this.db.prepare('SELECT * FROM catalog_entries WHERE id = ?'),
      putEntry: this.db.prepare(`
        INSERT INTO catalog_entries (id, name, description, type, turnaround_hours, archived,
          version, revision, updated_at, updated_by)
        VALUES (@id, @name, @description, @type, @turnaroundHours, @archived, @version, @revision,
          @at, @by)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
          type = excluded.type, turnaround_hours = excluded.turnaround_hours,
          archived = excluded.archived, version = excluded.version, revision = excluded.revision,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
      mappings: this.db.prepare('SELECT * FROM mappings WHERE revision > ? ORDER BY revision'),
      mapping: this.db.prepare(
        'SELECT * FROM mappings WHERE account_id = ? AND target = ? AND target_id = ?',
      ),
      putMapping: this.db.prepare(`
        INSERT INTO mappings (account_id, target, target_id, package_id, version, revision,
          updated_at, updated_by)
        VALUES (@accountId, @target, @targetId, @packageId, @version, @revision, @at, @by)
        ON CONFLICT (account_id, target, target_id) DO UPDATE SET package_id = excluded.package_id,
          version = excluded.version, revision = excluded.revision,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
      getMeta: this.db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: this.db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  appendEvent(dedupeKey: string, event: NewInboxEvent): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('gateway store is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ dedupeKey, event, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private appendOne(dedupeKey: string, e: NewInboxEvent): AppendResult {
    const info = this.statements.insert.run({
      dedupeKey,
      receivedAt: e.receivedAt,
      contentType: e.contentType,
      rawBody: Buffer.from(e.rawBody.buffer, e.rawBody.byteOffset, e.rawBody.byteLength),
      eventId: e.eventId,
      eventType: e.eventType,
      accountId: e.accountId,
      orderKind: e.order?.kind ?? null,
      orderId: e.order?.id ?? null,
      orderJson: e.order ? JSON.stringify(e.order) : null,
      flagReason: e.flag?.reason ?? null,
      flagDetail: e.flag?.detail ?? null,
    });
    if (info.changes === 1) return { status: 'inserted', seq: Number(info.lastInsertRowid) };
    const row = this.statements.redelivered.get(e.receivedAt, dedupeKey) as { seq: number };
    return { status: 'duplicate', seq: row.seq };
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const results = this.db.transaction(() =>
        batch.map((p) => this.appendOne(p.dedupeKey, p.event)),
      )();
      batch.forEach((p, i) => p.resolve(results[i] as AppendResult));
    } catch {
      // One bad row must not fail its neighbours: retry each alone, so only it gets the error.
      for (const p of batch) {
        try {
          p.resolve(this.db.transaction(() => this.appendOne(p.dedupeKey, p.event))());
        } catch (error) {
          p.reject(error);
        }
      }
    }
  }

  async readEvents(afterSeq: number, limit: number): Promise<InboxEvent[]> {
    const rows = this.statements.read.all(afterSeq, limit) as EventRow[];
    return rows.map((r) => ({
      seq: r.seq,
      dedupeKey: r.dedupe_key,
      receivedAt: r.received_at,
      deliveries: r.deliveries,
      contentType: r.content_type,
      rawBody: r.raw_body,
      eventId: r.event_id,
      eventType: r.event_type,
      accountId: r.account_id,
      order: r.order_json ? (JSON.parse(r.order_json) as FeedOrder) : null,
      flag:
        r.flag_reason !== null
          ? { reason: r.flag_reason as FlagReason, detail: r.flag_detail ?? '' }
          : null,
    }));
  }

  async putCatalog(
    packages: readonly CatalogPackageInput[],
    publishedAt: string,
  ): Promise<Catalog> {
    this.db.transaction(() => {
      const previous = new Map(
        (this.statements.packages.all() as PackageRow[]).map((r) => [r.id, r]),
      );
      this.statements.deletePackages.run();
      packages.forEach((pkg, position) => {
        const description = pkg.description ?? null;
        const before = previous.get(pkg.id);
        const unchanged = before && before.name === pkg.name && before.description === description;
        const updatedAt = unchanged ? before.updated_at : publishedAt;
        this.statements.insertPackage.run(pkg.id, position, pkg.name, description, updatedAt);
      });
      const version = Number(this.meta('catalog_version') ?? '0') + 1;
      this.statements.setMeta.run('catalog_version', String(version));
      this.statements.setMeta.run('catalog_published_at', publishedAt);
    })();
    return this.getCatalog();
  }

  async getCatalog(): Promise<Catalog> {
    const rows = this.statements.packages.all() as PackageRow[];
    return {
      version: Number(this.meta('catalog_version') ?? '0'),
      publishedAt: this.meta('catalog_published_at'),
      packages: rows.map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        updatedAt: r.updated_at,
      })),
    };
  }

  async readCatalogEntries(afterRevision: number): Promise<CatalogEntriesPage> {
    return this.db.transaction(() => ({
      revision: Number(this.meta('catalog_revision') ?? '0'),
      entries: (this.statements.entries.all(afterRevision) as EntryRow[]).map(toEntry),
    }))();
  }

  async writeCatalogEntry(
    id: string,
    write: CatalogEntryWrite,
    at: string,
    by: string | null,
  ): Promise<WriteOutcome<CatalogRecord>> {
    return this.db.transaction((): WriteOutcome<CatalogRecord> => {
      const row = this.statements.entry.get(id) as EntryRow | undefined;
      if ((row?.version ?? 0) !== write.baseVersion) {
        return { status: 'conflict', current: row ? toEntry(row) : null };
      }
      const revision = this.bump('catalog_revision');
      this.statements.putEntry.run({
        id,
        name: write.name,
        description: write.description,
        type: write.type,
        turnaroundHours: write.turnaroundHours,
        archived: write.archived ? 1 : 0,
        version: write.baseVersion + 1,
        revision,
        at,
        by,
      });
      return { status: 'written', record: toEntry(this.statements.entry.get(id) as EntryRow) };
    })();
  }

  async readMappings(afterRevision: number): Promise<MappingsPage> {
    return this.db.transaction(() => ({
      revision: Number(this.meta('mappings_revision') ?? '0'),
      mappings: (this.statements.mappings.all(afterRevision) as MappingRow[]).map(toMapping),
    }))();
  }

  async writeMappings(
    writes: readonly MappingWrite[],
    at: string,
    by: string | null,
  ): Promise<WriteOutcome<MappingRecord>[]> {
    return this.db.transaction(() =>
      writes.map((w): WriteOutcome<MappingRecord> => {
        const key = [w.accountId, w.target, w.targetId] as const;
        const row = this.statements.mapping.get(...key) as MappingRow | undefined;
        if ((row?.version ?? 0) !== w.baseVersion) {
          return { status: 'conflict', current: row ? toMapping(row) : null };
        }
        const revision = this.bump('mappings_revision');
        this.statements.putMapping.run({ ...w, version: w.baseVersion + 1, revision, at, by });
        return {
          status: 'written',
          record: toMapping(this.statements.mapping.get(...key) as MappingRow),
        };
      }),
    )();
  }

  /** The next value of a counter in meta (inside the caller's transaction). */
  private bump(key: string): number {
    const next = Number(this.meta(key) ?? '0') + 1;
    this.statements.setMeta.run(key, String(next));
    return next;
  }

  private meta(key: string): string | null {
    const row = this.statements.getMeta.get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    this.db.close();
  }
}
