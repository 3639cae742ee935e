import type { Collection } from './collection';
import type { AccountContext } from './records';
import type { Order, OrderKind, ResourceName, ResourceRecordMap } from './types';

/**
 * Everything the simulated ATSs hold: one set of collections per linked account, plus the
 * orders (which StackOne never lists; they are the truth tests compare webhooks and results to).
 */

export type Collections = { [K in ResourceName]: Collection<ResourceRecordMap[K]> };

export interface AccountData extends AccountContext {
  collections: Collections;
}

export class SandboxStore {
  readonly accounts = new Map<string, AccountData>();
  private readonly ordersById = new Map<string, Order>();
  private readonly orderList: Order[] = [];
  private lastStampMs: number;

  constructor(
    private readonly clock: () => number,
    /** The latest stamp among generated records: live changes are always stamped after it. */
    latestGeneratedMs: number,
  ) {
    this.lastStampMs = latestGeneratedMs;
  }

  /**
   * A change stamp: the clock, but strictly increasing, so that every change sorts after every
   * earlier one even within one millisecond or when the clock lags the generated data.
   */
  stamp(): string {
    this.lastStampMs = Math.max(this.clock(), this.lastStampMs + 1);
    return new Date(this.lastStampMs).toISOString();
  }

  /** The latest change stamp handed out (ms): grows with every change. */
  get lastStamp(): number {
    return this.lastStampMs;
  }

  account(id: string): AccountData | undefined {
    return this.accounts.get(id);
  }

  addOrder(order: Order): void {
    this.ordersById.set(order.id, order);
    this.orderList.push(order);
  }

  order(id: string): Order | undefined {
    return this.ordersById.get(id);
  }

  /** Orders in creation order, optionally narrowed. */
  orders(filter: { kind?: OrderKind | undefined; accountId?: string | undefined } = {}): Order[] {
    if (!filter.kind && !filter.accountId) return this.orderList.slice();
    return this.orderList.filter(
      (o) =>
        (!filter.kind || o.kind === filter.kind) &&
        (!filter.accountId || o.account_id === filter.accountId),
    );
  }

  get orderCount(): number {
    return this.orderList.length;
  }
}
