import {
  DeskFailure,
  MAPPING_CSV_COLUMNS,
  MappingTargetSchema,
  type BgPackage,
  type BgPackageJob,
  type CatalogEntry,
  type CatalogRecord,
  type CatalogView,
  type CommandName,
  type EventName,
  type EventPayload,
  type Mapping,
  type MappingImportRow,
  type MappingImportRowReport,
  type MappingRow,
  type ParsedInput,
  type PublishState,
} from '../../../src-shared/contract';
import type { FakeRecords } from './fake-records';

type Handler<N extends CommandName> = (input: ParsedInput<N>) => unknown;
type PackageCommand = Extract<
  CommandName,
  `catalog:${string}` | `mappings:${string}` | `bg-packages:${string}`
>;

const STATIC_ACCOUNT = { id: 'acc-acme', label: 'Acme', provider: 'Workday' };

/**
 * Packages and mappings for component tests: an in-memory "gateway" that writes apply to at once
 * (no outbox delay), so screens render their steady states. `conflictNext(id)` makes the next
 * catalog or mapping write of that id come back with a conflict, as a stale write does in main.
 */
export function createFakePackages(
  records: FakeRecords,
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void,
) {
  let clock = Date.parse('2025-03-10T12:00:00Z');
  const stamp = () => new Date((clock += 1000)).toISOString();
  const changed = (tables: ('catalog' | 'mappings' | 'packages' | 'orders')[]) =>
    emit('data:changed', { workspaceId: 'sandbox', tables });

  const catalog = new Map<string, CatalogRecord>();
  const conflicts = new Map<string, CatalogEntry['conflict']>();
  let published: CatalogView['published'] = { version: 0, publishedAt: null, packages: [] };
  let revision = 0;
  for (const [id, name, hours] of [
    ['pkg-code', 'Coding test', 48],
    ['pkg-crim', 'Criminal record', 72],
    ['pkg-pers', 'Personality', null],
  ] as const) {
    revision++;
    catalog.set(id, {
      id,
      name,
      description: null,
      type: null,
      turnaroundHours: hours,
      archived: false,
      version: 1,
      updatedAt: stamp(),
      updatedBy: null,
    });
  }
  published = {
    version: 1,
    publishedAt: stamp(),
    packages: [...catalog.values()]
      .filter((p) => p.id !== 'pkg-pers')
      .map(({ id, name, description }) => ({ id, name, description })),
  };

  const mappings = new Map<string, Mapping>();
  const mapKey = (accountId: string, target: string, targetId: string) =>
    `${accountId}/${target}/${targetId}`;
  const bgPackages: BgPackage[] = [
    {
      accountId: STATIC_ACCOUNT.id,
      id: 'bgp-1',
      name: 'Standard screening',
      description: 'Identity and criminal record',
      tests: [
        { id: 'bgt-1', name: 'Identity', description: null },
        { id: 'bgt-2', name: 'Criminal record', description: null },
      ],
      job: null,
      syncedAt: '2025-03-10T12:00:00.000Z',
    },
  ];
  const bgJobs: BgPackageJob[] = [];
  let nextJob = 1;

  function publishState(p: CatalogRecord): PublishState {
    const served = published.packages.find((s) => s.id === p.id);
    if (p.archived) return served ? 'withdrawing' : 'archived';
    if (!served) return 'new';
    return served.name === p.name && served.description === p.description ? 'published' : 'changed';
  }
  const entry = (p: CatalogRecord): CatalogEntry => ({
    ...p,
    publishState: publishState(p),
    pending: false,
    conflict: conflicts.get(p.id) ?? null,
  });
  const view = (): CatalogView => {
    const entries = [...catalog.values()].map(entry);
    return {
      entries,
      published,
      unpublished: entries.filter((e) => ['changed', 'new', 'withdrawing'].includes(e.publishState))
        .length,
      revision,
      syncedAt: '2025-03-10T12:00:00.000Z',
    };
  };
  const staleIds = new Set<string>();

  function writeCatalog(id: string, baseVersion: number, patch: Partial<CatalogRecord>) {
    const current = catalog.get(id);
    if (baseVersion === 0 && current)
      throw new DeskFailure('conflict', `A package with id "${id}" exists already.`);
    if (baseVersion > 0 && !current) throw new DeskFailure('not_found', `No package "${id}".`);
    const mine: CatalogRecord = {
      id,
      name: '',
      description: null,
      type: null,
      turnaroundHours: null,
      archived: false,
      ...current,
      ...patch,
      version: baseVersion,
      updatedAt: stamp(),
      updatedBy: null,
    };
    if (staleIds.delete(id) && current) {
      const theirs = {
        ...current,
        name: `${current.name} (edited elsewhere)`,
        version: current.version + 1,
      };
      catalog.set(id, theirs);
      conflicts.set(id, { mine, theirs, changedFields: ['name'], at: stamp() });
      changed(['catalog']);
      return entry(theirs);
    }
    const stored = { ...mine, version: (current?.version ?? 0) + 1 };
    catalog.set(id, stored);
    conflicts.delete(id);
    revision++;
    changed(['catalog']);
    return entry(stored);
  }

  const postings = () => records.postings.filter((p) => p.accountId === STATIC_ACCOUNT.id);
  function targetRows(accountId: string): MappingRow[] {
    const rows: MappingRow[] = [
      ...records.postings
        .filter((p) => p.accountId === accountId)
        .map((p) => ({
          accountId,
          target: 'job_posting' as const,
          id: p.id,
          title: p.title,
          jobId: p.jobId,
          status: p.status,
          updatedAt: p.updatedAt,
        })),
      ...records.jobs
        .filter((j) => j.accountId === accountId)
        .map((j) => ({
          accountId,
          target: 'job' as const,
          id: j.id,
          title: j.title,
          jobId: null,
          status: j.status,
          updatedAt: j.updatedAt,
        })),
    ].map((r) => {
      const m = mappings.get(mapKey(accountId, r.target, r.id)) ?? null;
      return {
        ...r,
        mapping: m?.packageId ? m : null,
        unmappedOrders:
          r.target === 'job'
            ? records.orders.filter(
                (o) => o.accountId === accountId && o.jobId === r.id && o.unmapped,
              ).length
            : 0,
      };
    });
    return rows;
  }
  /** Like main: an unmapped order of a job becomes mapped once its job has a package. */
  function refreshOrders(accountId: string) {
    for (const o of records.orders) {
      if (o.accountId !== accountId || !o.unmapped || o.jobId === null) continue;
      const m = mappings.get(mapKey(accountId, 'job', o.jobId));
      if (m?.packageId) Object.assign(o, { unmapped: false, packageId: m.packageId });
    }
  }
  function setMapping(
    accountId: string,
    target: Mapping['target'],
    targetId: string,
    packageId: string | null,
  ): Mapping {
    const key = mapKey(accountId, target, targetId);
    const current = mappings.get(key);
    const m: Mapping = {
      accountId,
      target,
      targetId,
      packageId,
      packageName: packageId ? (catalog.get(packageId)?.name ?? null) : null,
      version: (current?.version ?? 0) + 1,
      updatedAt: stamp(),
      updatedBy: null,
      pending: false,
      conflict: null,
    };
    mappings.set(key, m);
    return m;
  }

  function checkRow(row: MappingImportRow): MappingImportRowReport {
    const issues: MappingImportRowReport['issues'] = [];
    const target = MappingTargetSchema.safeParse(row.target.trim());
    if (row.account_id.trim() === '')
      issues.push({ path: ['account_id'], message: 'Name the account.' });
    if (!target.success)
      issues.push({ path: ['target'], message: 'Use ats_test_id, job_posting or job.' });
    if (row.target_id.trim() === '')
      issues.push({ path: ['target_id'], message: 'Name the job posting, job or test id.' });
    const packageId = row.package_id.trim() || null;
    if (packageId && !catalog.has(packageId))
      issues.push({ path: ['package_id'], message: `There is no package "${packageId}".` });
    const current = target.success
      ? mappings.get(mapKey(row.account_id.trim(), target.data, row.target_id.trim()))
      : undefined;
    const change =
      issues.length > 0
        ? null
        : (current?.packageId ?? null) === packageId
          ? 'unchanged'
          : packageId === null
            ? 'cleared'
            : current?.packageId
              ? 'changed'
              : 'new';
    return {
      line: row.line,
      accountId: row.account_id.trim() || null,
      target: target.success ? target.data : null,
      targetId: row.target_id.trim() || null,
      packageId,
      change,
      issues,
    };
  }

  function queueBg(
    job: Omit<
      BgPackageJob,
      | 'id'
      | 'state'
      | 'attempts'
      | 'nextAttemptAt'
      | 'lastError'
      | 'lastStatus'
      | 'createdAt'
      | 'updatedAt'
    >,
  ) {
    const at = stamp();
    const j: BgPackageJob = {
      ...job,
      id: `bgjob-${nextJob++}`,
      state: 'done',
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
      lastStatus: 200,
      createdAt: at,
      updatedAt: at,
    };
    bgJobs.unshift(j);
    changed(['packages']);
    return j;
  }

  const handlers: { [N in PackageCommand]: Handler<N> } = {
    'catalog:get': () => view(),
    'catalog:save': ({ id, values, baseVersion }) => ({
      entry: writeCatalog(id, baseVersion, values),
    }),
    'catalog:archive': ({ id, archived, baseVersion }) => ({
      entry: writeCatalog(id, baseVersion, { archived }),
    }),
    'catalog:publish': ({ baseRevision }) => {
      if (baseRevision !== revision)
        throw new DeskFailure('conflict', 'The catalog changed since you looked; check it again.');
      published = {
        version: published.version + 1,
        publishedAt: stamp(),
        packages: [...catalog.values()]
          .filter((p) => !p.archived)
          .map(({ id, name, description }) => ({ id, name, description })),
      };
      changed(['catalog']);
      return view();
    },
    'catalog:resolve-conflict': ({ id, keep }) => {
      const c = conflicts.get(id);
      const current = catalog.get(id);
      if (!c || !current) throw new DeskFailure('not_found', `Package "${id}" has no conflict.`);
      conflicts.delete(id);
      if (keep === 'theirs') return { entry: entry(current) };
      return { entry: writeCatalog(id, current.version, c.mine) };
    },
    'mappings:accounts': () => ({
      accounts: [
        {
          accountId: STATIC_ACCOUNT.id,
          label: STATIC_ACCOUNT.label,
          provider: STATIC_ACCOUNT.provider,
          postings: postings().length,
          jobs: records.jobs.filter((j) => j.accountId === STATIC_ACCOUNT.id).length,
          unmappedTargets: targetRows(STATIC_ACCOUNT.id).filter((r) => !r.mapping).length,
          unmappedOrders: records.orders.filter(
            (o) => o.accountId === STATIC_ACCOUNT.id && o.unmapped,
          ).length,
        },
      ],
    }),
    'mappings:list-targets': ({ accountId, target, unmappedOnly, search, offset, limit }) => {
      const q = search?.toLowerCase();
      const rows = targetRows(accountId).filter(
        (r) =>
          (!target || r.target === target) &&
          (!unmappedOnly || r.mapping === null) &&
          (!q || (r.title ?? '').toLowerCase().includes(q)),
      );
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
    'mappings:list': ({ accountId, target, packageId }) => ({
      rows: [...mappings.values()].filter(
        (m) =>
          m.packageId !== null &&
          (!accountId || m.accountId === accountId) &&
          (!target || m.target === target) &&
          (!packageId || m.packageId === packageId),
      ),
    }),
    'mappings:assign': ({ accountId, packageId, targets }) => {
      if (!catalog.has(packageId)) throw new DeskFailure('not_found', `No package "${packageId}".`);
      const before = records.orders.filter((o) => o.unmapped).length;
      const result = targets.map((t) => setMapping(accountId, t.target, t.targetId, packageId));
      refreshOrders(accountId);
      changed(['mappings', 'orders']);
      return {
        mappings: result,
        ordersMapped: before - records.orders.filter((o) => o.unmapped).length,
      };
    },
    'mappings:clear': ({ accountId, targets }) => {
      const result = targets.map((t) => setMapping(accountId, t.target, t.targetId, null));
      changed(['mappings']);
      return { mappings: result, ordersUnmapped: 0 };
    },
    'mappings:resolve-conflict': ({ accountId, target, targetId }) => {
      const m = mappings.get(mapKey(accountId, target, targetId));
      if (!m) throw new DeskFailure('not_found', 'That mapping has no conflict.');
      return { mapping: { ...m, conflict: null } };
    },
    'mappings:import-preview': ({ rows }) => {
      const reports = rows.map(checkRow);
      const invalid = reports.filter((r) => r.issues.length > 0).length;
      return { rows: reports, valid: reports.length - invalid, invalid };
    },
    'mappings:import-commit': ({ rows }) => {
      const reports = rows.map(checkRow);
      let applied = 0;
      for (const r of reports) {
        if (r.issues.length > 0 || !r.accountId || !r.target || !r.targetId) continue;
        setMapping(r.accountId, r.target, r.targetId, r.packageId);
        applied++;
      }
      changed(['mappings']);
      return { applied, skipped: reports.filter((r) => r.issues.length > 0) };
    },
    'mappings:export': ({ accountId }) => ({
      columns: [...MAPPING_CSV_COLUMNS],
      rows: [...mappings.values()]
        .filter((m) => m.packageId !== null && (!accountId || m.accountId === accountId))
        .map((m) => ({
          account_id: m.accountId,
          target: m.target,
          target_id: m.targetId,
          target_title:
            targetRows(m.accountId).find((r) => r.target === m.target && r.id === m.targetId)
              ?.title ?? '',
          package_id: m.packageId ?? '',
          package_name: m.packageName ?? '',
        })),
    }),
    'bg-packages:list': ({ accountId }) => ({
      rows: bgPackages.filter((p) => p.accountId === accountId),
      jobs: bgJobs.filter((j) => j.accountId === accountId),
      accountLabel: accountId === STATIC_ACCOUNT.id ? STATIC_ACCOUNT.label : null,
      syncedAt: '2025-03-10T12:00:00.000Z',
    }),
    'bg-packages:create': ({ accountId, values }) => {
      const id = `bgp-${bgPackages.length + 1}`;
      bgPackages.push({
        accountId,
        id,
        name: values.name,
        description: values.description,
        tests: values.tests.map((t, i) => ({
          id: `${id}-t${i + 1}`,
          name: t.name,
          description: t.description,
        })),
        job: null,
        syncedAt: stamp(),
      });
      return { job: queueBg({ accountId, op: 'create', packageId: id, values }) };
    },
    'bg-packages:update': ({ accountId, id, values }) => {
      const p = bgPackages.find((b) => b.accountId === accountId && b.id === id);
      if (!p) throw new DeskFailure('not_found', `There is no package ${id} in this account.`);
      Object.assign(p, {
        name: values.name,
        description: values.description,
        tests: values.tests.map((t, i) => ({
          id: t.id ?? `${id}-t${i + 1}`,
          name: t.name,
          description: t.description,
        })),
      });
      return { job: queueBg({ accountId, op: 'update', packageId: id, values }) };
    },
    'bg-packages:delete': ({ accountId, id }) => {
      const i = bgPackages.findIndex((b) => b.accountId === accountId && b.id === id);
      if (i < 0) throw new DeskFailure('not_found', `There is no package ${id} in this account.`);
      bgPackages.splice(i, 1);
      return { job: queueBg({ accountId, op: 'delete', packageId: id, values: null }) };
    },
    'bg-packages:retry': ({ jobId }) => {
      const j = bgJobs.find((b) => b.id === jobId);
      if (!j) throw new DeskFailure('not_found', `There is no job ${jobId}.`);
      return { job: j };
    },
    'bg-packages:discard': ({ jobId }) => {
      const i = bgJobs.findIndex((b) => b.id === jobId);
      if (i >= 0) bgJobs.splice(i, 1);
      return { discarded: i >= 0 };
    },
  };

  return {
    handlers,
    catalog,
    mappings,
    bgPackages,
    bgJobs,
    /** The next write of this catalog entry meets a newer version on the "gateway". */
    conflictNext(id: string) {
      staleIds.add(id);
    },
  };
}
