import { Collection, type Entry } from './collection';
import { SandboxStore, type AccountData, type Collections } from './store';
import type { ResultWrite, PackageWrite } from '../logs';
import type { Order } from './types';

/**
 * Everything a sandbox holds that a person or the desk changed or saw: the simulated ATSs'
 * records with their change stamps, the orders, and the result and package writes. Plain JSON,
 * so the desk can keep its Sandbox workspace across restarts and bring it back exactly (the same
 * ids, cursors and stamps its cache and gateway already hold). Request logs, faults and webhook
 * deliveries are run-time only and start empty.
 */
export interface SandboxSnapshot {
  version: 1;
  seed: number;
  lastStampMs: number;
  accounts: {
    index: number;
    account: AccountData['account'];
    users: AccountData['users'];
    stages: AccountData['stages'];
    seq: AccountData['seq'];
    collections: Record<string, Entry<unknown>[]>;
  }[];
  orders: Order[];
  writes: { seq: number; results: ResultWrite[]; packages: PackageWrite[] };
}

export function snapshotOf(
  seed: number,
  store: SandboxStore,
  writes: SandboxSnapshot['writes'],
): SandboxSnapshot {
  return {
    version: 1,
    seed,
    lastStampMs: store.lastStamp,
    accounts: [...store.accounts.values()].map((a) => ({
      index: a.index,
      account: a.account,
      users: a.users,
      stages: a.stages,
      seq: { ...a.seq },
      collections: Object.fromEntries(
        Object.entries(a.collections).map(([name, c]) => [name, (c as Collection<unknown>).list()]),
      ),
    })),
    orders: store.orders(),
    writes: { seq: writes.seq, results: [...writes.results], packages: [...writes.packages] },
  };
}

/** The store a snapshot was taken of; live changes are stamped after its last stamp. */
export function storeFromSnapshot(snapshot: SandboxSnapshot, clock: () => number): SandboxStore {
  if (snapshot.version !== 1)
    throw new Error(`unknown sandbox snapshot version ${snapshot.version}`);
  const store = new SandboxStore(clock, snapshot.lastStampMs);
  for (const a of snapshot.accounts) {
    const collections = Object.fromEntries(
      Object.entries(a.collections).map(([name, entries]) => [name, Collection.from(entries)]),
    ) as Collections;
    store.accounts.set(a.account.id, {
      index: a.index,
      account: a.account,
      users: a.users,
      stages: a.stages,
      seq: a.seq,
      collections,
    } satisfies AccountData);
  }
  for (const order of snapshot.orders) store.addOrder(order);
  return store;
}
