import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox';

/**
 * `npm run sandbox -- --port 4010 --seed 7 --orders 100000 --accounts 5 --api-key KEY
 *    --webhook-url http://127.0.0.1:4020/webhooks/stackone --webhook-secret S --order-interval 5000`
 * Prints the URL, API key and linked account ids; Ctrl-C (or SIGTERM) closes cleanly.
 */

const USAGE = `Usage: npm run sandbox -- [options]
  --port N             port to listen on (default 4010; 0 = any free port)
  --host H             address to bind (default 127.0.0.1)
  --seed S             data seed (default 1)
  --accounts N         linked accounts (default 3)
  --orders N           orders generated at start (default 200)
  --jobs N             jobs in total (default scales with orders)
  --candidates N       candidates in total (default scales with orders)
  --api-key K          API key clients must send (default sandbox-api-key)
  --webhook-url URL    send webhooks here (repeatable)
  --webhook-secret S   webhook signing secret (default sandbox-webhook-secret)
  --order-interval MS  create a new order every MS milliseconds
  --rate-limit N       requests per minute per API key (default unlimited)
  --short-page-rate P  probability of an early short page (default 0)
  --deliver-backlog    send the existing orders' webhooks at start
  --help`;

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got "${value}"`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        accounts: { type: 'string' },
        orders: { type: 'string' },
        jobs: { type: 'string' },
        candidates: { type: 'string' },
        'api-key': { type: 'string' },
        'webhook-url': { type: 'string', multiple: true },
        'webhook-secret': { type: 'string' },
        'order-interval': { type: 'string' },
        'rate-limit': { type: 'string' },
        'short-page-rate': { type: 'string' },
        'deliver-backlog': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed =
    values.seed === undefined ? 1 : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const started = performance.now();
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: int('port', values.port) ?? 4010,
      ...(values.host ? { host: values.host } : {}),
      seed,
      accounts: int('accounts', values.accounts) ?? 3,
      orders: int('orders', values.orders) ?? 200,
      jobs: int('jobs', values.jobs),
      candidates: int('candidates', values.candidates),
      ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
      webhookUrls: values['webhook-url'] ?? [],
      ...(values['webhook-secret'] ? { webhookSecret: values['webhook-secret'] } : {}),
      orderIntervalMs: int('order-interval', values['order-interval']) ?? null,
      faults: {
        rateLimitPerMinute: int('rate-limit', values['rate-limit']) ?? null,
        ...(values['short-page-rate'] ? { shortPageRate: Number(values['short-page-rate']) } : {}),
      },
    });
  } catch (e) {
    console.error(`The sandbox could not start: ${(e as Error).message}`);
    process.exit(1);
  }
  const sb = sandbox;
  console.log(
    `StackOne sandbox listening on ${sb.url} (ready in ${Math.round(performance.now() - started)} ms)`,
  );
  console.log(`API key: ${sb.apiKey}   (Basic auth: API key as user, empty password)`);
  console.log('Linked accounts (x-account-id):');
  for (const a of sb.accounts)
    console.log(
      `  ${a.id}  ${a.provider.padEnd(18)} ${a.origin_owner_name}${a.status === 'active' ? '' : ' [suspended]'}`,
    );
  console.log(
    `Orders: ${sb.inspect.orders().length}. Inspection API: ${sb.url}/_sandbox/ (accounts, requests, results, orders, faults, webhook-deliveries, malformed)`,
  );
  if (values['deliver-backlog'])
    void sb.inspect.webhooks
      .deliverBacklog()
      .then((s) => console.log(`Backlog delivered: ${JSON.stringify(s)}`));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing the sandbox…`);
    void sb.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
