import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * Gateway configuration: one zod schema for both the embedded `startGateway(options)` and the CLI
 * (flags and `GATEWAY_*` environment variables), so both refuse the same mistakes with the same
 * messages. Every credential is a list so that it can be rotated: the new value is added, clients
 * move over, the old one is removed.
 */

const secret = z.string().trim().min(8, 'must be at least 8 characters');
const secrets = z.union([secret, z.array(secret)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const GatewayConfigSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(0),
    host: z.string().min(1).default('127.0.0.1'),
    /** A SQLite file, or ':memory:' (the default) for an inbox that lives with the process. */
    dbPath: z.string().min(1).default(':memory:'),
    /** HMAC secrets for `x-stackone-signature`; two during a rotation. */
    webhookSecrets: secrets.default([]),
    /** The documented weaker alternative: `?token=` on the webhook URL. */
    webhookQueryToken: secrets.default([]),
    /** Bearer token(s) of the desks' feed and catalog API (`/v1/*`). */
    feedToken: secrets,
    /** Credential StackOne presents on `/ats/assessments/packages`; unset = that endpoint refuses all. */
    packagesToken: secrets.default([]),
    /** Largest webhook body accepted, bytes; larger gets 413. */
    webhookBodyLimit: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    /**
     * A request (headers and body) must arrive within this, or it gets 408 and its connection is
     * closed: a sender that stops half way cannot hold a connection open for ever.
     */
    requestTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
    logLevel: z.enum(LOG_LEVELS).default('info'),
  })
  .refine((c) => c.webhookSecrets.length + c.webhookQueryToken.length > 0, {
    message: 'configure at least one webhook secret (or a webhook query token)',
    path: ['webhookSecrets'],
  });

export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;

export class GatewayConfigError extends Error {
  constructor(issues: readonly string[]) {
    super(`invalid gateway configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'GatewayConfigError';
  }
}

export function parseConfig(input: GatewayConfigInput): GatewayConfig {
  const result = GatewayConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new GatewayConfigError(
    result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`),
  );
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

export const CLI_USAGE = `Usage: npm run gateway -- [options]

  --port N                 listen port (GATEWAY_PORT, default 8787)
  --host ADDR              listen address (GATEWAY_HOST, default 127.0.0.1)
  --db PATH                SQLite file or :memory: (GATEWAY_DB, required)
  --webhook-secret S       signing secret, repeat for rotation (GATEWAY_WEBHOOK_SECRETS, comma-separated)
  --webhook-token T        accept ?token=T instead of a signature (GATEWAY_WEBHOOK_QUERY_TOKEN)
  --feed-token T           bearer token for /v1/* (GATEWAY_FEED_TOKEN, comma-separated)
  --packages-token T       StackOne's credential for /ats/assessments/packages (GATEWAY_PACKAGES_TOKEN)
  --body-limit BYTES       largest webhook body (GATEWAY_WEBHOOK_BODY_LIMIT, default 1 MiB)
  --request-timeout MS     a whole request must arrive within this (GATEWAY_REQUEST_TIMEOUT_MS, default 30000)
  --log-level LEVEL        ${LOG_LEVELS.join('|')} (GATEWAY_LOG_LEVEL, default info)

Prefer the environment for secrets: command-line arguments are visible to other local users.`;

/** Flags win over the environment. */
export function configFromCli(argv: readonly string[], env: NodeJS.ProcessEnv): GatewayConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'webhook-secret': { type: 'string', multiple: true },
      'webhook-token': { type: 'string', multiple: true },
      'feed-token': { type: 'string', multiple: true },
      'packages-token': { type: 'string', multiple: true },
      'body-limit': { type: 'string' },
      'request-timeout': { type: 'string' },
      'log-level': { type: 'string' },
    },
  });
  const dbPath = values.db ?? env.GATEWAY_DB;
  if (dbPath === undefined)
    throw new GatewayConfigError(['dbPath: --db or GATEWAY_DB is required']);
  const input: Record<string, unknown> = {
    port: values.port ?? env.GATEWAY_PORT ?? 8787,
    host: values.host ?? env.GATEWAY_HOST,
    dbPath,
    webhookSecrets: values['webhook-secret'] ?? list(env.GATEWAY_WEBHOOK_SECRETS),
    webhookQueryToken: values['webhook-token'] ?? list(env.GATEWAY_WEBHOOK_QUERY_TOKEN),
    feedToken: values['feed-token'] ?? list(env.GATEWAY_FEED_TOKEN),
    packagesToken: values['packages-token'] ?? list(env.GATEWAY_PACKAGES_TOKEN),
    webhookBodyLimit: values['body-limit'] ?? env.GATEWAY_WEBHOOK_BODY_LIMIT,
    requestTimeoutMs: values['request-timeout'] ?? env.GATEWAY_REQUEST_TIMEOUT_MS,
    logLevel: values['log-level'] ?? env.GATEWAY_LOG_LEVEL,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return parseConfig(input as GatewayConfigInput);
}
