import { Collection } from './collection';
import { createRng, intBetween, pick, type Rng } from './random';
import {
  makeApplication,
  makeAssessmentPackage,
  makeBackgroundPackage,
  makeCandidate,
  makeJob,
  makePosting,
  makeStages,
  makeUsers,
  makeRecordId,
  type AccountContext,
} from './records';
import { SandboxStore, type AccountData } from './store';
import type { Account, Application, Candidate, Job, JobPosting, Order, Provider } from './types';
import { isoFromMs } from './time';
import * as V from './vocab';

/**
 * Deterministic data at any scale: the same seed and sizes always give the same records (ids,
 * names, timestamps), independent of the wall clock. Candidates, jobs and applications span the
 * year before `baseTime`; orders the last two weeks of it (ORDER_HISTORY_MS), each moving its
 * application to the ordering stage at its time. Records created while running are stamped by the
 * live clock, after all of it. The embedded sandbox passes its first start's time as `baseTime`,
 * so its history ends "now".
 */

export interface AccountSeed {
  id?: string;
  provider?: Provider;
  name?: string;
  /** A suspended account answers 412 on every call, like a disabled integration. */
  suspended?: boolean;
}

export interface GenerateOptions {
  seed: number;
  accounts: number | AccountSeed[];
  /** Totals across all accounts. */
  jobs?: number | undefined;
  candidates?: number | undefined;
  orders: number;
  /** Generated history ends here (ms). Fixed by default so that data never depends on "now". */
  baseTime?: number | undefined;
  clock?: (() => number) | undefined;
}

export const DEFAULT_BASE_TIME = Date.UTC(2025, 10, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

function split(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

/** Orders of the generated history are at most this old: the desk's working set. */
export const ORDER_HISTORY_MS = 14 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

/**
 * How long before the end of the history an order came in: a third within the last day, most
 * within a few days, a tail back to two weeks, so that with turnarounds of one to a few days some
 * orders are overdue, some due today or within hours, most still ahead.
 */
function orderAgeMs(rng: Rng): number {
  const roll = rng();
  const days = roll < 0.35 ? rng() : roll < 0.75 ? 1 + rng() * 2 : 3 + rng() * 11;
  return Math.min(ORDER_HISTORY_MS - HOUR_MS, Math.floor(days * 24 * HOUR_MS)) + 60_000;
}

function accountId(rng: Rng): string {
  let id = String(intBetween(rng, 1, 9));
  while (id.length < 20) id += String(Math.floor(rng() * 10));
  return id;
}

export function generate(options: GenerateOptions): SandboxStore {
  const rng = createRng(options.seed);
  const base = options.baseTime ?? DEFAULT_BASE_TIME;
  const seeds: AccountSeed[] =
    typeof options.accounts === 'number'
      ? Array.from({ length: options.accounts }, () => ({}))
      : options.accounts;
  if (seeds.length === 0) throw new Error('the sandbox needs at least one linked account');
  const n = seeds.length;
  const totalOrders = options.orders;
  const totalJobs = options.jobs ?? Math.max(n * 4, Math.ceil(totalOrders / 40));
  const totalCandidates = options.candidates ?? Math.max(n * 10, totalOrders);

  const time = (from: number) => from + Math.floor(rng() * (base - from));
  const iso = isoFromMs;

  const store = new SandboxStore(options.clock ?? Date.now, base);
  seeds.forEach((seed, index) => {
    const provider = seed.provider ?? V.PROVIDERS[index % V.PROVIDERS.length] ?? 'greenhouse';
    const accountCreated = base - YEAR_MS - intBetween(rng, 1, 200) * 86400000;
    const account: Account = {
      id: seed.id ?? accountId(rng),
      provider,
      origin_owner_id: `org_${index + 1}`,
      origin_owner_name:
        seed.name ??
        `${V.ORG_NAMES[index % V.ORG_NAMES.length] ?? 'Org'}${index >= V.ORG_NAMES.length ? ` ${Math.floor(index / V.ORG_NAMES.length) + 1}` : ''}`,
      status: seed.suspended ? 'inactive' : 'active',
      created_at: iso(accountCreated),
      updated_at: iso(accountCreated),
    };
    const partial = {
      index,
      account,
      seq: { candidate: 0, application: 0, job: 0, posting: 0, order: 0, package: 0 },
    };
    const ctx: AccountContext = {
      ...partial,
      users: makeUsers(rng, partial, 6),
      stages: makeStages(partial, iso(accountCreated)),
    };

    const jobs: Job[] = [];
    const postings: JobPosting[] = [];
    for (let j = 0, count = Math.max(1, split(totalJobs, n, index)); j < count; j++) {
      const created = time(base - YEAR_MS);
      const job = makeJob(rng, ctx, ctx.seq.job++, iso(created), iso(time(created)));
      jobs.push(job);
      const roll = rng();
      const postingCount = roll < 0.15 ? 0 : roll < 0.85 ? 1 : 2;
      for (let p = 0; p < postingCount; p++) {
        const pc = time(created);
        postings.push(makePosting(rng, ctx, job, ctx.seq.posting++, iso(pc), iso(time(pc))));
      }
    }
    const openJobs = jobs.filter((j) => j.job_status.value === 'open');

    const candidates: Candidate[] = [];
    const applications: Application[] = [];
    for (let c = 0, count = Math.max(1, split(totalCandidates, n, index)); c < count; c++) {
      const created = time(base - YEAR_MS);
      const candidate = makeCandidate(rng, ctx, ctx.seq.candidate++, iso(created), iso(created));
      let candidateUpdated = created;
      for (let a = 0, apps = rng() < 0.3 ? 2 : 1; a < apps; a++) {
        const appCreated = time(created);
        const app = makeApplication(
          rng,
          ctx,
          ctx.seq.application++,
          candidate,
          pick(rng, openJobs.length > 0 && rng() < 0.8 ? openJobs : jobs),
          iso(appCreated),
          iso(time(appCreated)),
        );
        applications.push(app);
        candidate.application_ids.push(app.id);
        candidate.remote_application_ids.push(app.remote_id);
        candidateUpdated = Math.max(candidateUpdated, appCreated);
      }
      candidate.updated_at = iso(candidateUpdated);
      candidates.push(candidate);
    }

    const assessmentPackages = V.ASSESSMENT_PACKAGE_NAMES.slice(
      0,
      intBetween(rng, 3, V.ASSESSMENT_PACKAGE_NAMES.length),
    ).map((name) => makeAssessmentPackage(ctx, ctx.seq.package++, name));
    const bgPackages = V.BACKGROUND_PACKAGES.slice(
      0,
      intBetween(rng, 2, V.BACKGROUND_PACKAGES.length),
    ).map((p) => makeBackgroundPackage(ctx, ctx.seq.package++, p.name, p.tests));

    const jobsById = new Map(jobs.map((j) => [j.id, j]));
    const candidatesById = new Map(candidates.map((c) => [c.id, c]));
    const count = split(totalOrders, n, index);
    // Oldest first, so order ids grow with time as an ATS's do.
    const orderTimes = Array.from({ length: count }, () => base - orderAgeMs(rng)).sort(
      (a, b) => a - b,
    );
    for (let o = 0; o < count; o++) {
      const app = applications[o % applications.length] as Application;
      const job = jobsById.get(app.job_id) as Job;
      const kind = rng() < 0.7 ? 'assessment' : 'background_check';
      const ordered = iso(orderTimes[o] as number);
      // The application moved to the stage that triggered the order, at the order's time.
      app.application_status = {
        value: kind,
        source_value: kind === 'assessment' ? 'Assessment' : 'Background Check',
      };
      if (app.created_at && app.created_at > ordered) app.created_at = ordered;
      app.updated_at = ordered;
      const seq = ctx.seq.order++;
      const order: Order = {
        id: makeRecordId(index, `${kind}_order`, seq),
        remote_id: V.remoteIdFor(provider, 'order', seq + 1),
        kind,
        account_id: account.id,
        package_id: pick(rng, kind === 'assessment' ? assessmentPackages : bgPackages).id,
        application_id: app.id,
        candidate_id: app.candidate_id,
        job_id: job.id,
        requester: job.hiring_team[0] ?? pick(rng, ctx.users),
        created_at: ordered,
      };
      if (!candidatesById.has(order.candidate_id))
        throw new Error('generated order without a candidate');
      store.addOrder(order);
    }

    const packageStamp = iso(accountCreated);
    const data: AccountData = {
      ...ctx,
      collections: {
        candidates: Collection.from(
          candidates.map((r) => ({ stamp: r.updated_at, id: r.id, record: r })),
        ),
        applications: Collection.from(
          applications.map((r) => ({ stamp: r.updated_at, id: r.id, record: r })),
        ),
        jobs: Collection.from(jobs.map((r) => ({ stamp: r.updated_at, id: r.id, record: r }))),
        job_postings: Collection.from(
          postings.map((r) => ({ stamp: r.updated_at, id: r.id, record: r })),
        ),
        // Packages have no timestamps in the spec; their stamps live beside them.
        assessment_packages: Collection.from(
          assessmentPackages.map((r) => ({ stamp: packageStamp, id: r.id, record: r })),
        ),
        background_check_packages: Collection.from(
          bgPackages.map((r) => ({ stamp: packageStamp, id: r.id, record: r })),
        ),
      },
    };
    store.accounts.set(account.id, data);
  });
  return store;
}
