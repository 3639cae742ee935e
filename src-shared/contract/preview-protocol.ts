/**
 * The browser preview's loopback transport (`npm run preview`): the same contract as Electron IPC,
 * carried over HTTP so the renderer can run in a plain Chromium.
 *
 * - `GET /?token=T` sets an HttpOnly, SameSite=Strict session cookie and redirects to `/`; every other
 *   request needs that cookie (or `Authorization: Bearer T`).
 * - `POST /api/invoke/{command}` with body `{ "input": ... }` answers 200 with the command's Envelope.
 * - `GET /api/events` is a Server-Sent Events stream; each message has `event: desk` and
 *   `data: {"name": EventName, "payload": ...}`.
 */
export const PREVIEW_SESSION_COOKIE = 'desk_session';
export const PREVIEW_INVOKE_PATH = '/api/invoke/';
export const PREVIEW_EVENTS_PATH = '/api/events';
export const PREVIEW_SSE_EVENT = 'desk';
