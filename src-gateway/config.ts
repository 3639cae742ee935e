import { readFileSync } from 'node:fs';
import { parseArgs, parseEnv } from 'node:util';
import { z } from 'zod';
import { DEFAULT_CLAIM_TTL_HOURS } from '../src-shared/gateway';

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
    /**
     * A SQLite file, ':memory:' (the default) for an inbox that lives with the process, or a
     * `postgres://` URL for the PostgreSQL store that several instances can share.
     */
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
    /** How long a claim lasts unless released. */
    claimTtlHours: z.coerce
      .number()
      .min(0.001)
      .max(24 * 30)
      .default(DEFAULT_CLAIM_TTL_HOURS),
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
  --db PATH|URL            SQLite file, :memory:, or postgres://user@host/db (GATEWAY_DB, required;
                           put a URL with a password in GATEWAY_DB or the secrets file, not here)
  --secrets-file PATH      a file of KEY=value lines holding the secrets below (GATEWAY_SECRETS_FILE)
  --body-limit BYTES       largest webhook body (GATEWAY_WEBHOOK_BODY_LIMIT, default 1 MiB)
  --request-timeout MS     a whole request must arrive within this (GATEWAY_REQUEST_TIMEOUT_MS, default 30000)
  --log-level LEVEL        ${LOG_LEVELS.join('|')} (GATEWAY_LOG_LEVEL, default info)
  --claim-hours N          how long an order claim lasts (GATEWAY_CLAIM_HOURS, default ${DEFAULT_CLAIM_TTL_HOURS})

Named coordinators (each prints or uses the same --db / GATEWAY_DB):

  npm run gateway -- coordinator add NAME      prints the new coordinator's token, once
  npm run gateway -- coordinator revoke NAME   refused from the next request on
  npm run gateway -- coordinator list

Secrets come from the environment or the secrets file, never from flags (npm prints the command
line, and other local users can read it):

  GATEWAY_WEBHOOK_SECRETS      signing secrets, comma-separated (two during a rotation)
  GATEWAY_WEBHOOK_QUERY_TOKEN  accept ?token=T instead of a signature
  GATEWAY_FEED_TOKEN           bearer token(s) for /v1/*
  GATEWAY_PACKAGES_TOKEN       StackOne's credential for /ats/assessments/packages`;

/** The old secret flags: refused with a pointer to where the secret goes instead. */
const SECRET_FLAGS = {
  'webhook-secret': 'GATEWAY_WEBHOOK_SECRETS',
  'webhook-token': 'GATEWAY_WEBHOOK_QUERY_TOKEN',
  'feed-token': 'GATEWAY_FEED_TOKEN',
  'packages-token': 'GATEWAY_PACKAGES_TOKEN',
} as const;

/** Flags win over the secrets file, which wins over the environment. */
export function configFromCli(argv: readonly string[], env: NodeJS.ProcessEnv): GatewayConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'secrets-file': { type: 'string' },
      'body-limit': { type: 'string' },
      'request-timeout': { type: 'string' },
      'log-level': { type: 'string' },
      'claim-hours': { type: 'string' },
      ...Object.fromEntries(
        Object.keys(SECRET_FLAGS).map((flag) => [flag, { type: 'string', multiple: true }]),
      ),
    },
  });
  const refused = Object.entries(SECRET_FLAGS).filter(([flag]) => flag in values);
  if (refused.length > 0) {
    throw new GatewayConfigError(
      refused.map(
        ([flag, name]) =>
          `--${flag}: secrets are not taken from the command line (npm prints it, and other local users can read it); set ${name} in the environment or in a --secrets-file`,
      ),
    );
  }
  const secretsFile = values['secrets-file'] ?? env.GATEWAY_SECRETS_FILE;
  const vars = secretsFile === undefined ? env : { ...env, ...readSecretsFile(secretsFile) };
  const dbPath = values.db ?? vars.GATEWAY_DB;
  if (dbPath === undefined)
    throw new GatewayConfigError(['dbPath: --db or GATEWAY_DB is required']);
  const input: Record<string, unknown> = {
    port: values.port ?? vars.GATEWAY_PORT ?? 8787,
    host: values.host ?? vars.GATEWAY_HOST,
    dbPath,
    webhookSecrets: list(vars.GATEWAY_WEBHOOK_SECRETS),
    webhookQueryToken: list(vars.GATEWAY_WEBHOOK_QUERY_TOKEN),
    feedToken: list(vars.GATEWAY_FEED_TOKEN),
    packagesToken: list(vars.GATEWAY_PACKAGES_TOKEN),
    webhookBodyLimit: values['body-limit'] ?? vars.GATEWAY_WEBHOOK_BODY_LIMIT,
    requestTimeoutMs: values['request-timeout'] ?? vars.GATEWAY_REQUEST_TIMEOUT_MS,
    logLevel: values['log-level'] ?? vars.GATEWAY_LOG_LEVEL,
    claimTtlHours: values['claim-hours'] ?? vars.GATEWAY_CLAIM_HOURS,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return parseConfig(input as GatewayConfigInput);
}

/** `KEY=value` lines (dotenv syntax: comments, quotes); only GATEWAY_* keys are taken. */
function readSecretsFile(path: string): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GatewayConfigError([`secrets file: cannot read ${path} (${reason})`]);
  }
  return Object.fromEntries(
    Object.entries(parseEnv(text)).filter(([key]) => key.startsWith('GATEWAY_')),
  );
}
