import { z } from 'zod';
import { command, input } from '../define';

/**
 * Team mode: who this desk is signed in as on the order gateway, and claims. Claims are made at
 * the gateway (the one place that can refuse a claim someone else holds) and reach every desk,
 * this one included, through the feed.
 */

export const TeamCoordinatorSchema = z.object({ id: z.string(), name: z.string() });

/**
 * `team`: signed in with a coordinator's own token. `shared`: the shared feed token (single-user
 * setup: no claims). `signed_out`: the gateway refused the token (revoked). `unknown`: no
 * gateway, or it could not be asked yet.
 */
export const TeamIdentitySchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('team'), coordinator: TeamCoordinatorSchema }),
  z.object({ state: z.literal('shared') }),
  z.object({ state: z.literal('signed_out'), message: z.string() }),
  z.object({ state: z.literal('unknown'), message: z.string().nullable() }),
]);
export type TeamIdentity = z.infer<typeof TeamIdentitySchema>;

const orderRef = z.strictObject({
  accountId: z.string().trim().min(1).max(200),
  orderId: z.string().trim().min(1).max(500),
});

export const ClaimOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('claimed'), count: z.number().int() }),
  /** Nothing was claimed: these orders are someone else's; claim again with takeover to take them. */
  z.object({
    status: z.literal('held'),
    holders: z.array(z.object({ orderId: z.string(), name: z.string() })),
  }),
]);
export type ClaimOutcome = z.infer<typeof ClaimOutcomeSchema>;

export const teamCommands = {
  'team:me': command({
    summary: 'Who this desk is signed in as on the order gateway (asks the gateway).',
    input: input({}),
    output: TeamIdentitySchema,
  }),
  'orders:claim': command({
    summary:
      'Claim orders for this coordinator; orders someone else holds are refused unless `takeover` (which the gateway logs).',
    input: input({
      orders: z.array(orderRef).min(1).max(500),
      takeover: z.boolean().default(false),
    }),
    output: ClaimOutcomeSchema,
  }),
  'orders:release': command({
    summary: "Release this coordinator's claims on these orders.",
    input: input({ orders: z.array(orderRef).min(1).max(500) }),
    output: z.object({ released: z.number().int() }),
  }),
};
