import type { CreateOrderOptions } from './activity';
import type { SandboxContext } from './context';
import {
  RESOURCE_NAMES,
  type Job,
  type Order,
  type OrderKind,
  type ResourceName,
  type ResourceRecordMap,
} from './data/types';
import type { FaultPatch, FaultSettings } from './faults';
import type { PackageWrite, RequestFilter, RequestLogEntry, ResultWrite } from './logs';
import type { ResultRules } from './results';
import type { DeliveryAttempt, DeliveryRecord, WebhookSettings } from './webhooks/emitter';
import { orderEvent, orderEventId, type WebhookEvent } from './webhooks/payload';

/**
 * The in-process handle on a running sandbox (`startSandbox(...).inspect`): what it holds, what
 * clients asked and wrote, fault settings and webhook delivery. `/_sandbox/*` serves the same
 * over HTTP for other processes.
 */

export interface AccountSummary {
  id: string;
  provider: string;
  name: string;
  status: 'active' | 'inactive';
}

export interface MalformedRecord {
  accountId: string;
  resource: ResourceName;
  id: string;
}

export interface DeliverySummary {
  events: number;
  /** Events acknowledged (2xx) by every URL. */
  delivered: number;
  failed: number;
}

export interface BurstHandle {
  orders: Order[];
  eventIds: string[];
  /** Settles when every event of the burst is delivered or has used up its attempts. */
  done: Promise<DeliverySummary>;
}

export interface SandboxInspector {
  accounts(): AccountSummary[];
  setAccountSuspended(accountId: string, suspended: boolean): void;
  requests(filter?: RequestFilter): RequestLogEntry[];
  countRequests(filter?: RequestFilter): number;
  /** Seq of the newest logged request: pass it as `afterSeq` later to see only what followed. */
  lastRequestSeq(): number;
  clearRequests(): void;
  results(filter?: { orderId?: string; kind?: OrderKind; accountId?: string }): ResultWrite[];
  packageWrites(filter?: { accountId?: string; packageId?: string }): PackageWrite[];
  /** The ATS rules for result PATCHes of each account. */
  resultRules(): { accountId: string; provider: string; rules: ResultRules }[];
  setResultRules(accountId: string, patch: Partial<ResultRules>): ResultRules;
  /** The orders the simulated ATSs hold (StackOne itself has no endpoint that lists them). */
  orders(filter?: { kind?: OrderKind; accountId?: string }): Order[];
  order(id: string): Order | undefined;
  /** The webhook body an order is announced with. */
  orderEvent(orderId: string): WebhookEvent;
  createOrder(options?: CreateOrderOptions): Order;
  createOrders(count: number, options?: CreateOrderOptions): Order[];
  createJob(accountId?: string): Job;
  updateJob(
    accountId: string,
    jobId: string,
    change?: Partial<Pick<Job, 'title' | 'job_status'>>,
  ): Job;
  /** A stored record, as stored (not malformed). */
  record<K extends ResourceName>(
    accountId: string,
    resource: K,
    id: string,
  ): ResourceRecordMap[K] | undefined;
  /** Ids in serving order (updated_at, id). */
  recordIds(accountId: string, resource: ResourceName): string[];
  faults: {
    get(): FaultSettings;
    set(patch: FaultPatch): FaultSettings;
    reset(): FaultSettings;
    failNext(
      count: number,
      status: number,
      options?: { retryAfterSeconds?: number; message?: string },
    ): void;
  };
  /** Records served malformed under the current `malformedRate`. */
  malformed(): MalformedRecord[];
  isMalformed(id: string): boolean;
  webhooks: {
    configure(change: Partial<WebhookSettings>): void;
    settings(): WebhookSettings;
    deliveries(filter?: { eventId?: string; url?: string; since?: string }): DeliveryAttempt[];
    states(filter?: { url?: string; state?: DeliveryRecord['state'] }): DeliveryRecord[];
    acknowledgedEventIds(url?: string): string[];
    /** (Re)sends `*.created` for every existing order (or the filtered ones). */
    deliverBacklog(options?: {
      concurrency?: number;
      kind?: OrderKind;
      accountId?: string;
    }): Promise<DeliverySummary>;
    /** Creates `count` new orders now; their webhooks go out at once, `concurrency` at a time. */
    fireBurst(count: number, options?: CreateOrderOptions & { concurrency?: number }): BurstHandle;
    idle(): Promise<void>;
    pause(): void;
    resume(): void;
    pending(): number;
  };
}

function summarize(results: DeliveryRecord[][]): DeliverySummary {
  let delivered = 0;
  for (const perUrl of results)
    if (perUrl.length > 0 && perUrl.every((r) => r.acknowledged)) delivered++;
  return { events: results.length, delivered, failed: results.length - delivered };
}

export function createInspector(
  ctx: SandboxContext,
  pendingDeliveries: Map<string, Promise<DeliveryRecord[]>>,
): SandboxInspector {
  const account = (id: string) => {
    const a = ctx.store.account(id);
    if (!a) throw new Error(`unknown linked account ${id}`);
    return a;
  };
  const inspector: SandboxInspector = {
    accounts: () =>
      [...ctx.store.accounts.values()].map(({ account: a }) => ({
        id: a.id,
        provider: a.provider,
        name: a.origin_owner_name,
        status: a.status,
      })),
    setAccountSuspended(accountId, suspended) {
      const a = account(accountId);
      a.account = {
        ...a.account,
        status: suspended ? 'inactive' : 'active',
        updated_at: ctx.store.stamp(),
      };
    },
    requests: (filter) => ctx.requests.list(filter),
    countRequests: (filter) => ctx.requests.count(filter),
    lastRequestSeq: () => ctx.requests.lastSeq,
    clearRequests: () => ctx.requests.clear(),
    results: (f = {}) =>
      ctx.writes.results.filter(
        (r) =>
          (!f.orderId || r.orderId === f.orderId) &&
          (!f.kind || r.kind === f.kind) &&
          (!f.accountId || r.accountId === f.accountId),
      ),
    resultRules: () =>
      [...ctx.store.accounts.values()].map((a) => ({
        accountId: a.account.id,
        provider: a.account.provider,
        rules: ctx.resultRules.rulesFor(a.account),
      })),
    setResultRules: (accountId, patch) =>
      ctx.resultRules.setRules(account(accountId).account, patch),
    packageWrites: (f = {}) =>
      ctx.writes.packages.filter(
        (w) =>
          (!f.accountId || w.accountId === f.accountId) &&
          (!f.packageId || w.packageId === f.packageId),
      ),
    orders: (filter) => ctx.store.orders(filter),
    order: (id) => ctx.store.order(id),
    orderEvent(orderId) {
      const order = ctx.store.order(orderId);
      if (!order) throw new Error(`unknown order ${orderId}`);
      return orderEvent(ctx.store, order, ctx.baseUrl());
    },
    createOrder: (options) => ctx.activity.createOrder(options),
    createOrders: (count, options) =>
      Array.from({ length: count }, () => ctx.activity.createOrder(options)),
    createJob: (accountId) => ctx.activity.createJob(accountId),
    updateJob: (accountId, jobId, change) => ctx.activity.updateJob(accountId, jobId, change),
    record: (accountId, resource, id) => account(accountId).collections[resource].get(id) as never,
    recordIds: (accountId, resource) => account(accountId).collections[resource].ids(),
    faults: {
      get: () => ctx.faults.get(),
      set: (patch) => ctx.faults.set(patch),
      reset: () => ctx.faults.reset(),
      failNext: (count, status, options) => ctx.faults.failNext(count, status, options),
    },
    malformed() {
      const out: MalformedRecord[] = [];
      if (ctx.faults.get().malformedRate <= 0) return out;
      for (const acc of ctx.store.accounts.values()) {
        for (const resource of RESOURCE_NAMES) {
          for (const id of acc.collections[resource].ids())
            if (ctx.faults.isMalformed(id)) out.push({ accountId: acc.account.id, resource, id });
        }
      }
      return out;
    },
    isMalformed: (id) => ctx.faults.isMalformed(id),
    webhooks: {
      configure: (change) => ctx.webhooks.configure(change),
      settings: () => ctx.webhooks.config,
      deliveries: (filter) => ctx.webhooks.deliveries(filter),
      states: (filter) => ctx.webhooks.states(filter),
      acknowledgedEventIds: (url) => ctx.webhooks.acknowledgedEventIds(url),
      async deliverBacklog(options = {}) {
        if (options.concurrency) ctx.webhooks.configure({ concurrency: options.concurrency });
        const orders = ctx.store.orders({ kind: options.kind, accountId: options.accountId });
        const base = ctx.baseUrl();
        const results = await Promise.all(
          orders.map((o) => ctx.webhooks.enqueue(orderEvent(ctx.store, o, base))),
        );
        return summarize(results);
      },
      fireBurst(count, options = {}) {
        if (options.concurrency) ctx.webhooks.configure({ concurrency: options.concurrency });
        const orders = inspector.createOrders(count, options);
        const eventIds = orders.map(orderEventId);
        const done = Promise.all(
          eventIds.map((id) => pendingDeliveries.get(id) ?? Promise.resolve([])),
        ).then(summarize);
        return { orders, eventIds, done };
      },
      idle: () => ctx.webhooks.idle(),
      pause: () => ctx.webhooks.pause(),
      resume: () => ctx.webhooks.resume(),
      pending: () => ctx.webhooks.pending,
    },
  };
  return inspector;
}
