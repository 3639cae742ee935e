/**
 * What the sandbox saw: every StackOne request, and every write a client made (result PATCHes,
 * package create/update/delete), so tests and the desk's sync engine can count and compare.
 */

export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The `x-account-id` header as sent, if any. */
  accountId: string | null;
  status: number;
  durationMs: number;
}

export interface RequestFilter {
  /** ISO time; entries strictly after it. */
  since?: string | undefined;
  /** Entries with a larger seq (cheaper and exact for "since my last look"). */
  afterSeq?: number | undefined;
  accountId?: string | undefined;
  method?: string | undefined;
  /** Exact path, or a prefix when it ends with `*`. */
  path?: string | undefined;
  status?: number | undefined;
}

function matchesPath(pattern: string | undefined, path: string): boolean {
  if (!pattern) return true;
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

/** A bounded log: the oldest entries go first once `limit` is reached. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  dropped = 0;

  constructor(private readonly limit = 200_000) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { ...entry, seq: ++this.seq };
    this.entries.push(full);
    if (this.entries.length > this.limit) {
      const excess = this.entries.length - this.limit;
      this.entries.splice(0, excess);
      this.dropped += excess;
    }
    return full;
  }

  list(filter: RequestFilter = {}): RequestLogEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.afterSeq === undefined || e.seq > filter.afterSeq) &&
        (!filter.since || e.at > filter.since) &&
        (!filter.accountId || e.accountId === filter.accountId) &&
        (!filter.method || e.method === filter.method.toUpperCase()) &&
        (filter.status === undefined || e.status === filter.status) &&
        matchesPath(filter.path, e.path),
    );
  }

  count(filter: RequestFilter = {}): number {
    return this.list(filter).length;
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}

export interface ResultWrite {
  seq: number;
  at: string;
  kind: 'assessment' | 'background_check';
  orderId: string;
  accountId: string;
  body: unknown;
  /** The body exactly as received, to compare byte for byte with what the desk previewed. */
  bodyText: string | null;
  /** What the sandbox answered: 200, 404 for an unknown order, or the ATS rule's refusal. */
  status: number;
}

export interface PackageWrite {
  seq: number;
  at: string;
  op: 'create' | 'update' | 'delete';
  accountId: string;
  /** The created package's new id, or the id the update or delete named. */
  packageId: string;
  body: unknown;
  status: number;
}

export class WriteLog {
  readonly results: ResultWrite[];
  readonly packages: PackageWrite[];
  private seq: number;

  /** Empty, or continuing writes kept from an earlier run (a snapshot's). */
  constructor(saved?: { seq: number; results: ResultWrite[]; packages: PackageWrite[] }) {
    this.results = saved ? [...saved.results] : [];
    this.packages = saved ? [...saved.packages] : [];
    this.seq = saved?.seq ?? 0;
  }

  get lastSeq(): number {
    return this.seq;
  }

  addResult(write: Omit<ResultWrite, 'seq' | 'at'>): ResultWrite {
    const full = { ...write, seq: ++this.seq, at: new Date().toISOString() };
    this.results.push(full);
    return full;
  }

  addPackage(write: Omit<PackageWrite, 'seq' | 'at'>): PackageWrite {
    const full = { ...write, seq: ++this.seq, at: new Date().toISOString() };
    this.packages.push(full);
    return full;
  }
}
