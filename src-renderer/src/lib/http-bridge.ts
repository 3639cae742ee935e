import { z } from 'zod';
import {
  DeskErrorSchema,
  events,
  isEventName,
  type DeskBridge,
  type DeskError,
  type Envelope,
  type EventName,
  type EventPayload,
} from '../../../src-shared/contract';
import {
  PREVIEW_EVENTS_PATH,
  PREVIEW_EVENTS_SESSION_PARAM,
  PREVIEW_INVOKE_PATH,
  PREVIEW_SSE_EVENT,
  PREVIEW_TOKEN_PARAM,
} from '../../../src-shared/contract/preview-protocol';

/** `open` once the event stream is up; `reconnecting` while it is down and being retried. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface HttpDeskBridge extends DeskBridge {
  /** Event-stream health, for the offline banner; fires with the current state at once. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

export interface HttpBridgeOptions {
  /** Origin the preview server runs on; defaults to the page's own. */
  baseUrl?: string;
  /** This run's session token; defaults to `takePreviewToken()` on the page's own address. */
  token?: string | null;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Delay before the n-th consecutive reconnect attempt (n starts at 1). */
  retryDelayMs?: (attempt: number) => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: DeskErrorSchema }),
]);

const EventMessageSchema = z.object({ name: z.string(), payload: z.unknown() });

const defaultRetryDelay = (attempt: number) => Math.min(30_000, 500 * 2 ** (attempt - 1));

const TOKEN_STORAGE_KEY = 'screening-desk.preview-token';

/**
 * The preview's session token: taken once from the address the preview printed (`?token=`), which
 * is then rewritten without it (the hash route stays), and kept in this tab's sessionStorage so a
 * reload keeps the session. sessionStorage is per origin, so no page of another port can read it;
 * a cookie would reach them all.
 */
export function takePreviewToken(
  win: Pick<Window, 'location' | 'history' | 'sessionStorage'> = window,
): string | null {
  const url = new URL(win.location.href);
  const given = url.searchParams.get(PREVIEW_TOKEN_PARAM);
  if (given) {
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, given);
    url.searchParams.delete(PREVIEW_TOKEN_PARAM);
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
  }
  return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

function failure(error: DeskError): Envelope<never> {
  return { ok: false, error };
}

/**
 * The preview's loopback transport (see preview-protocol.ts) behind the same `DeskBridge` that
 * Electron's preload exposes. Like the preload, `invoke` never rejects: transport failures become
 * error envelopes with a message a coordinator can read.
 */
export function createHttpBridge(options: HttpBridgeOptions = {}): HttpDeskBridge {
  const base = options.baseUrl ?? '';
  const token = options.token === undefined ? takePreviewToken() : options.token;
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const eventsUrl =
    base +
    PREVIEW_EVENTS_PATH +
    (token ? `?${PREVIEW_EVENTS_SESSION_PARAM}=${encodeURIComponent(token)}` : '');
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const schedule = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const cancel =
    options.clearTimeout ??
    ((h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>));

  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let source: EventSource | null = null;
  let state: ConnectionState = 'connecting';
  let attempts = 0;
  let retryHandle: unknown = null;
  let closed = false;

  function setState(next: ConnectionState) {
    if (next === state) return;
    state = next;
    for (const l of connectionListeners) l(state);
  }

  function dispatch(raw: string) {
    let message: z.infer<typeof EventMessageSchema>;
    try {
      message = EventMessageSchema.parse(JSON.parse(raw));
    } catch {
      return; // A malformed frame is the server's bug; dropping it keeps the stream alive.
    }
    if (!isEventName(message.name)) return;
    const payload = events[message.name].safeParse(message.payload);
    if (!payload.success) return;
    for (const l of listeners.get(message.name) ?? []) (l as (p: unknown) => void)(payload.data);
  }

  function connect() {
    if (closed || source) return;
    const es = new EventSourceImpl(eventsUrl);
    source = es;
    es.addEventListener('open', () => {
      attempts = 0;
      setState('open');
    });
    es.addEventListener(PREVIEW_SSE_EVENT, (e) => dispatch(String((e as MessageEvent).data)));
    es.addEventListener('error', () => {
      if (es.readyState !== EventSourceImpl.CLOSED) {
        // The browser retries a dropped stream by itself; we only report it.
        setState('reconnecting');
        return;
      }
      // A refused stream (HTTP error, server gone) is not retried by the browser: retry with backoff.
      es.close();
      source = null;
      setState('reconnecting');
      attempts += 1;
      retryHandle = schedule(() => {
        retryHandle = null;
        connect();
      }, retryDelay(attempts));
    });
  }

  return {
    async invoke(name, input) {
      let response: Response;
      try {
        response = await doFetch(`${base}${PREVIEW_INVOKE_PATH}${encodeURIComponent(name)}`, {
          method: 'POST',
          // No cookies: the session is the header (see preview-protocol.ts).
          credentials: 'omit',
          headers: { 'content-type': 'application/json', ...authorization },
          body: JSON.stringify({ input }),
        });
      } catch {
        return failure({
          code: 'unreachable',
          message: 'The desk is not reachable. Check that it is still running, then try again.',
        });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      const envelope = EnvelopeSchema.safeParse(body);
      if (envelope.success) return envelope.data as Envelope<never>;
      if (response.status === 401 || response.status === 403) {
        return failure({
          code: 'unauthorized',
          message: 'This preview session has expired. Open the link the desk printed again.',
        });
      }
      return failure({
        code: 'internal',
        message: `The desk answered ${name} with an unexpected response (HTTP ${response.status}).`,
      });
    },

    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      connect();
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },

    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(state);
      connect();
      return () => {
        connectionListeners.delete(listener);
      };
    },

    close() {
      closed = true;
      if (retryHandle !== null) cancel(retryHandle);
      source?.close();
      source = null;
    },
  };
}
