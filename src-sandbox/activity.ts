import { chance, pick, type Rng } from './data/random';
import {
  makeApplication,
  makeCandidate,
  makeJob,
  makePosting,
  makeRecordId,
  nextSeq,
} from './data/records';
import type { AccountData, SandboxStore } from './data/store';
import type { Candidate, Job, Order, OrderKind } from './data/types';
import { remoteIdFor } from './data/vocab';

/**
 * What happens in the customers' ATSs while the sandbox runs: candidates apply, applications move
 * to the assessment or background-check stage (which creates an order), jobs open and change.
 * Every change is stamped by the store's clock, so incremental syncs by `filter[updated_after]`
 * see it; every order and job change is announced to `onEvent` (the webhook emitter).
 */

export type ActivityEvent =
  | { type: 'order.created'; order: Order }
  | { type: 'job.created' | 'job.updated'; accountId: string; job: Job };

export interface CreateOrderOptions {
  kind?: OrderKind | undefined;
  accountId?: string | undefined;
}

export class AtsActivity {
  constructor(
    private readonly store: SandboxStore,
    private readonly rng: Rng,
    private readonly onEvent: (event: ActivityEvent) => void,
  ) {}

  private account(accountId?: string): AccountData {
    if (accountId) {
      const a = this.store.account(accountId);
      if (!a) throw new Error(`unknown linked account ${accountId}`);
      return a;
    }
    return pick(this.rng, [...this.store.accounts.values()]);
  }

  createOrder(options: CreateOrderOptions = {}): Order {
    const acc = this.account(options.accountId);
    const kind: OrderKind =
      options.kind ?? (chance(this.rng, 0.7) ? 'assessment' : 'background_check');
    const { collections: col } = acc;
    const stamp = this.store.stamp();

    // Mostly new applicants; some existing candidates apply again.
    let candidate: Candidate | undefined;
    if (col.candidates.size > 0 && chance(this.rng, 0.2)) {
      candidate = col.candidates.at(Math.floor(this.rng() * col.candidates.size))?.record;
    }
    candidate ??= makeCandidate(this.rng, acc, nextSeq(acc, 'candidate'), stamp, stamp);

    const jobs = [...col.jobs.values()];
    const open = jobs.filter((j) => j.job_status.value === 'open');
    const job =
      jobs.length > 0
        ? pick(this.rng, open.length > 0 ? open : jobs)
        : this.createJob(acc.account.id);
    const application = makeApplication(
      this.rng,
      acc,
      nextSeq(acc, 'application'),
      candidate,
      job,
      stamp,
      stamp,
      kind,
    );
    col.applications.put(application.id, stamp, application);
    const updatedCandidate: Candidate = {
      ...candidate,
      application_ids: [...candidate.application_ids, application.id],
      remote_application_ids: [...candidate.remote_application_ids, application.remote_id],
      updated_at: stamp,
    };
    col.candidates.put(updatedCandidate.id, stamp, updatedCandidate);

    const packages =
      kind === 'assessment'
        ? [...col.assessment_packages.values()]
        : [...col.background_check_packages.values()];
    const seq = nextSeq(acc, 'order');
    const order: Order = {
      id: makeRecordId(acc.index, `${kind}_order`, seq),
      remote_id: remoteIdFor(acc.account.provider, 'order', seq + 1),
      kind,
      account_id: acc.account.id,
      // An account whose packages were all deleted still gets orders: the id then dangles, as
      // it would with a real ATS that kept an old package reference.
      package_id:
        packages.length > 0
          ? pick(this.rng, packages).id
          : makeRecordId(acc.index, 'deleted_package', 0),
      application_id: application.id,
      candidate_id: updatedCandidate.id,
      job_id: job.id,
      requester: job.hiring_team[0] ?? pick(this.rng, acc.users),
      created_at: stamp,
    };
    this.store.addOrder(order);
    this.onEvent({ type: 'order.created', order });
    return order;
  }

  createJob(accountId?: string): Job {
    const acc = this.account(accountId);
    const stamp = this.store.stamp();
    const job = makeJob(this.rng, acc, nextSeq(acc, 'job'), stamp, stamp);
    job.job_status = { value: 'open', source_value: 'Open' };
    job.status = 'Open';
    acc.collections.jobs.put(job.id, stamp, job);
    const posting = makePosting(this.rng, acc, job, nextSeq(acc, 'posting'), stamp, stamp);
    acc.collections.job_postings.put(posting.id, stamp, posting);
    this.onEvent({ type: 'job.created', accountId: acc.account.id, job });
    return job;
  }

  /** Changes a job (title or status), as a recruiter editing it would. */
  updateJob(
    accountId: string,
    jobId: string,
    change: Partial<Pick<Job, 'title' | 'job_status'>> = {},
  ): Job {
    const acc = this.account(accountId);
    const existing = acc.collections.jobs.get(jobId);
    if (!existing) throw new Error(`unknown job ${jobId} in account ${accountId}`);
    const stamp = this.store.stamp();
    const job: Job = {
      ...existing,
      title:
        change.title ??
        (existing.title.endsWith(' (updated)') ? existing.title : `${existing.title} (updated)`),
      job_status: change.job_status ?? existing.job_status,
      updated_at: stamp,
    };
    acc.collections.jobs.put(job.id, stamp, job);
    this.onEvent({ type: 'job.updated', accountId, job });
    return job;
  }
}
