import { z } from 'zod';

/**
 * Team mode: named coordinators, order claims and shared result state, between the gateway
 * (`/v1/me`, `/v1/claims`, `/v1/result-reports`) and every desk of a team.
 *
 * Claims and result reports reach the other desks through the order feed itself, as events the
 * gateway appends (types in TEAM_EVENT_TYPES, payloads below). So they share the feed's delivery
 * rule (every event once, in order, whichever gateway instance served it) and need no second
 * stream.
 */

/** Claims last this long unless released or renewed (the gateway's `claimTtlHours`). */
export const DEFAULT_CLAIM_TTL_HOURS = 8;

/** The most orders one claim or release names (a queue selection). */
export const CLAIM_MAX_ORDERS = 500;

export const CoordinatorSchema = z.object({ id: z.string(), name: z.string() });
export type Coordinator = z.infer<typeof CoordinatorSchema>;

/** `GET /v1/me`: who the token belongs to; null for the shared feed token (single-user setup). */
export const MeSchema = z.object({ coordinator: CoordinatorSchema.nullable() });
export type Me = z.infer<typeof MeSchema>;

export const OrderRefSchema = z.strictObject({
  accountId: z.string().min(1).max(200),
  orderId: z.string().min(1).max(500),
});
export type OrderRef = z.infer<typeof OrderRefSchema>;

export const ClaimSchema = z.object({
  accountId: z.string(),
  orderId: z.string(),
  by: CoordinatorSchema,
  claimedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type Claim = z.infer<typeof ClaimSchema>;

/**
 * `POST /v1/claims`. Orders claimed by someone else are refused (409 `claimed`, with their claims)
 * unless `takeover` is true: the desk asks the coordinator first, and the gateway logs a takeover.
 */
export const ClaimRequestSchema = z.strictObject({
  orders: z.array(OrderRefSchema).min(1).max(CLAIM_MAX_ORDERS),
  takeover: z.boolean().default(false),
});
export type ClaimRequest = z.input<typeof ClaimRequestSchema>;

/** `POST /v1/claims/release`: only the caller's own claims are released; others are left. */
export const ReleaseRequestSchema = z.strictObject({
  orders: z.array(OrderRefSchema).min(1).max(CLAIM_MAX_ORDERS),
});
export type ReleaseRequest = z.input<typeof ReleaseRequestSchema>;

/** The answer to a claim (the claims now held) or a 409 (the claims held by others). */
export const ClaimsAnswerSchema = z.object({ claims: z.array(ClaimSchema) });
export type ClaimsAnswer = z.infer<typeof ClaimsAnswerSchema>;

export const ReleaseAnswerSchema = z.object({ released: z.array(OrderRefSchema) });

export const ResultOutcomeSchema = z.enum(['sent', 'parked']);
export type ResultOutcome = z.infer<typeof ResultOutcomeSchema>;

/**
 * `POST /v1/result-reports`: a desk's outbox delivered (`sent`) or parked a result. `reportId` is
 * unique per outcome and makes a resend harmless (the gateway stores it once). Never carries the
 * StackOne key or the body's free text: only the result value.
 */
export const ResultReportRequestSchema = z.strictObject({
  reportId: z.string().min(1).max(200),
  accountId: z.string().min(1).max(200),
  orderId: z.string().min(1).max(500),
  outcome: ResultOutcomeSchema,
  result: z.string().max(200).nullable(),
  at: z.iso.datetime(),
});
export type ResultReportRequest = z.infer<typeof ResultReportRequestSchema>;

export const TEAM_EVENT_TYPES = {
  claimed: 'team.claimed',
  released: 'team.released',
  resultReported: 'team.result_reported',
} as const;

/** Feed payload of `team.claimed`: these claims now hold; `takenFrom` names who lost one. */
export const ClaimedPayloadSchema = z.object({
  claims: z.array(ClaimSchema),
  takenFrom: z.array(CoordinatorSchema).default([]),
});
/** Feed payload of `team.released`. */
export const ReleasedPayloadSchema = z.object({
  orders: z.array(OrderRefSchema),
  by: CoordinatorSchema,
  at: z.iso.datetime(),
});
/** Feed payload of `team.result_reported`; `by` is null when the shared token reported it. */
export const ResultReportedPayloadSchema = ResultReportRequestSchema.extend({
  by: CoordinatorSchema.nullable(),
});
export type ResultReportedPayload = z.infer<typeof ResultReportedPayloadSchema>;

export function isTeamEventType(eventType: string | null): boolean {
  return (Object.values(TEAM_EVENT_TYPES) as (string | null)[]).includes(eventType);
}
