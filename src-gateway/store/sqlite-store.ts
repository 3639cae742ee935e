import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type {
  Catalog,
  CatalogEntriesPage,
  CatalogEntryWrite,
  CatalogPackageInput,
  CatalogRecord,
  Claim,
  Coordinator,
  MappingRecord,
  MappingWrite,
  MappingsPage,
  OrderRef,
  WriteOutcome,
} from '../../src-shared/gateway';
import { applyMigrations } from '../../src-shared/db/migrate';
import { gatewayMigrations } from './migrations';
import {
  CoordinatorExistsError,
  type AppendResult,
  type ClaimOrdersInput,
  type ClaimOutcome,
  type CoordinatorRecord,
  type GatewayStore,
  type InboxEvent,
  type NewInboxEvent,
  type ReleaseOrdersInput,
} from './store';
import {
  EVENT_COLUMNS,
  toEntry,
  toEvent,
  toMapping,
  type EntryRow,
  type EventRow,
  type MappingRow,
  type PackageRow,
} from './rows';

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

interface ClaimRow {
  account_id: string;
  order_id: string;
  coordinator_id: string;
  name: string;
  claimed_at: string;
  expires_at: string;
}

function toClaim(r: ClaimRow): Claim {
  return {
    accountId: r.account_id,
    orderId: r.order_id,
    by: { id: r.coordinator_id, name: r.name },
    claimedAt: r.claimed_at,
    expiresAt: r.expires_at,
  };
}

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
      read: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM inbox_events WHERE seq > ? ORDER BY seq LIMIT ?`,
      ),
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
      addCoordinator: this.db.prepare(
        'INSERT INTO coordinators (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
      ),
      revokeCoordinator: this.db.prepare(
        'UPDATE coordinators SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL',
      ),
      coordinators: this.db.prepare(
        'SELECT id, name, created_at, revoked_at FROM coordinators ORDER BY created_at, name',
      ),
      coordinatorByHash: this.db.prepare(
        'SELECT id, name FROM coordinators WHERE token_hash = ? AND revoked_at IS NULL',
      ),
      liveClaim: this.db.prepare(`
        SELECT c.account_id, c.order_id, c.coordinator_id, k.name, c.claimed_at, c.expires_at
        FROM claims c JOIN coordinators k ON k.id = c.coordinator_id
        WHERE c.account_id = ? AND c.order_id = ? AND c.expires_at > ?`),
      upsertClaim: this.db.prepare(`
        INSERT INTO claims (account_id, order_id, coordinator_id, claimed_at, expires_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (account_id, order_id) DO UPDATE SET coordinator_id = excluded.coordinator_id,
          claimed_at = excluded.claimed_at, expires_at = excluded.expires_at`),
      releaseClaim: this.db.prepare(
        'DELETE FROM claims WHERE account_id = ? AND order_id = ? AND coordinator_id = ?',
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
    return (this.statements.read.all(afterSeq, limit) as EventRow[]).map(toEvent);
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

  async addCoordinator(c: {
    id: string;
    name: string;
    tokenHash: string;
    createdAt: string;
  }): Promise<void> {
    try {
      this.statements.addCoordinator.run(c.id, c.name, c.tokenHash, c.createdAt);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new CoordinatorExistsError(c.name);
      }
      throw error;
    }
  }

  async revokeCoordinator(name: string, at: string): Promise<boolean> {
    return this.statements.revokeCoordinator.run(at, name).changes > 0;
  }

  async listCoordinators(): Promise<CoordinatorRecord[]> {
    const rows = this.statements.coordinators.all() as {
      id: string;
      name: string;
      created_at: string;
      revoked_at: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }

  async coordinatorByTokenHash(tokenHash: string): Promise<Coordinator | null> {
    return (this.statements.coordinatorByHash.get(tokenHash) as Coordinator | undefined) ?? null;
  }

  async claimOrders(input: ClaimOrdersInput): Promise<ClaimOutcome> {
    this.flush();
    return this.db.transaction((): ClaimOutcome => {
      const held = input.orders
        .map((o) => this.statements.liveClaim.get(o.accountId, o.orderId, input.at))
        .filter((r): r is ClaimRow => r !== undefined)
        .map(toClaim)
        .filter((c) => c.by.id !== input.by.id);
      if (held.length > 0 && !input.takeover) return { status: 'conflict', claims: held };
      const claims = input.orders.map((o) => {
        this.statements.upsertClaim.run(
          o.accountId,
          o.orderId,
          input.by.id,
          input.at,
          input.expiresAt,
        );
        return { ...o, by: input.by, claimedAt: input.at, expiresAt: input.expiresAt };
      });
      const team = input.teamEvent({ claims, takenFrom: held });
      this.appendOne(team.dedupeKey, team.event);
      return { status: 'claimed', claims, takenFrom: held };
    })();
  }

  async releaseOrders(input: ReleaseOrdersInput): Promise<OrderRef[]> {
    this.flush();
    return this.db.transaction(() => {
      const released = input.orders.filter(
        (o) => this.statements.releaseClaim.run(o.accountId, o.orderId, input.by.id).changes > 0,
      );
      if (released.length > 0) {
        const team = input.teamEvent(released);
        this.appendOne(team.dedupeKey, team.event);
      }
      return released;
    })();
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
