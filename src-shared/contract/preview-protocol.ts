/**
 * The browser preview's loopback transport (`npm run preview`): the same contract as Electron IPC,
 * carried over HTTP so the renderer can run in a plain Chromium.
 *
 * - `GET /?token=T` serves the page; the page moves T from its address into its tab's
 *   sessionStorage. The page and its assets are public (they hold no data); the API is not.
 * - Every API request carries `Authorization: Bearer T`. The token is never a cookie: browsers send
 *   a host's cookies to every port of it, so a page served by any other local port would hold it.
 *   A page of another origin cannot add the header without a CORS preflight, which the server never
 *   grants, and cannot read the token from this origin's sessionStorage.
 * - `POST /api/invoke/{command}` with body `{ "input": ... }` answers 200 with the command's Envelope.
 * - `GET /api/events?session=T` is a Server-Sent Events stream (EventSource cannot send headers, so
 *   the token rides in the query there); each message has `event: desk` and
 *   `data: {"name": EventName, "payload": ...}`.
 */
export const PREVIEW_TOKEN_PARAM = 'token';
export const PREVIEW_EVENTS_SESSION_PARAM = 'session';
export const PREVIEW_INVOKE_PATH = '/api/invoke/';
export const PREVIEW_EVENTS_PATH = '/api/events';
export const PREVIEW_API_PREFIX = '/api/';
export const PREVIEW_SSE_EVENT = 'desk';
