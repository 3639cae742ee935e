import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type {
  Catalog,
  CatalogEntriesPage,
  CatalogEntryWrite,
  CatalogPackageInput,
  CatalogRecord,
  Claim,
  Coordinator,
  MappingRecord,
  MappingsPage,
  MappingWrite,
  OrderRef,
  WriteOutcome,
} from '../../src-shared/gateway';
import { applyMigrationsAsync, type AsyncMigratableDatabase } from '../../src-shared/db/migrate';
import { postgresMigrations } from './postgres-migrations';
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

export type PostgresStoreOptions =
  | {
      /** `postgres://user:password@host:port/database` (libpq's PG* variables fill what it omits). */
      url: string;
      /** Connections this instance may hold (default 8). */
      maxConnections?: number;
    }
  /** A pool the caller configured; the store owns it from now on and ends it on close. */
  | { pool: pg.Pool };

/**
 * Advisory lock keys (one bigint namespace per database, shared with anything else that uses
 * advisory locks there; these are "SDGW" followed by a number).
 */
const LOCK_MIGRATE = 0x5344_4757_0001;
const LOCK_APPEND = 0x5344_4757_0002;
const LOCK_CATALOG = 0x5344_4757_0003;
/** Team record writes: their revision counters must commit in order (like `seq`). */
const LOCK_TEAM_RECORDS = 0x5344_4757_0004;

/** Largest group commit; what arrives meanwhile waits for the next one. */
const MAX_BATCH = 500;

interface PendingAppend {
  dedupeKey: string;
  event: NewInboxEvent;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * PostgreSQL cannot store U+0000 in text. Such a character can only come from a webhook's JSON
 * (`"\u0000"` in an id); the raw body keeps it byte for byte, the derived columns get U+FFFD, so
 * the event is stored and served rather than refused for ever.
 */
function text(value: string | null): string | null {
  return value === null ? null : value.replaceAll('\u0000', '\uFFFD');
}

/**
 * The gateway's store on PostgreSQL, for several gateway instances sharing one database.
 *
 * Ordering contract (see `store.ts`): every append transaction takes one transaction-scoped
 * advisory lock (LOCK_APPEND) before it draws any `seq` value. PostgreSQL makes a
 * transaction visible before it releases its locks, so the next appender (of any instance) draws
 * larger values only once the previous ones are visible or rolled back: `seq` becomes visible in
 * increasing order, and a feed reader that has seen N never later finds a new event below N.
 * Identity values can otherwise commit out of order, and a reader would skip the late one. (The
 * identity keeps its default CACHE 1, so every session draws from the shared counter.) The cost
 * is that appends are serial across instances; group commit (below) keeps that cheap, since one
 * lock, one insert and one commit cover every webhook that arrived meanwhile.
 *
 * Group commit: appends arriving while a batch commits wait and go together in the next one, and
 * each caller's promise resolves after that commit, so the webhook is acknowledged only once it is
 * durable (`synchronous_commit` on, PostgreSQL's default). A batch is one statement outside any
 * BEGIN: PostgreSQL runs it as a transaction of its own (lock, insert, commit and WAL flush) and
 * answers once it is committed, so a batch costs one round trip. The gateway's event loop is busy
 * with webhooks meanwhile, and every extra round trip would wait behind them before the next
 * statement could leave, lengthening each batch and with it every webhook's wait.
 */
export class PostgresStore implements GatewayStore {
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    readonly inboxId: string,
  ) {}

  /** Connects, migrates (one instance at a time) and reads the inbox id. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool =
      'pool' in options
        ? options.pool
        : new pg.Pool({
            connectionString: options.url,
            max: options.maxConnections ?? 8,
            application_name: 'screening-gateway',
            // Nothing waits for ever: a webhook whose append cannot finish gets an error (StackOne
            // redelivers it) rather than a reply that never comes. And an instance that stalls
            // inside a transaction (frozen, cut off) is disconnected by the server, so it cannot
            // hold the append lock, and with it every other instance, for longer than that.
            connectionTimeoutMillis: 10_000,
            query_timeout: 30_000,
            idle_in_transaction_session_timeout: 10_000,
          });
    // An idle connection that dies (server restart) is dropped from the pool; the next query
    // opens a new one. Without this listener the error would crash the process.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [LOCK_MIGRATE]);
        try {
          await applyMigrationsAsync(migratable(client), postgresMigrations, {
            program: 'the gateway',
          });
          await client.query(
            "INSERT INTO meta (key, value) VALUES ('inbox_id', $1) ON CONFLICT (key) DO NOTHING",
            [randomUUID()],
          );
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [LOCK_MIGRATE]);
        }
        const { rows } = await client.query<{ value: string }>(
          "SELECT value FROM meta WHERE key = 'inbox_id'",
        );
        return new PostgresStore(pool, rows[0]!.value);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      const reason = error instanceof Error ? error.message : String(error);
      const where = 'url' in options ? ` ${withoutPassword(options.url)}` : '';
      throw new Error(`cannot open the PostgreSQL database${where}: ${reason}`, { cause: error });
    }
  }

  appendEvent(dedupeKey: string, event: NewInboxEvent): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('gateway store is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ dedupeKey, event, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** One batch in flight per instance; runs until nothing is pending. */
  private async flushLoop(): Promise<void> {
    // Let the appends of this event-loop turn join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        const results = await this.appendBatch(this.pool, batch);
        batch.forEach((p, i) => p.resolve(results[i]!));
      } catch {
        // One bad row must not fail its neighbours: retry each alone, so only it gets the error.
        for (const p of batch) {
          try {
            const [result] = await this.appendBatch(this.pool, [p]);
            p.resolve(result!);
          } catch (error) {
            p.reject(error);
          }
        }
      }
    }
    this.flushing = null;
  }

  /**
   * Inserts the new keys and counts redeliveries of known ones. On the pool, the insert commits on
   * its own (see the class comment) and the redeliveries are counted after it; in a caller's
   * transaction, which already holds LOCK_APPEND, taking the lock again is immediate.
   */
  private async appendBatch(
    db: pg.Pool | pg.PoolClient,
    batch: PendingAppend[],
  ): Promise<AppendResult[]> {
    const column = <T>(pick: (p: PendingAppend) => T) => batch.map(pick);
    // The lock is in the FROM clause, so it is held before any row (and its `seq`) is inserted.
    // Named: each connection parses and plans it once.
    const inserted = await db.query<{ dedupe_key: string; seq: string }>({
      name: 'append-events',
      text: `INSERT INTO inbox_events (dedupe_key, received_at, last_delivered_at, content_type,
         raw_body, event_id, event_type, account_id, order_kind, order_id, order_json, flag_reason,
         flag_detail)
       SELECT k, r, r, ct, b, ei, et, ai, ok, oi, oj, fr, fd
       FROM (SELECT pg_advisory_xact_lock(${LOCK_APPEND})) AS locked,
         unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::text[], $6::text[],
           $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
         WITH ORDINALITY AS t(k, r, ct, b, ei, et, ai, ok, oi, oj, fr, fd, n)
       ORDER BY n
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING dedupe_key, seq`,
      values: [
        column((p) => text(p.dedupeKey)),
        column((p) => p.event.receivedAt),
        column((p) => text(p.event.contentType)),
        column((p) => Buffer.from(p.event.rawBody)),
        column((p) => text(p.event.eventId)),
        column((p) => text(p.event.eventType)),
        column((p) => text(p.event.accountId)),
        column((p) => text(p.event.order?.kind ?? null)),
        column((p) => text(p.event.order?.id ?? null)),
        column((p) => (p.event.order ? JSON.stringify(p.event.order) : null)),
        column((p) => p.event.flag?.reason ?? null),
        column((p) => text(p.event.flag?.detail ?? null)),
      ],
    });
    const insertedSeq = new Map(inserted.rows.map((r) => [r.dedupe_key, Number(r.seq)]));
    // The first append of a new key inserts it; every other one (in this batch or since) is a
    // redelivery of the stored event.
    const results: AppendResult[] = [];
    const redelivered: PendingAppend[] = [];
    for (const p of batch) {
      const key = text(p.dedupeKey)!;
      const seq = insertedSeq.get(key);
      if (seq !== undefined) {
        results.push({ status: 'inserted', seq });
        insertedSeq.delete(key);
      } else {
        results.push({ status: 'duplicate', seq: 0 });
        redelivered.push(p);
      }
    }
    if (redelivered.length > 0) {
      const updated = await db.query<{ dedupe_key: string; seq: string }>(
        `UPDATE inbox_events e SET deliveries = e.deliveries + d.n, last_delivered_at = d.at
         FROM (SELECT k, count(*)::int AS n, max(at) AS at
               FROM unnest($1::text[], $2::text[]) AS t(k, at) GROUP BY k) d
         WHERE e.dedupe_key = d.k
         RETURNING e.dedupe_key, e.seq`,
        [redelivered.map((p) => text(p.dedupeKey)), redelivered.map((p) => p.event.receivedAt)],
      );
      const seqOf = new Map(updated.rows.map((r) => [r.dedupe_key, Number(r.seq)]));
      batch.forEach((p, i) => {
        if (results[i]!.status === 'duplicate') {
          results[i] = { status: 'duplicate', seq: seqOf.get(text(p.dedupeKey)!)! };
        }
      });
    }
    return results;
  }

  async readEvents(afterSeq: number, limit: number): Promise<InboxEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM inbox_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map(toEvent);
  }

  async putCatalog(
    packages: readonly CatalogPackageInput[],
    publishedAt: string,
  ): Promise<Catalog> {
    // Two instances publishing at once must not interleave their delete and inserts.
    await this.transaction(async (client) => {
      const previous = new Map(
        (
          await client.query<PackageRow>(
            'SELECT id, name, description, updated_at FROM catalog_packages',
          )
        ).rows.map((r) => [r.id, r]),
      );
      await client.query('DELETE FROM catalog_packages');
      const rows = packages.map((pkg, position) => {
        const description = text(pkg.description ?? null);
        const before = previous.get(pkg.id);
        const unchanged = before && before.name === pkg.name && before.description === description;
        return [
          text(pkg.id),
          position,
          text(pkg.name),
          description,
          unchanged ? before.updated_at : publishedAt,
        ];
      });
      await client.query(
        `INSERT INTO catalog_packages (id, position, name, description, updated_at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])`,
        [0, 1, 2, 3, 4].map((i) => rows.map((r) => r[i])),
      );
      await client.query(
        `INSERT INTO meta (key, value) VALUES ('catalog_version', '1'), ('catalog_published_at', $1)
         ON CONFLICT (key) DO UPDATE SET value = CASE meta.key
           WHEN 'catalog_version' THEN (meta.value::int + 1)::text ELSE excluded.value END`,
        [publishedAt],
      );
    }, LOCK_CATALOG);
    return this.getCatalog();
  }

  async getCatalog(): Promise<Catalog> {
    // One statement, so the packages and the version are read from one snapshot.
    const { rows } = await this.pool.query<{
      meta: Record<string, string>;
      packages: PackageRow[] | null;
    }>(
      `SELECT (SELECT coalesce(json_object_agg(key, value), '{}') FROM meta
                WHERE key IN ('catalog_version', 'catalog_published_at')) AS meta,
              (SELECT json_agg(p ORDER BY position) FROM
                (SELECT id, name, description, updated_at, position FROM catalog_packages) p) AS packages`,
    );
    const { meta, packages } = rows[0]!;
    return {
      version: Number(meta.catalog_version ?? '0'),
      publishedAt: meta.catalog_published_at ?? null,
      packages: (packages ?? []).map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        updatedAt: r.updated_at,
      })),
    };
  }

  async addCoordinator(c: {
    id: string;
    name: string;
    tokenHash: string;
    createdAt: string;
  }): Promise<void> {
    try {
      await this.pool.query(
        'INSERT INTO coordinators (id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)',
        [c.id, text(c.name), c.tokenHash, c.createdAt],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new CoordinatorExistsError(c.name);
      throw error;
    }
  }

  async revokeCoordinator(name: string, at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE coordinators SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL',
      [at, text(name)],
    );
    return (rowCount ?? 0) > 0;
  }

  async listCoordinators(): Promise<CoordinatorRecord[]> {
    const { rows } = await this.pool.query<{
      id: string;
      name: string;
      created_at: string;
      revoked_at: string | null;
    }>('SELECT id, name, created_at, revoked_at FROM coordinators ORDER BY created_at, name');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }

  async coordinatorByTokenHash(tokenHash: string): Promise<Coordinator | null> {
    const { rows } = await this.pool.query<Coordinator>(
      'SELECT id, name FROM coordinators WHERE token_hash = $1 AND revoked_at IS NULL',
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * Claims and their feed event in one transaction, under the append lock (the feed's ordering
   * contract), which also serialises claims: two instances never both grant one order.
   */
  async claimOrders(input: ClaimOrdersInput): Promise<ClaimOutcome> {
    if (this.closed) throw new Error('gateway store is closed');
    return this.transaction(async (client): Promise<ClaimOutcome> => {
      const { rows } = await client.query<{
        account_id: string;
        order_id: string;
        coordinator_id: string;
        name: string;
        claimed_at: string;
        expires_at: string;
      }>(
        `SELECT c.account_id, c.order_id, c.coordinator_id, k.name, c.claimed_at, c.expires_at
         FROM claims c JOIN coordinators k ON k.id = c.coordinator_id
         JOIN unnest($1::text[], $2::text[]) AS t(a, o) ON c.account_id = t.a AND c.order_id = t.o
         WHERE c.expires_at > $3 AND c.coordinator_id <> $4`,
        [
          input.orders.map((o) => text(o.accountId)),
          input.orders.map((o) => text(o.orderId)),
          input.at,
          input.by.id,
        ],
      );
      const held: Claim[] = rows.map((r) => ({
        accountId: r.account_id,
        orderId: r.order_id,
        by: { id: r.coordinator_id, name: r.name },
        claimedAt: r.claimed_at,
        expiresAt: r.expires_at,
      }));
      if (held.length > 0 && !input.takeover) return { status: 'conflict', claims: held };
      await client.query(
        `INSERT INTO claims (account_id, order_id, coordinator_id, claimed_at, expires_at)
         SELECT DISTINCT ON (a, o) a, o, $3, $4, $5 FROM unnest($1::text[], $2::text[]) AS t(a, o)
         ON CONFLICT (account_id, order_id) DO UPDATE SET coordinator_id = excluded.coordinator_id,
           claimed_at = excluded.claimed_at, expires_at = excluded.expires_at`,
        [
          input.orders.map((o) => text(o.accountId)),
          input.orders.map((o) => text(o.orderId)),
          input.by.id,
          input.at,
          input.expiresAt,
        ],
      );
      const claims = input.orders.map((o) => ({
        ...o,
        by: input.by,
        claimedAt: input.at,
        expiresAt: input.expiresAt,
      }));
      const team = input.teamEvent({ claims, takenFrom: held });
      await this.appendBatch(client, [{ ...team, resolve: () => {}, reject: () => {} }]);
      return { status: 'claimed', claims, takenFrom: held };
    }, LOCK_APPEND);
  }

  async releaseOrders(input: ReleaseOrdersInput): Promise<OrderRef[]> {
    if (this.closed) throw new Error('gateway store is closed');
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ account_id: string; order_id: string }>(
        `DELETE FROM claims c USING unnest($1::text[], $2::text[]) AS t(a, o)
         WHERE c.account_id = t.a AND c.order_id = t.o AND c.coordinator_id = $3
         RETURNING c.account_id, c.order_id`,
        [
          input.orders.map((o) => text(o.accountId)),
          input.orders.map((o) => text(o.orderId)),
          input.by.id,
        ],
      );
      const gone = new Set(rows.map((r) => `${r.account_id}\u0000${r.order_id}`));
      const released = input.orders.filter((o) =>
        gone.has(`${text(o.accountId)}\u0000${text(o.orderId)}`),
      );
      if (released.length > 0) {
        const team = input.teamEvent(released);
        await this.appendBatch(client, [{ ...team, resolve: () => {}, reject: () => {} }]);
      }
      return released;
    }, LOCK_APPEND);
  }

  async readCatalogEntries(afterRevision: number): Promise<CatalogEntriesPage> {
    return this.transaction(async (client) => ({
      revision: await this.counter(client, 'catalog_revision'),
      entries: (
        await client.query<EntryRow>(
          'SELECT * FROM catalog_entries WHERE revision > $1 ORDER BY revision',
          [afterRevision],
        )
      ).rows.map(toEntry),
    }));
  }

  async writeCatalogEntry(
    id: string,
    write: CatalogEntryWrite,
    at: string,
    by: string | null,
  ): Promise<WriteOutcome<CatalogRecord>> {
    return this.transaction(async (client): Promise<WriteOutcome<CatalogRecord>> => {
      const current = (
        await client.query<EntryRow>('SELECT * FROM catalog_entries WHERE id = $1', [id])
      ).rows[0];
      if (Number(current?.version ?? 0) !== write.baseVersion) {
        return { status: 'conflict', current: current ? toEntry(current) : null };
      }
      const revision = await this.bump(client, 'catalog_revision');
      const { rows } = await client.query<EntryRow>(
        `INSERT INTO catalog_entries (id, name, description, type, turnaround_hours, archived,
           version, revision, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
           type = excluded.type, turnaround_hours = excluded.turnaround_hours,
           archived = excluded.archived, version = excluded.version, revision = excluded.revision,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by
         RETURNING *`,
        [
          text(id),
          text(write.name),
          text(write.description),
          text(write.type),
          write.turnaroundHours,
          write.archived ? 1 : 0,
          write.baseVersion + 1,
          revision,
          at,
          by,
        ],
      );
      return { status: 'written', record: toEntry(rows[0]!) };
    }, LOCK_TEAM_RECORDS);
  }

  async readMappings(afterRevision: number): Promise<MappingsPage> {
    return this.transaction(async (client) => ({
      revision: await this.counter(client, 'mappings_revision'),
      mappings: (
        await client.query<MappingRow>(
          'SELECT * FROM mappings WHERE revision > $1 ORDER BY revision',
          [afterRevision],
        )
      ).rows.map(toMapping),
    }));
  }

  async writeMappings(
    writes: readonly MappingWrite[],
    at: string,
    by: string | null,
  ): Promise<WriteOutcome<MappingRecord>[]> {
    return this.transaction(async (client) => {
      const out: WriteOutcome<MappingRecord>[] = [];
      for (const w of writes) {
        const key = [text(w.accountId), w.target, text(w.targetId)];
        const current = (
          await client.query<MappingRow>(
            'SELECT * FROM mappings WHERE account_id = $1 AND target = $2 AND target_id = $3',
            key,
          )
        ).rows[0];
        if (Number(current?.version ?? 0) !== w.baseVersion) {
          out.push({ status: 'conflict', current: current ? toMapping(current) : null });
          continue;
        }
        const revision = await this.bump(client, 'mappings_revision');
        const { rows } = await client.query<MappingRow>(
          `INSERT INTO mappings (account_id, target, target_id, package_id, version, revision,
             updated_at, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (account_id, target, target_id) DO UPDATE SET
             package_id = excluded.package_id, version = excluded.version,
             revision = excluded.revision, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by
           RETURNING *`,
          [...key, text(w.packageId), w.baseVersion + 1, revision, at, by],
        );
        out.push({ status: 'written', record: toMapping(rows[0]!) });
      }
      return out;
    }, LOCK_TEAM_RECORDS);
  }

  private async counter(client: pg.PoolClient, key: string): Promise<number> {
    const { rows } = await client.query<{ value: string }>(
      'SELECT value FROM meta WHERE key = $1',
      [key],
    );
    return Number(rows[0]?.value ?? '0');
  }

  /** The next value of a counter in meta (inside the caller's locked transaction). */
  private async bump(client: pg.PoolClient, key: string): Promise<number> {
    const { rows } = await client.query<{ value: string }>(
      `INSERT INTO meta (key, value) VALUES ($1, '1')
       ON CONFLICT (key) DO UPDATE SET value = (meta.value::int + 1)::text
       RETURNING value`,
      [key],
    );
    return Number(rows[0]!.value);
  }

  /** Runs `fn` in a transaction, which first takes the advisory lock `lock` when given. */
  private async transaction<T>(
    fn: (client: pg.PoolClient) => Promise<T>,
    lock?: number,
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      // BEGIN and the lock in one round trip (a simple query may hold several statements; `lock`
      // is one of the constants above, never input).
      await client.query(
        lock === undefined ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(${lock})`,
      );
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.pool.end();
  }
}

/** For messages: the URL with its password masked (or as is when it does not parse). */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function migratable(client: pg.PoolClient): AsyncMigratableDatabase {
  return {
    query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    transaction: async (fn) => {
      await client.query('BEGIN');
      try {
        await fn();
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  };
}
