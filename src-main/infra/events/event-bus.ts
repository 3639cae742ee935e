import { events, type EventName, type EventPayload } from '../../../src-shared/contract';
import type { Logger } from '../logging/logger';

export type DeskEventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * Fan-out of desk events to transports. Payloads are checked against the contract so that a drifting
 * emitter is caught in tests rather than in the renderer; a throwing listener never affects others.
 */
export class EventBus {
  private readonly listeners = new Set<DeskEventListener>();
  constructor(private readonly logger: Logger) {}

  subscribe(listener: DeskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      this.logger.error('event payload does not match the contract', {
        event: name,
        issues: parsed.error.issues.length,
      });
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(name, parsed.data as EventPayload<E>);
      } catch (err) {
        this.logger.warn('event listener failed', { event: name, err });
      }
    }
  }
}
