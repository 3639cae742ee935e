import { z } from 'zod';

/**
 * The order feed (`GET /v1/order-events`): the contract between the gateway, which serves it, and
 * the desk's gateway client, which parses it with these same schemas.
 *
 * Delivery rule: a client that always passes the previous page's `nextCursor` as `after` sees
 * every stored event exactly once, in arrival order, flagged ones included. Cursors are opaque; they
 * are bound to one inbox, so a cursor from another (e.g. recreated) inbox is refused with
 * `cursor_from_other_inbox` and the client must restart from the beginning.
 */

export const FEED_DEFAULT_LIMIT = 100;
export const FEED_MAX_LIMIT = 1000;

export const OrderKindSchema = z.enum(['assessment', 'background_check']);

export const flagReasons = [
  /** The body is not valid UTF-8 JSON. */
  'invalid_json',
  /** JSON nested deeper than MAX_WEBHOOK_JSON_DEPTH: not parsed, served as text. */
  'too_deep',
  /** Valid JSON, but not an object. */
  'not_an_object',
  /** No `event` / `type` field. */
  'missing_event_type',
  /** An event type the gateway does not know (still stored and served). */
  'unknown_event_type',
  /** An order event without the order id (or account id) needed to send a result back. */
  'incomplete_order',
] as const;
export const FlagReasonSchema = z.enum(flagReasons);
export type FlagReason = z.infer<typeof FlagReasonSchema>;

export const EventFlagSchema = z.object({ reason: FlagReasonSchema, detail: z.string() });
export type EventFlag = z.infer<typeof EventFlagSchema>;

/**
 * What the gateway could read of an order; every id but the order's own may be missing. The gateway
 * is the one place that decodes a webhook (`src-gateway/parse-event.ts`): the desk builds its order
 * from this and treats `payload` as opaque data to show. The names are what the event itself
 * carries, shown until the candidate, job and package records arrive; events stored by an older
 * gateway have none (default null).
 */
export const FeedOrderSchema = z.object({
  id: z.string(),
  kind: OrderKindSchema,
  remoteId: z.string().nullable(),
  candidateId: z.string().nullable(),
  applicationId: z.string().nullable(),
  jobId: z.string().nullable(),
  packageId: z.string().nullable(),
  resultsUpdateUrl: z.string().nullable(),
  candidateName: z.string().nullable().default(null),
  candidateEmail: z.string().nullable().default(null),
  jobTitle: z.string().nullable().default(null),
  packageName: z.string().nullable().default(null),
  /**
   * When the ATS placed the order, as the event says (`created_at`): the desk counts the
   * turnaround from it, so an order redelivered late is not younger than it is.
   */
  orderedAt: z.string().nullable().default(null),
});
export type FeedOrder = z.infer<typeof FeedOrderSchema>;

/**
 * The event exactly as received: parsed JSON when it was JSON (nested at most
 * MAX_WEBHOOK_JSON_DEPTH), its text when it was not (or nested deeper), base64 when it was not
 * even UTF-8. Nothing received is lost.
 */
export const FeedPayloadSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('json'), value: z.unknown() }),
  z.object({ format: z.literal('text'), text: z.string() }),
  z.object({ format: z.literal('base64'), data: z.string() }),
]);
export type FeedPayload = z.infer<typeof FeedPayloadSchema>;

export const FeedEventSchema = z.object({
  /** Pass as `after` to continue after this event. */
  cursor: z.string(),
  /** Arrival order within this inbox (informational; page with `cursor`). */
  seq: z.number().int().positive(),
  /** Unique per event in this inbox: `event:<account>:<event id>`, or `sha256:<hex of body>`. */
  id: z.string(),
  /** The sender's event id, when the payload had one. */
  eventId: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  /** How many times the sender delivered it (redeliveries are deduplicated, not re-served). */
  deliveries: z.number().int().positive(),
  eventType: z.string().nullable(),
  accountId: z.string().nullable(),
  flagged: EventFlagSchema.nullable(),
  order: FeedOrderSchema.nullable(),
  contentType: z.string().nullable(),
  payload: FeedPayloadSchema,
});
export type FeedEvent = z.infer<typeof FeedEventSchema>;

export const FeedPageSchema = z.object({
  events: z.array(FeedEventSchema),
  /** Always present: the position to poll from next (unchanged when there was nothing new). */
  nextCursor: z.string(),
  hasMore: z.boolean(),
});
export type FeedPage = z.infer<typeof FeedPageSchema>;

export const FeedQuerySchema = z.object({
  after: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).default(FEED_DEFAULT_LIMIT),
});
export type FeedQuery = z.infer<typeof FeedQuerySchema>;

export const gatewayErrorCodes = [
  'unauthorized',
  /** Claims need a named coordinator's token, not the shared one. */
  'forbidden',
  /** Some orders are claimed by someone else (`POST /v1/claims` without takeover). */
  'claimed',
  'invalid_signature',
  'invalid_request',
  'invalid_cursor',
  'cursor_from_other_inbox',
  'payload_too_large',
  'not_found',
  'internal',
] as const;

/** The error body of the gateway's own routes (`/v1/*`, `/webhooks/*`). */
export const GatewayErrorSchema = z.object({
  error: z.enum(gatewayErrorCodes),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type GatewayError = z.infer<typeof GatewayErrorSchema>;
