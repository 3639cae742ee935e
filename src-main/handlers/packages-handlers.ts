import { randomUUID } from 'node:crypto';
import {
  DeskFailure,
  MAPPING_CSV_COLUMNS,
  MappingTargetSchema,
  isStaticPackageProvider,
  type BgPackage,
  type BgPackageValues,
  type BgTest,
  type CatalogEntry,
  type CatalogView,
  type Mapping,
  type MappingImportRow,
  type MappingImportRowReport,
  type MappingTarget,
  type PublishState,
  type packageCommands,
} from '../../src-shared/contract';
import type { WorkspaceCache } from '../cache';
import { RECENT_DONE_MS } from '../packages/package-queue';
import type {
  CachedCatalogEntry,
  CachedMapping,
  MappingKey,
} from '../packages/team-records-repository';
import { GatewayClientError } from '../sync/gateway-client';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

type PackageCommand = keyof typeof packageCommands;

function publishState(
  e: CachedCatalogEntry,
  published: Map<string, { name: string; description: string | null }>,
): PublishState {
  const served = published.get(e.id);
  if (e.archived) return served ? 'withdrawing' : 'archived';
  if (!served) return 'new';
  return served.name === e.name && served.description === e.description ? 'published' : 'changed';
}

function catalogView(cache: WorkspaceCache): CatalogView {
  const published = cache.teamRecords.published();
  const served = new Map(published.packages.map((p) => [p.id, p]));
  const entries: CatalogEntry[] = cache.teamRecords.catalog().map((e) => {
    const { dirty, ...record } = e;
    return { ...record, publishState: publishState(e, served), pending: dirty > 0 };
  });
  return {
    entries,
    published,
    unpublished: entries.filter((e) => ['changed', 'new', 'withdrawing'].includes(e.publishState))
      .length,
    revision: cache.teamRecords.revision('catalog'),
    syncedAt: cache.teamRecords.state('synced_at'),
  };
}

function toEntry(cache: WorkspaceCache, id: string): CatalogEntry {
  const entry = catalogView(cache).entries.find((e) => e.id === id);
  if (!entry) throw new DeskFailure('not_found', `There is no package "${id}" in the catalog.`);
  return entry;
}

function toMapping(m: CachedMapping, names: Map<string, string>): Mapping {
  const { dirty, ...record } = m;
  return {
    ...record,
    packageName: m.packageId ? (names.get(m.packageId) ?? null) : null,
    pending: dirty > 0,
  };
}

const packageNames = (cache: WorkspaceCache) =>
  new Map(cache.teamRecords.catalog().map((e) => [e.id, e.name]));

function staticAccountIds(cache: WorkspaceCache): string[] {
  return cache.accounts
    .list()
    .filter((a) => isStaticPackageProvider(a.provider))
    .map((a) => a.id);
}

function account(cache: WorkspaceCache, accountId: string) {
  const found = cache.accounts.list().find((a) => a.id === accountId);
  if (!found) throw new DeskFailure('not_found', `There is no linked account "${accountId}".`);
  return found;
}

const STALE =
  'This changed since you opened it (another coordinator, or a sync). Look at it again and redo your change.';

/** Packages and mappings (issue 16): see src-shared/contract/commands/packages.ts. */
export function packagesHandlers(ctx: HandlerContext): HandlerSet<PackageCommand> {
  const at = () => ctx.now().toISOString();
  /** Sends local edits to the gateway now if it answers (they are durable either way). */
  const sendSoon = async () => (await ctx.packages()).team?.soon();
  const changed = (tables: ('catalog' | 'mappings' | 'orders' | 'packages')[]) =>
    ctx.bus.emit('data:changed', { workspaceId: ctx.workspaces.active().id, tables });

  async function editEntry(
    id: string,
    baseVersion: number,
    values: (
      c: CachedCatalogEntry | null,
    ) => Parameters<WorkspaceCache['teamRecords']['editEntry']>[1],
  ) {
    const cache = await ctx.cache();
    const current = cache.teamRecords.entry(id);
    if (baseVersion === 0 && current)
      throw new DeskFailure('conflict', `A package with id "${id}" is already in the catalog.`);
    if (baseVersion > 0 && !current)
      throw new DeskFailure('not_found', `There is no package "${id}" in the catalog.`);
    if (current && current.version !== baseVersion) throw new DeskFailure('conflict', STALE);
    await (await ctx.writer()).run('editCatalogEntry', { id, values: values(current), at: at() });
    changed(['catalog']);
    await sendSoon();
    return { entry: toEntry(cache, id) };
  }

  async function editMappings(
    accountId: string,
    targets: { target: MappingTarget; targetId: string; baseVersion: number }[],
    packageId: string | null,
  ) {
    const cache = await ctx.cache();
    account(cache, accountId);
    if (packageId !== null && !cache.teamRecords.entry(packageId))
      throw new DeskFailure('not_found', `There is no package "${packageId}" in the catalog.`);
    const keys: MappingKey[] = [];
    for (const t of targets) {
      const key = { accountId, target: t.target, targetId: t.targetId };
      if ((cache.teamRecords.mapping(key)?.version ?? 0) !== t.baseVersion)
        throw new DeskFailure('conflict', `${t.targetId}: ${STALE}`);
      keys.push(key);
    }
    const before = cache.teamRecords.unmappedOrders(accountId);
    await (
      await ctx.writer()
    ).run('editMappings', {
      edits: [{ keys, packageId }],
      staticAccounts: staticAccountIds(cache).filter((a) => a === accountId),
      at: at(),
    });
    const after = cache.teamRecords.unmappedOrders(accountId);
    changed(['mappings', 'orders']);
    await sendSoon();
    const names = packageNames(cache);
    const mappings = keys.map((k) =>
      toMapping(cache.teamRecords.mapping(k) as CachedMapping, names),
    );
    return { mappings, before, after };
  }

  /** What a CSV row would do, and what is wrong with it. */
  function checkRow(
    cache: WorkspaceCache,
    row: MappingImportRow,
    accounts: Set<string>,
  ): MappingImportRowReport {
    const issues: MappingImportRowReport['issues'] = [];
    const accountId = row.account_id.trim();
    const targetId = row.target_id.trim();
    const packageId = row.package_id.trim() || null;
    const target = MappingTargetSchema.safeParse(row.target.trim());
    if (!accountId) issues.push({ path: ['account_id'], message: 'Name the linked account.' });
    else if (!accounts.has(accountId))
      issues.push({
        path: ['account_id'],
        message: `There is no static-package account "${accountId}".`,
      });
    if (!target.success)
      issues.push({ path: ['target'], message: 'Use ats_test_id, job_posting or job.' });
    if (!targetId)
      issues.push({ path: ['target_id'], message: 'Name the ATS test id, job posting or job.' });
    else if (
      target.success &&
      target.data !== 'ats_test_id' &&
      accounts.has(accountId) &&
      !cache.teamRecords.hasTarget(accountId, target.data, targetId)
    )
      issues.push({
        path: ['target_id'],
        message: `There is no ${target.data.replace('_', ' ')} "${targetId}" in this account.`,
      });
    if (packageId && !cache.teamRecords.entry(packageId))
      issues.push({
        path: ['package_id'],
        message: `There is no package "${packageId}" in the catalog.`,
      });
    const current =
      target.success && accountId && targetId
        ? cache.teamRecords.mapping({ accountId, target: target.data, targetId })
        : null;
    const was = current?.packageId ?? null;
    return {
      line: row.line,
      accountId: accountId || null,
      target: target.success ? target.data : null,
      targetId: targetId || null,
      packageId,
      change:
        issues.length > 0
          ? null
          : was === packageId
            ? 'unchanged'
            : packageId === null
              ? 'cleared'
              : was === null
                ? 'new'
                : 'changed',
      issues,
    };
  }

  function bgTests(raw: unknown): BgTest[] {
    const tests = (raw as { tests?: unknown } | null)?.tests;
    if (!Array.isArray(tests)) return [];
    return tests.map((t: { id?: unknown; name?: unknown; description?: unknown }) => ({
      id: typeof t.id === 'string' ? t.id : null,
      name: typeof t.name === 'string' ? t.name : null,
      description: typeof t.description === 'string' ? t.description : null,
    }));
  }

  async function queueJob(
    accountId: string,
    op: 'create' | 'update' | 'delete',
    packageId: string | null,
    values: BgPackageValues | null,
  ) {
    const cache = await ctx.cache();
    account(cache, accountId);
    if (packageId !== null) {
      const pkg = cache.packages.get('background_check', accountId, packageId);
      if (!pkg || pkg.missing)
        throw new DeskFailure(
          'not_found',
          `There is no background-check package ${packageId} in this account.`,
        );
    }
    const job = await (
      await ctx.writer()
    ).run('enqueuePackageJob', {
      job: { id: randomUUID(), accountId, op, packageId, values },
      at: at(),
    });
    (await ctx.packages()).queue.wake();
    changed(['packages']);
    return { job };
  }

  return {
    'catalog:get': async () => catalogView(await ctx.cache()),
    'catalog:save': ({ id, values, baseVersion }) =>
      editEntry(id, baseVersion, (current) => ({
        ...values,
        archived: current?.archived ?? false,
      })),
    'catalog:archive': ({ id, archived, baseVersion }) =>
      editEntry(id, baseVersion, (current) => {
        if (!current)
          throw new DeskFailure('not_found', `There is no package "${id}" in the catalog.`);
        const { name, description, type, turnaroundHours } = current;
        return { name, description, type, turnaroundHours, archived };
      }),
    'catalog:publish': async ({ baseRevision }) => {
      const cache = await ctx.cache();
      const { team, teamProblem } = await ctx.packages();
      if (!team) throw new DeskFailure('unreachable', teamProblem ?? 'No order gateway is set up.');
      if (baseRevision !== cache.teamRecords.revision('catalog'))
        throw new DeskFailure(
          'conflict',
          'The catalog changed since you looked at it. Check it again, then publish.',
        );
      try {
        await team.sync();
        await (await ctx.gateway()).publishEntries(cache.teamRecords.revision('catalog'));
        await team.sync();
      } catch (error) {
        if (error instanceof GatewayClientError && error.kind === 'conflict')
          throw new DeskFailure(
            'conflict',
            'Another coordinator changed the catalog just now. Check it again, then publish.',
          );
        if (error instanceof GatewayClientError)
          throw new DeskFailure('unreachable', error.message);
        throw error;
      }
      changed(['catalog']);
      return catalogView(cache);
    },
    'catalog:resolve-conflict': async ({ id, keep }) => {
      const cache = await ctx.cache();
      const done = await (await ctx.writer()).run('resolveCatalogConflict', { id, keep, at: at() });
      if (!done) throw new DeskFailure('not_found', `Package "${id}" has no conflict to resolve.`);
      changed(['catalog']);
      if (keep === 'mine') await sendSoon();
      return { entry: toEntry(cache, id) };
    },

    'mappings:accounts': async () => {
      const cache = await ctx.cache();
      return {
        accounts: cache.accounts
          .list()
          .filter((a) => isStaticPackageProvider(a.provider))
          .map((a) => {
            const counts = cache.teamRecords.targetCounts(a.id);
            return {
              accountId: a.id,
              label: a.name,
              provider: a.provider,
              postings: counts.postings,
              jobs: counts.jobs,
              unmappedTargets: counts.unmapped,
              unmappedOrders: cache.teamRecords.unmappedOrders(a.id),
            };
          }),
      };
    },
    'mappings:list-targets': async (q) => {
      const cache = await ctx.cache();
      const names = packageNames(cache);
      const { rows, total } = cache.teamRecords.targets(q);
      return {
        total,
        rows: rows.map((r) => {
          const m = cache.teamRecords.mapping({
            accountId: q.accountId,
            target: r.target,
            targetId: r.id,
          });
          return {
            accountId: q.accountId,
            target: r.target,
            id: r.id,
            title: r.title,
            jobId: r.job_id,
            status: r.status,
            updatedAt: r.updated_at,
            mapping:
              m && (m.packageId !== null || m.conflict || m.dirty > 0) ? toMapping(m, names) : null,
            unmappedOrders: r.unmapped_orders,
          };
        }),
      };
    },
    'mappings:list': async ({ accountId, target, packageId }) => {
      const cache = await ctx.cache();
      const names = packageNames(cache);
      return {
        rows: cache.teamRecords
          .mappings()
          .filter(
            (m) =>
              (m.packageId !== null || m.conflict !== null) &&
              (!accountId || m.accountId === accountId) &&
              (!target || m.target === target) &&
              (!packageId || m.packageId === packageId),
          )
          .map((m) => toMapping(m, names)),
      };
    },
    'mappings:assign': async ({ accountId, packageId, targets }) => {
      const r = await editMappings(accountId, targets, packageId);
      return { mappings: r.mappings, ordersMapped: Math.max(0, r.before - r.after) };
    },
    'mappings:clear': async ({ accountId, targets }) => {
      const r = await editMappings(accountId, targets, null);
      return { mappings: r.mappings, ordersUnmapped: Math.max(0, r.after - r.before) };
    },
    'mappings:resolve-conflict': async ({ accountId, target, targetId, keep }) => {
      const cache = await ctx.cache();
      const key = { accountId, target, targetId };
      const done = await (
        await ctx.writer()
      ).run('resolveMappingConflict', { key, keep, at: at() });
      if (!done)
        throw new DeskFailure(
          'not_found',
          `The mapping of ${targetId} has no conflict to resolve.`,
        );
      changed(['mappings']);
      if (keep === 'mine') await sendSoon();
      return {
        mapping: toMapping(cache.teamRecords.mapping(key) as CachedMapping, packageNames(cache)),
      };
    },
    'mappings:import-preview': async ({ rows }) => {
      const cache = await ctx.cache();
      const accounts = new Set(staticAccountIds(cache));
      const reports = rows.map((r) => checkRow(cache, r, accounts));
      const invalid = reports.filter((r) => r.issues.length > 0).length;
      return { rows: reports, valid: reports.length - invalid, invalid };
    },
    'mappings:import-commit': async ({ rows }) => {
      const cache = await ctx.cache();
      const statics = staticAccountIds(cache);
      const accounts = new Set(statics);
      const reports = rows.map((r) => checkRow(cache, r, accounts));
      const apply = reports.filter((r) => r.issues.length === 0 && r.change !== 'unchanged');
      const groups = new Map<string, { keys: MappingKey[]; packageId: string | null }>();
      for (const r of apply) {
        const group = groups.get(r.packageId ?? '') ?? { keys: [], packageId: r.packageId };
        group.keys.push({ accountId: r.accountId!, target: r.target!, targetId: r.targetId! });
        groups.set(r.packageId ?? '', group);
      }
      if (apply.length > 0) {
        await (
          await ctx.writer()
        ).run('editMappings', {
          edits: [...groups.values()],
          staticAccounts: statics,
          at: at(),
        });
        changed(['mappings', 'orders']);
        await sendSoon();
      }
      return { applied: apply.length, skipped: reports.filter((r) => r.issues.length > 0) };
    },
    'mappings:export': async ({ accountId }) => {
      const cache = await ctx.cache();
      const names = packageNames(cache);
      const titles = new Map<string, string | null>();
      const rows = cache.teamRecords
        .mappings()
        .filter((m) => m.packageId !== null && (!accountId || m.accountId === accountId))
        .map((m) => {
          let title = '';
          if (m.target !== 'ats_test_id') {
            const key = `${m.accountId}/${m.target}/${m.targetId}`;
            if (!titles.has(key)) {
              const found = cache.teamRecords.targets({
                accountId: m.accountId,
                target: m.target,
                unmappedOnly: false,
                search: m.targetId,
                offset: 0,
                limit: 5,
              });
              titles.set(key, found.rows.find((r) => r.id === m.targetId)?.title ?? null);
            }
            title = titles.get(key) ?? '';
          }
          return {
            account_id: m.accountId,
            target: m.target,
            target_id: m.targetId,
            target_title: title,
            package_id: m.packageId ?? '',
            package_name: names.get(m.packageId ?? '') ?? '',
          };
        });
      return { columns: [...MAPPING_CSV_COLUMNS], rows };
    },

    'bg-packages:list': async ({ accountId }) => {
      const cache = await ctx.cache();
      const acc = account(cache, accountId);
      const jobs = cache.packageJobs.ofAccount(
        accountId,
        new Date(ctx.now().getTime() - RECENT_DONE_MS).toISOString(),
      );
      const open = jobs.filter((j) => j.state !== 'done');
      const listed = cache.packages.list('background_check', accountId).filter((p) => !p.missing);
      const rows: BgPackage[] = listed.map((p) => ({
        accountId,
        id: p.id,
        name: p.name,
        description: p.description,
        tests: bgTests(p.raw),
        job: open.find((j) => j.packageId === p.id) ?? null,
        syncedAt: p.syncedAt,
      }));
      // Creates not applied yet show as rows of their own.
      for (const j of open) {
        if (j.op !== 'create' || (j.packageId && listed.some((p) => p.id === j.packageId)))
          continue;
        rows.push({
          accountId,
          id: j.packageId,
          name: j.values?.name ?? null,
          description: j.values?.description ?? null,
          tests: (j.values?.tests ?? []).map((t) => ({
            id: t.id ?? null,
            name: t.name,
            description: t.description,
          })),
          job: j,
          syncedAt: null,
        });
      }
      const syncedAt =
        listed
          .map((p) => p.syncedAt)
          .sort()
          .at(-1) ?? null;
      return { rows, jobs, accountLabel: acc.name, syncedAt };
    },
    'bg-packages:create': ({ accountId, values }) => queueJob(accountId, 'create', null, values),
    'bg-packages:update': ({ accountId, id, values }) => queueJob(accountId, 'update', id, values),
    'bg-packages:delete': ({ accountId, id }) => queueJob(accountId, 'delete', id, null),
    'bg-packages:retry': async ({ jobId }) => {
      const cache = await ctx.cache();
      if (!(await (await ctx.writer()).run('retryPackageJob', { id: jobId, at: at() })))
        throw new DeskFailure('not_found', 'There is no waiting or parked job with that id.');
      (await ctx.packages()).queue.wake();
      changed(['packages']);
      return { job: cache.packageJobs.get(jobId)! };
    },
    'bg-packages:discard': async ({ jobId }) => {
      const discarded = await (await ctx.writer()).run('discardPackageJob', { id: jobId });
      if (discarded) changed(['packages']);
      return { discarded };
    },
  };
}
