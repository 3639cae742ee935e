import type { DeskNotification } from '../../src-shared/contract';
import type { EventBus } from '../infra/events/event-bus';

/** What a notification says of one new order. */
export interface NewOrderNote {
  candidateName: string | null;
  packageName: string | null;
}

export interface NotifierOptions {
  bus: EventBus;
  /** The coordinator's setting, read at each notification. */
  enabled: () => boolean;
  /** Orders arriving within this long become one notification (a feed pass commits per page). */
  coalesceMs?: number;
}

const names = new Intl.ListFormat('en', { type: 'conjunction' });

/**
 * Decides when the desk raises a desktop notification (`notification:raised`), and what it says:
 * new orders from the feed, coalesced, and results the ATS refused (the outbox's parked count
 * growing in the workspace shown). The transports show it: Electron's Notification in the app,
 * the Web Notification API in the browser preview.
 */
export class Notifier {
  private pending: { workspaceId: string; notes: NewOrderNote[] } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The parked count last seen, per workspace; unknown until its first outbox status. */
  private readonly parked = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: NotifierOptions) {
    this.unsubscribe = options.bus.subscribe((name, payload) => {
      if (name !== 'outbox:changed') return;
      const { workspaceId, counts } = payload as {
        workspaceId: string;
        counts: { parked: number };
      };
      this.parkedCount(workspaceId, counts.parked);
    });
  }

  /** New orders the feed stored (never the backlog of a first sync). */
  ordersArrived(workspaceId: string, notes: readonly NewOrderNote[]): void {
    if (notes.length === 0) return;
    if (this.pending && this.pending.workspaceId !== workspaceId) this.flush();
    this.pending ??= { workspaceId, notes: [] };
    this.pending.notes.push(...notes);
    this.timer ??= setTimeout(() => this.flush(), this.options.coalesceMs ?? 1_500);
    this.timer.unref?.();
  }

  private parkedCount(workspaceId: string, parked: number): void {
    const before = this.parked.get(workspaceId);
    this.parked.set(workspaceId, parked);
    if (before === undefined || parked <= before) return;
    const more = parked - before;
    this.raise({
      workspaceId,
      kind: 'needs_attention',
      count: more,
      title: more === 1 ? 'A result needs attention' : `${more} results need attention`,
      body: `The ATS refused ${more === 1 ? 'a result' : `${more} results`}. Open Activity to fix and resend.`,
    });
  }

  /** Raises what is pending now (tests, closing). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    const { notes } = pending;
    const first = notes[0]!;
    const who = notes.map((n) => n.candidateName ?? 'a candidate');
    const body =
      notes.length === 1
        ? [first.candidateName ?? 'A candidate', first.packageName].filter(Boolean).join(' · ')
        : names.format(notes.length <= 3 ? who : [...who.slice(0, 2), `${notes.length - 2} more`]);
    this.raise({
      workspaceId: pending.workspaceId,
      kind: 'new_orders',
      count: notes.length,
      title: notes.length === 1 ? 'New order' : `${notes.length} new orders`,
      body,
    });
  }

  close(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private raise(notification: DeskNotification): void {
    if (this.options.enabled()) this.options.bus.emit('notification:raised', notification);
  }
}
