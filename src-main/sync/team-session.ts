import type { TeamIdentity } from '../../src-shared/contract/commands/team';
import type { WorkspaceCache } from '../cache';
import type { Logger } from '../infra/logging/logger';
import { GatewayClientError, type GatewayClient } from './gateway-client';
import type { CacheWriter } from './writer/cache-writer';

export interface TeamSessionOptions {
  gateway: GatewayClient;
  cache: WorkspaceCache;
  writer: Pick<CacheWriter, 'run'>;
  logger: Logger;
  /** How often the identity is checked again and unsent reports retried (the sync interval). */
  intervalMs: number;
  onIdentity: (identity: TeamIdentity) => void;
}

/** Reports sent per round; the rest follow in the next round at once. */
const REPORT_BATCH = 50;

/**
 * This desk's side of team mode on the gateway:
 *
 * - Who it is signed in as (`GET /v1/me`), checked at start and every interval; a 401 turns it
 *   `signed_out` (the token was revoked) and says so to the views.
 * - Result reports (signed in as a coordinator): every sent or parked outbox job is reported
 *   once (the outbox's own table says which are still to report, so a report waits out a gateway
 *   that is down, or a restart, and is never lost). Only the order, the result value, the outcome and when: never the
 *   StackOne key or the body's free text. The gateway stores a report id once, so a report
 *   whose answer was lost is simply sent again.
 */
export class TeamSession {
  private current: TeamIdentity = { state: 'unknown', message: null };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly o: TeamSessionOptions) {}

  get identity(): TeamIdentity {
    return this.current;
  }

  start(): void {
    void this.wake();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Checks the identity and sends what is unreported, now (joins a round in progress). */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.round();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  /** Asks the gateway now who this desk is. */
  async refreshIdentity(): Promise<TeamIdentity> {
    let next: TeamIdentity;
    try {
      const me = await this.o.gateway.me();
      next = me.coordinator ? { state: 'team', coordinator: me.coordinator } : { state: 'shared' };
    } catch (error) {
      next =
        error instanceof GatewayClientError && error.kind === 'unauthorized'
          ? {
              state: 'signed_out',
              message:
                'The order gateway no longer accepts this desk’s token (it was revoked or replaced). Ask for a new coordinator token and enter it in Settings.',
            }
          : // Unreachable: who it was is still who it is.
            this.current.state === 'unknown'
            ? { state: 'unknown', message: error instanceof Error ? error.message : String(error) }
            : this.current;
    }
    if (JSON.stringify(next) !== JSON.stringify(this.current)) {
      this.current = next;
      this.o.onIdentity(next);
    }
    return next;
  }

  private async round(): Promise<void> {
    const identity = await this.refreshIdentity();
    // Reports are for a team: on the shared token (single user) there is no one to tell, and
    // signed out or unreachable they wait for the next round.
    if (identity.state !== 'team' || this.stopped) return;
    try {
      for (;;) {
        const outcomes = this.o.cache.results.unreported(REPORT_BATCH);
        for (const job of outcomes) {
          if (this.stopped) return;
          await this.o.gateway.reportResult({
            reportId: `${job.jobId}:${job.state}`,
            accountId: job.accountId,
            orderId: job.orderId,
            outcome: job.state,
            result: job.resultValue,
            at: job.at,
          });
          await this.o.writer.run('markResultReported', { jobId: job.jobId, state: job.state });
        }
        if (outcomes.length < REPORT_BATCH) return;
      }
    } catch (error) {
      // Left unreported in the cache: the next round (interval or outbox change) sends it.
      this.o.logger.warn('team: result report not delivered yet', { err: error });
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.wake(), this.o.intervalMs);
    this.timer.unref();
  }
}
