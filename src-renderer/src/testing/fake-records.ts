import type {
  Application,
  Candidate,
  CommandOutput,
  Job,
  JobPosting,
  OrderDetail,
  OrderStatus,
  ParsedInput,
  QuarantinedRecord,
  QueueRow,
  SyncStatus,
} from '../../../src-shared/contract';
import { DeskFailure, SEARCH_COUNT_CAP } from '../../../src-shared/contract';
import {
  isOverdue,
  matchesQueueFilters,
  type QueueFilterDimension,
} from '../../../src-shared/contract/queue-filter';

/**
 * The records a fake desk serves to component tests: a small, deterministic queue with the same
 * filter and search meaning as main (shared), and main's sort and paging rules for the columns
 * tests use.
 */
export interface FakeRecords {
  orders: QueueRow[];
  candidates: Candidate[];
  applications: Application[];
  jobs: Job[];
  postings: JobPosting[];
  quarantine: QuarantinedRecord[];
  sync: SyncStatus;
}

const STATUSES: OrderStatus[] = ['new', 'new', 'in_progress', 'draft', 'sent', 'needs_attention'];
const ACCOUNTS = [
  { id: 'acc-acme', name: 'Acme', provider: 'Workday' },
  { id: 'acc-globex', name: 'Globex', provider: 'Greenhouse' },
];
const NAMES = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
];

const base = (accountId: string, id: string, raw: unknown) => ({
  accountId,
  id,
  updatedAt: '2025-01-01T00:00:00.000Z',
  missing: false,
  syncedAt: '2025-01-01T00:00:00.000Z',
  raw,
});

export function createFakeRecords(
  count = 250,
  now = Date.parse('2025-03-10T12:00:00Z'),
): FakeRecords {
  const orders: QueueRow[] = [];
  const candidates: Candidate[] = [];
  const applications: Application[] = [];
  for (let i = 0; i < count; i++) {
    const account = ACCOUNTS[i % ACCOUNTS.length] ?? ACCOUNTS[0]!;
    const status = STATUSES[i % STATUSES.length] ?? 'new';
    const name = `${NAMES[i % NAMES.length]} ${i}`;
    const due = now + (i - 20) * 3_600_000;
    const open = status !== 'sent';
    orders.push({
      accountId: account.id,
      id: `ord-${String(i).padStart(4, '0')}`,
      kind: i % 3 === 0 ? 'background_check' : 'assessment',
      status,
      receivedAt: new Date(due - 72 * 3_600_000).toISOString(),
      dueAt: new Date(due).toISOString(),
      packageId: i % 2 === 0 ? 'pkg-code' : 'pkg-crim',
      packageName: i % 2 === 0 ? 'Coding test' : 'Criminal record',
      candidateId: `cand-${i}`,
      candidateName: name,
      candidateEmail: `c${i}@example.test`,
      jobId: `job-${i % 4}`,
      jobTitle: `Engineer ${i % 4}`,
      applicationId: `app-${i}`,
      accountName: account.name,
      accountProvider: account.provider,
      // Acme is a Workday account: every seventh of its orders resolves to no package.
      unmapped: account.provider === 'Workday' && i % 7 === 0,
      overdue: open && due < now,
    });
    candidates.push({
      ...base(account.id, `cand-${i}`, {
        id: `cand-${i}`,
        name,
        emails: [{ type: 'personal', value: `c${i}@example.test` }],
        phone_numbers: [{ type: 'mobile', phone: '+44 20 7946 0000' }],
        social_links: [{ type: 'linkedin', url: `https://linkedin.example/in/c${i}` }],
        tags: ['referral'],
      }),
      missing: i === 7,
      name,
      firstName: name.split(' ')[0] ?? null,
      lastName: name.split(' ')[1] ?? null,
      email: `c${i}@example.test`,
      emails: [`c${i}@example.test`],
    });
    applications.push({
      ...base(account.id, `app-${i}`, {
        id: `app-${i}`,
        application_status: { value: 'assessment', source_value: 'Assessment' },
        application_stage: { name: 'Technical screen' },
      }),
      candidateId: `cand-${i}`,
      jobId: `job-${i % 4}`,
      status: 'assessment',
      stageName: 'Technical screen',
    });
  }
  const jobs: Job[] = [0, 1, 2, 3].map((j) => ({
    ...base(ACCOUNTS[j % 2]!.id, `job-${j}`, {
      id: `job-${j}`,
      title: `Engineer ${j}`,
      job_status: { value: 'open' },
      hiring_team: [
        { first_name: 'Rosa', last_name: 'Parks', email: 'rosa@example.test', role: 'recruiter' },
      ],
    }),
    title: `Engineer ${j}`,
    code: `ENG-${j}`,
    status: 'open',
  }));
  const postings: JobPosting[] = jobs.map((j) => ({
    ...base(j.accountId, `post-${j.id}`, { id: `post-${j.id}` }),
    jobId: j.id,
    title: `${j.title ?? ''} (external)`,
    status: 'live',
    internal: 'false',
  }));
  return {
    orders,
    candidates,
    applications,
    jobs,
    postings,
    quarantine: [
      {
        id: 1,
        source: 'candidates',
        accountId: 'acc-acme',
        recordId: 'cand-bad',
        reason: 'emails[0].value: expected a string',
        raw: { id: 'cand-bad' },
        firstSeenAt: '2025-03-10T10:00:00.000Z',
        lastSeenAt: '2025-03-10T11:00:00.000Z',
        seenCount: 3,
      },
    ],
    sync: {
      workspaceId: 'sandbox',
      state: 'idle',
      lastSuccessAt: new Date(now - 12_000).toISOString(),
      nextRunAt: null,
      intervalMs: 60_000,
      offlineSince: null,
      sources: [
        {
          source: 'orders',
          accountId: null,
          state: 'idle',
          lastSuccessAt: new Date(now - 12_000).toISOString(),
          lastAttemptAt: new Date(now - 12_000).toISOString(),
          lastError: null,
          counts: { fetched: count, written: count, quarantined: 0 },
          waiting: null,
          notice: null,
        },
      ],
      quarantined: 1,
    },
  };
}

type QueueInput = ParsedInput<'orders:list'> & { me?: string | undefined };
type FilterInput = ParsedInput<'orders:get-facets'> & { me?: string | undefined };

const SORT_KEYS: Record<QueueInput['sort']['column'], (r: QueueRow) => string> = {
  due_at: (r) => r.dueAt,
  received_at: (r) => r.receivedAt,
  kind: (r) => r.kind,
  candidate: (r) => r.candidateName ?? '',
  job: (r) => r.jobTitle ?? '',
  package: (r) => r.packageName ?? '',
  customer: (r) => r.accountName ?? '',
  status: (r) => r.status,
};

/**
 * The filters' meaning is main's (src-shared/contract/queue-filter.ts); rows are flagged overdue
 * against the query's clock, as main does.
 */
function matches(r: QueueRow, f: FilterInput, skip: QueueFilterDimension | null): boolean {
  const order = {
    kind: r.kind,
    status: r.status,
    accountId: r.accountId,
    packageId: r.packageId,
    unmapped: r.unmapped,
    dueAt: Date.parse(r.dueAt),
    searchText: [r.id, null, r.candidateName, r.candidateEmail, r.jobTitle, null, r.packageName],
    claimedBy: r.team?.claim?.by.id ?? null,
  };
  return matchesQueueFilters(order, f, Date.parse(f.now), skip);
}

const withClock = (r: QueueRow, now: string): QueueRow => ({
  ...r,
  overdue: isOverdue(r.status, Date.parse(r.dueAt), Date.parse(now)),
});

export function listOrders(records: FakeRecords, q: QueueInput): CommandOutput<'orders:list'> {
  const key = SORT_KEYS[q.sort.column];
  const dir = q.sort.direction === 'asc' ? 1 : -1;
  const rows = records.orders
    .filter((r) => matches(r, q, null))
    .sort((a, b) => dir * key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
  let start = q.offset;
  if (q.after) {
    // Keyset paging, as main does it: right after the cursor row, which must still exist.
    const { accountId, id } = q.after;
    const at = rows.findIndex((r) => r.accountId === accountId && r.id === id);
    if (at < 0) {
      throw new DeskFailure('not_found', `The order ${accountId}/${id} is not in the cache.`);
    }
    start += at + 1;
  }
  const page = rows.slice(start, start + q.limit).map((r) => withClock(r, q.now));
  // A search's count stops at the cap, as main's does (see SEARCH_COUNT_CAP).
  if (q.search !== undefined && rows.length > SEARCH_COUNT_CAP) {
    return { rows: page, total: SEARCH_COUNT_CAP, capped: true };
  }
  return { rows: page, total: rows.length };
}

export function orderFacets(
  records: FakeRecords,
  f: FilterInput,
): CommandOutput<'orders:get-facets'> {
  // Main counts a search's chips under the search, the due window and the claim filter only.
  const searched = {
    now: f.now,
    search: f.search,
    dueWithin: f.dueWithin,
    claim: f.claim,
    me: f.me,
  };
  if (
    f.search !== undefined &&
    records.orders.filter((r) => matches(r, searched, null)).length > SEARCH_COUNT_CAP
  ) {
    const all = orderFacets(records, { ...f, search: undefined });
    const uncounted = (list: typeof all.kinds) => list.map((v) => ({ ...v, count: null }));
    return {
      total: SEARCH_COUNT_CAP,
      kinds: uncounted(all.kinds),
      statuses: uncounted(all.statuses),
      accounts: uncounted(all.accounts),
      packages: uncounted(all.packages),
      overdue: null,
      capped: true,
    };
  }
  const count = (
    dim: QueueFilterDimension,
    value: (r: QueueRow) => string,
    label: (r: QueueRow) => string | null = () => null,
  ) => {
    const counts = new Map<string, { label: string | null; count: number }>();
    for (const r of records.orders) {
      if (!matches(r, f, dim)) continue;
      const v = value(r);
      const entry = counts.get(v) ?? { label: label(r), count: 0 };
      entry.count++;
      counts.set(v, entry);
    }
    return [...counts]
      .map(([v, e]) => ({ value: v, label: e.label, count: e.count }))
      .sort((a, b) => b.count - a.count);
  };
  return {
    total: records.orders.filter((r) => matches(r, f, null)).length,
    kinds: count('kind', (r) => r.kind),
    statuses: count('statuses', (r) => r.status),
    accounts: count(
      'accountIds',
      (r) => r.accountId,
      (r) => r.accountName,
    ),
    packages: count(
      'packageIds',
      (r) => r.packageId ?? '',
      (r) => r.packageName,
    ),
    overdue: records.orders.filter((r) => withClock(r, f.now).overdue && matches(r, f, 'overdue'))
      .length,
  };
}

export function orderDetail(
  records: FakeRecords,
  accountId: string,
  id: string,
): OrderDetail | null {
  const order = records.orders.find((o) => o.accountId === accountId && o.id === id);
  if (!order) return null;
  const { overdue, ...summary } = order;
  return {
    ...summary,
    overdue,
    remoteId: `remote-${id}`,
    eventId: `evt-${id}`,
    resultsUpdateUrl: `https://api.stackone.example/unified/ats/assessments/orders/${id}/result`,
    updatedAt: order.receivedAt,
    rawEvent: { id: `evt-${id}`, event: 'ats_assessments.created', data: { id } },
    candidate: records.candidates.find((c) => c.id === order.candidateId) ?? null,
    application: records.applications.find((a) => a.id === order.applicationId) ?? null,
    job: records.jobs.find((j) => j.id === order.jobId) ?? null,
    package: null,
    history: [
      {
        at: order.receivedAt,
        event: 'received',
        detail: 'Order received from the gateway',
        data: null,
      },
    ],
  };
}
