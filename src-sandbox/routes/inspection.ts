import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SandboxHttpError } from '../errors';
import { faultPatchSchema } from '../faults';
import { resultRulesSchema } from '../results';
import type { SandboxInspector } from '../inspection';

/**
 * `/_sandbox/*`: the inspection API over HTTP, for tests and tools in other processes. Not part
 * of StackOne: no Basic auth, loopback clients only (enforced by the pipeline). Bodies are
 * checked with zod; a bad one gets a 400 naming the field.
 */

const kind = z.enum(['assessment', 'background_check']);
const orderFields = {
  kind: kind.optional(),
  accountId: z.string().optional(),
  /** Alias of accountId. */
  account: z.string().optional(),
  count: z.number().int().min(1).max(100_000).default(1),
};
const withAccountAlias = <
  T extends { account?: string | undefined; accountId?: string | undefined },
>({
  account,
  ...rest
}: T) => ({
  ...rest,
  accountId: rest.accountId ?? account,
});
const createOrdersBody = z.object(orderFields).strict().transform(withAccountAlias);
const burstBody = z
  .object({ ...orderFields, concurrency: z.number().int().min(1).max(1000).optional() })
  .strict()
  .transform(withAccountAlias);
const accountBody = z.object({ suspended: z.boolean() }).strict();
const backlogBody = z
  .object({
    concurrency: z.number().int().min(1).max(1000).optional(),
    kind: kind.optional(),
    accountId: z.string().optional(),
  })
  .strict();
const webhookConfigBody = z
  .object({
    urls: z.array(z.url()).optional(),
    secret: z.string().min(1).optional(),
    concurrency: z.number().int().min(1).max(1000).optional(),
    maxAttempts: z.number().int().min(1).max(100).optional(),
    baseDelayMs: z.number().int().min(0).optional(),
    maxDelayMs: z.number().int().min(0).optional(),
    timeoutMs: z.number().int().min(1).optional(),
  })
  .strict();
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issues = result.error.issues
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ');
    throw new SandboxHttpError(400, `Invalid request: ${issues}`);
  }
  return result.data;
}

function optionalNumber(v: string | undefined): number | undefined {
  return v === undefined || v === '' ? undefined : Number(v);
}

export function registerInspectionRoutes(app: FastifyInstance, inspect: SandboxInspector): void {
  app.get('/_sandbox/accounts', async () => inspect.accounts());

  app.put('/_sandbox/accounts/:id', async (request) => {
    const { id } = request.params as { id: string };
    const body = parse(accountBody, request.body);
    if (!inspect.accounts().some((a) => a.id === id))
      throw new SandboxHttpError(404, `Account ${id} not found`);
    inspect.setAccountSuspended(id, body.suspended);
    return inspect.accounts().find((a) => a.id === id);
  });

  app.get('/_sandbox/requests', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    return inspect.requests({
      since: q.since,
      afterSeq: optionalNumber(q.afterSeq),
      accountId: q.accountId,
      method: q.method,
      path: q.path,
      status: optionalNumber(q.status),
    });
  });

  app.get('/_sandbox/results', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    return inspect.results({
      ...(q.orderId ? { orderId: q.orderId } : {}),
      ...(q.accountId ? { accountId: q.accountId } : {}),
      ...(q.kind ? { kind: parse(kind, q.kind) } : {}),
    });
  });

  /** One stored result's body exactly as the sandbox received it (text/plain, byte for byte). */
  app.get('/_sandbox/results/:seq/body', async (request, reply) => {
    const seq = Number((request.params as { seq: string }).seq);
    const write = inspect.results().find((r) => r.seq === seq);
    if (!write) throw new SandboxHttpError(404, `No result write ${seq}`);
    return reply.type('text/plain; charset=utf-8').send(write.bodyText ?? '');
  });

  app.get('/_sandbox/results/rules', async () => inspect.resultRules());

  app.put('/_sandbox/results/rules/:accountId', async (request) => {
    const { accountId } = request.params as { accountId: string };
    if (!inspect.accounts().some((a) => a.id === accountId))
      throw new SandboxHttpError(404, `Account ${accountId} not found`);
    return inspect.setResultRules(accountId, parse(resultRulesSchema.partial(), request.body));
  });

  app.get('/_sandbox/package-writes', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    return inspect.packageWrites({
      ...(q.accountId ? { accountId: q.accountId } : {}),
      ...(q.packageId ? { packageId: q.packageId } : {}),
    });
  });

  app.get('/_sandbox/orders', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const { limit, offset } = parse(listQuery, q);
    const all = inspect.orders({
      ...(q.accountId ? { accountId: q.accountId } : {}),
      ...(q.kind ? { kind: parse(kind, q.kind) } : {}),
    });
    return { total: all.length, orders: all.slice(offset, offset + limit) };
  });

  app.post('/_sandbox/orders', async (request, reply) => {
    const body = parse(createOrdersBody, request.body);
    if (body.accountId && !inspect.accounts().some((a) => a.id === body.accountId))
      throw new SandboxHttpError(404, `Account ${body.accountId} not found`);
    const orders = inspect.createOrders(body.count, { kind: body.kind, accountId: body.accountId });
    return reply.code(201).send({ orders });
  });

  app.get('/_sandbox/faults', async () => inspect.faults.get());
  app.put('/_sandbox/faults', async (request) =>
    inspect.faults.set(parse(faultPatchSchema, request.body)),
  );
  app.delete('/_sandbox/faults', async () => inspect.faults.reset());

  app.get('/_sandbox/malformed', async () => inspect.malformed());

  app.get('/_sandbox/webhook-deliveries', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    return {
      settings: { ...inspect.webhooks.settings(), secret: undefined },
      pending: inspect.webhooks.pending(),
      deliveries: inspect.webhooks.states({ ...(q.url ? { url: q.url } : {}) }),
      attempts: inspect.webhooks.deliveries({
        ...(q.eventId ? { eventId: q.eventId } : {}),
        ...(q.url ? { url: q.url } : {}),
        ...(q.since ? { since: q.since } : {}),
      }),
    };
  });

  app.put('/_sandbox/webhooks', async (request) => {
    inspect.webhooks.configure(parse(webhookConfigBody, request.body));
    return { ...inspect.webhooks.settings(), secret: undefined };
  });

  /** Starts delivery of the whole backlog and answers at once; poll webhook-deliveries. */
  app.post('/_sandbox/webhooks/backlog', async (request, reply) => {
    const body = parse(backlogBody, request.body);
    const events = inspect.orders({
      ...(body.kind ? { kind: body.kind } : {}),
      ...(body.accountId ? { accountId: body.accountId } : {}),
    }).length;
    void inspect.webhooks.deliverBacklog({
      ...(body.concurrency ? { concurrency: body.concurrency } : {}),
      ...(body.kind ? { kind: body.kind } : {}),
      ...(body.accountId ? { accountId: body.accountId } : {}),
    });
    return reply.code(202).send({ events });
  });

  app.post('/_sandbox/webhooks/burst', async (request, reply) => {
    const body = parse(burstBody, request.body);
    const burst = inspect.webhooks.fireBurst(body.count, {
      kind: body.kind,
      accountId: body.accountId,
      ...(body.concurrency ? { concurrency: body.concurrency } : {}),
    });
    return reply
      .code(202)
      .send({ orderIds: burst.orders.map((o) => o.id), eventIds: burst.eventIds });
  });
}
