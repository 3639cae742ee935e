import Fastify from 'fastify';
import { AtsActivity, type ActivityEvent } from './activity';
import type { SandboxContext } from './context';
import { generate } from './data/generator';
import { snapshotOf, storeFromSnapshot, type SandboxSnapshot } from './data/snapshot';
import { createRng, seedOf } from './data/random';
import type { Account } from './data/types';
import { FaultInjector } from './faults';
import { createInspector, type SandboxInspector } from './inspection';
import { RequestLog, WriteLog } from './logs';
import { ResultRulebook } from './results';
import { sandboxOptionsSchema, type SandboxOptionsInput } from './options';
import { registerAccountsRoute } from './routes/accounts';
import { registerInspectionRoutes } from './routes/inspection';
import { registerPipeline } from './routes/pipeline';
import { registerAllReadRoutes } from './routes/records';
import { registerWriteRoutes } from './routes/writes';
import { loadSpec } from './spec/load-spec';
import { SpecValidator } from './spec/spec-validator';
import { WebhookEmitter, type DeliveryRecord } from './webhooks/emitter';
import { jobEvent, orderEvent, orderEventId } from './webhooks/payload';

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:41234` (StackOne paths hang off it: `/unified/ats/...`). */
  url: string;
  apiKey: string;
  accounts: Account[];
  inspect: SandboxInspector;
  /** Its state as plain JSON, to start from later with `restore`. */
  snapshot(): SandboxSnapshot;
  /** Changes whenever the state a snapshot holds changes (to save only when needed). */
  changeMark(): string;
  close(): Promise<void>;
}

/**
 * Starts a StackOne Unified ATS simulator: generates the data, listens, and (optionally) creates
 * orders on a timer and sends their webhooks. Start-up is fast: validators compile on first use.
 */
export async function startSandbox(input: SandboxOptionsInput = {}): Promise<RunningSandbox> {
  const { clock: clockOption, specPath, restore, ...rest } = input;
  const options = sandboxOptionsSchema.parse(rest);
  const clock = clockOption ?? Date.now;
  const seed = restore?.seed ?? seedOf(options.seed);

  const store = restore
    ? storeFromSnapshot(restore, clock)
    : generate({
        seed,
        accounts: options.accounts,
        jobs: options.jobs,
        candidates: options.candidates,
        orders: options.orders,
        baseTime: options.baseTime,
        clock,
      });
  const webhooks = new WebhookEmitter({
    ...options.webhook,
    urls: options.webhookUrls,
    secret: options.webhookSecret,
  });
  const pendingDeliveries = new Map<string, Promise<DeliveryRecord[]>>();
  let baseUrl = '';

  const track = (eventId: string, delivery: Promise<DeliveryRecord[]>) => {
    pendingDeliveries.set(eventId, delivery);
    void delivery.finally(() => {
      if (pendingDeliveries.get(eventId) === delivery) pendingDeliveries.delete(eventId);
    });
  };
  const onEvent = (e: ActivityEvent) => {
    if (e.type === 'order.created')
      track(orderEventId(e.order), webhooks.enqueue(orderEvent(store, e.order, baseUrl)));
    else {
      const event = jobEvent(e.type === 'job.created' ? 'created' : 'updated', e.accountId, e.job);
      track(event.id, webhooks.enqueue(event));
    }
  };

  const ctx: SandboxContext = {
    apiKey: options.apiKey,
    seed,
    store,
    validator: new SpecValidator(() => loadSpec(specPath)),
    faults: new FaultInjector(createRng(seed ^ 0x5bd1e995), seed, clock, options.faults),
    requests: new RequestLog(options.requestLogLimit),
    writes: new WriteLog(restore?.writes),
    resultRules: new ResultRulebook(),
    activity: new AtsActivity(store, createRng((seed ^ 0x27d4eb2f) + store.orderCount), onEvent),
    webhooks,
    baseUrl: () => baseUrl,
  };
  const inspect = createInspector(ctx, pendingDeliveries);

  const app = Fastify({ logger: options.logger, bodyLimit: 5 * 1024 * 1024 });
  // JSON bodies are kept as received too, so that tests can compare a result byte for byte.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    void parseJson(request, body as string, done);
  });
  registerPipeline(app, ctx);
  registerAllReadRoutes(app, ctx);
  registerWriteRoutes(app, ctx);
  registerAccountsRoute(app, ctx);
  registerInspectionRoutes(app, inspect);

  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  if (!address || typeof address === 'string')
    throw new Error('the sandbox server has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  const timer = options.orderIntervalMs
    ? setInterval(() => ctx.activity.createOrder(), options.orderIntervalMs)
    : null;
  timer?.unref();

  let closing: Promise<void> | null = null;
  return {
    url: baseUrl,
    apiKey: options.apiKey,
    accounts: [...store.accounts.values()].map((a) => a.account),
    inspect,
    snapshot: () =>
      snapshotOf(seed, store, {
        seq: ctx.writes.lastSeq,
        results: ctx.writes.results,
        packages: ctx.writes.packages,
      }),
    changeMark: () => `${store.lastStamp}:${ctx.writes.lastSeq}:${store.orderCount}`,
    close() {
      closing ??= (async () => {
        if (timer) clearInterval(timer);
        webhooks.close();
        await app.close();
      })();
      return closing;
    },
  };
}
