import { SIGNATURE_HEADER, signWebhook } from '../../src-shared/webhooks/signature';
import type { WebhookEvent, WebhookEventName } from './payload';

/**
 * Delivers signed webhooks to every configured URL: at most `concurrency` requests in flight,
 * retried with exponential backoff on network errors and non-2xx answers, for at most
 * `maxAttempts` attempts. Every attempt is recorded, and per (event, URL) whether a 2xx ever came
 * back: that is what a crash test compares the gateway's feed against.
 */

export interface WebhookSettings {
  urls: string[];
  secret: string;
  concurrency: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt; an answer slower than this counts as a failed attempt. */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  urls: [],
  secret: 'sandbox-webhook-secret',
  concurrency: 8,
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  timeoutMs: 10_000,
};

export interface DeliveryAttempt {
  eventId: string;
  event: WebhookEventName;
  url: string;
  attempt: number;
  /** HTTP status, or null when the request failed before an answer (refused, reset, timeout). */
  status: number | null;
  error: string | null;
  at: string;
  durationMs: number;
}

export interface DeliveryRecord {
  eventId: string;
  event: WebhookEventName;
  accountId: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  /** True once any attempt got a 2xx: the receiver then owes us the event. */
  acknowledged: boolean;
}

interface Job {
  event: WebhookEvent;
  body: string;
  signature: string;
  url: string;
  attempt: number;
  done: (record: DeliveryRecord) => void;
}

export class WebhookEmitter {
  private settings: WebhookSettings;
  private readonly queue: Job[] = [];
  private active = 0;
  /** Events being signed: not queued yet, but idle() must already wait for them. */
  private preparing = 0;
  private paused = false;
  private closed = false;
  /** Jobs waiting for their next attempt, by backoff timer. */
  private readonly timers = new Map<ReturnType<typeof setTimeout>, Job>();
  private readonly aborts = new Set<AbortController>();
  private readonly attempts: DeliveryAttempt[] = [];
  private readonly records = new Map<string, DeliveryRecord>();
  private idleWaiters: (() => void)[] = [];

  constructor(settings: Partial<WebhookSettings> = {}) {
    this.settings = { ...DEFAULT_WEBHOOK_SETTINGS, ...settings };
  }

  get config(): WebhookSettings {
    return { ...this.settings, urls: [...this.settings.urls] };
  }

  configure(change: Partial<WebhookSettings>): void {
    this.settings = { ...this.settings, ...change };
    this.pump();
  }

  /** Sends `event` to every URL; resolves with one record per URL once each is settled. */
  async enqueue(
    event: WebhookEvent,
    urls: readonly string[] = this.settings.urls,
  ): Promise<DeliveryRecord[]> {
    if (this.closed || urls.length === 0) return [];
    const body = JSON.stringify(event);
    this.preparing++;
    let signature: string;
    try {
      signature = await signWebhook(body, this.settings.secret);
    } finally {
      this.preparing--;
    }
    if (this.closed) return [];
    const settled = urls.map(
      (url) =>
        new Promise<DeliveryRecord>((done) => {
          const key = `${event.id}\u0000${url}`;
          const existing = this.records.get(key);
          this.records.set(key, {
            eventId: event.id,
            event: event.event,
            accountId: event.account_id,
            url,
            state: 'pending',
            attempts: existing?.attempts ?? 0,
            lastStatus: existing?.lastStatus ?? null,
            lastError: existing?.lastError ?? null,
            acknowledged: existing?.acknowledged ?? false,
          });
          this.queue.push({ event, body, signature, url, attempt: 1, done });
        }),
    );
    this.pump();
    return Promise.all(settled);
  }

  private pump(): void {
    while (!this.paused && !this.closed && this.active < this.settings.concurrency) {
      const job = this.queue.shift();
      if (!job) break;
      this.active++;
      void this.attempt(job).finally(() => {
        this.active--;
        this.pump();
        this.checkIdle();
      });
    }
    this.checkIdle();
  }

  private async attempt(job: Job): Promise<void> {
    const started = performance.now();
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(
      () => abort.abort(new Error(`timed out after ${this.settings.timeoutMs} ms`)),
      this.settings.timeoutMs,
    );
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(job.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: job.signature,
          'user-agent': 'stackone-sandbox-webhooks',
        },
        body: job.body,
        signal: abort.signal,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = describeError(e);
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
    const ok = status !== null && status >= 200 && status < 300;
    this.attempts.push({
      eventId: job.event.id,
      event: job.event.event,
      url: job.url,
      attempt: job.attempt,
      status,
      error,
      at: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
    });
    const key = `${job.event.id}\u0000${job.url}`;
    const record = this.records.get(key);
    if (!record) return;
    record.attempts++;
    record.lastStatus = status;
    record.lastError = error;
    if (ok) record.acknowledged = true;
    if (ok || job.attempt >= this.settings.maxAttempts || this.closed) {
      record.state = ok ? 'delivered' : 'failed';
      job.done({ ...record });
      return;
    }
    const delay = Math.min(
      this.settings.maxDelayMs,
      this.settings.baseDelayMs * 2 ** (job.attempt - 1),
    );
    // Jitter spreads the retries of a burst instead of hammering a recovering receiver at once.
    const next = { ...job, attempt: job.attempt + 1 };
    const retry = setTimeout(
      () => {
        this.timers.delete(retry);
        this.queue.push(next);
        this.pump();
      },
      delay * (0.5 + Math.random() / 2),
    );
    this.timers.set(retry, next);
  }

  private checkIdle(): void {
    if (
      this.active > 0 ||
      this.preparing > 0 ||
      this.timers.size > 0 ||
      (this.queue.length > 0 && !this.closed)
    )
      return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once nothing is queued, in flight or waiting to be retried. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  get pending(): number {
    return this.preparing + this.queue.length + this.active + this.timers.size;
  }

  deliveries(filter: { eventId?: string; url?: string; since?: string } = {}): DeliveryAttempt[] {
    return this.attempts.filter(
      (a) =>
        (!filter.eventId || a.eventId === filter.eventId) &&
        (!filter.url || a.url === filter.url) &&
        (!filter.since || a.at > filter.since),
    );
  }

  states(filter: { url?: string; state?: DeliveryRecord['state'] } = {}): DeliveryRecord[] {
    return [...this.records.values()]
      .filter(
        (r) => (!filter.url || r.url === filter.url) && (!filter.state || r.state === filter.state),
      )
      .map((r) => ({ ...r }));
  }

  /** Ids of events that some attempt delivered with a 2xx (to `url`, or to any URL). */
  acknowledgedEventIds(url?: string): string[] {
    const ids = new Set<string>();
    for (const r of this.records.values())
      if (r.acknowledged && (!url || r.url === url)) ids.add(r.eventId);
    return [...ids];
  }

  /** Stops everything: queued and retrying deliveries are settled as failed. */
  close(): void {
    this.closed = true;
    const waiting = [...this.timers.values()];
    for (const t of this.timers.keys()) clearTimeout(t);
    this.timers.clear();
    for (const a of this.aborts) a.abort(new Error('sandbox closing'));
    for (const job of [...this.queue.splice(0), ...waiting]) {
      const record = this.records.get(`${job.event.id}\u0000${job.url}`);
      if (record) {
        record.state = record.acknowledged ? 'delivered' : 'failed';
        job.done({ ...record });
      }
    }
    this.checkIdle();
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    const code =
      cause && typeof cause === 'object' && 'code' in cause
        ? String((cause as { code: unknown }).code)
        : null;
    return code ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}
