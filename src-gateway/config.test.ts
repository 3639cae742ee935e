import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayConfigError, configFromCli, parseConfig } from './config';

describe('configFromCli', () => {
  it('reads the environment, with comma-separated rotation lists', () => {
    const config = configFromCli([], {
      GATEWAY_DB: ':memory:',
      GATEWAY_WEBHOOK_SECRETS: 'new-secret-1, old-secret-2',
      GATEWAY_FEED_TOKEN: 'feed-token-1',
      GATEWAY_PACKAGES_TOKEN: 'pkg-token-1',
      GATEWAY_PORT: '9000',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dbPath: ':memory:',
      webhookSecrets: ['new-secret-1', 'old-secret-2'],
      feedToken: ['feed-token-1'],
      packagesToken: ['pkg-token-1'],
      webhookBodyLimit: 1024 * 1024,
      logLevel: 'info',
    });
  });

  it('lets flags win over the environment', () => {
    const config = configFromCli(['--db', 'x.db', '--port', '0'], {
      GATEWAY_DB: 'env.db',
      GATEWAY_PORT: '9000',
      GATEWAY_WEBHOOK_SECRETS: 'aaaaaaaa1,bbbbbbbb2',
      GATEWAY_FEED_TOKEN: 'ffffffff',
    });
    expect(config.dbPath).toBe('x.db');
    expect(config.port).toBe(0);
    expect(config.webhookSecrets).toEqual(['aaaaaaaa1', 'bbbbbbbb2']);
  });

  it('refuses secrets on the command line, which npm would print, and says where they go', () => {
    for (const flag of [
      '--webhook-secret',
      '--webhook-token',
      '--feed-token',
      '--packages-token',
    ]) {
      const attempt = () =>
        configFromCli(['--db', 'x.db', flag, 'sssssssss'], {
          GATEWAY_WEBHOOK_SECRETS: 'aaaaaaaa1',
          GATEWAY_FEED_TOKEN: 'ffffffff',
        });
      expect(attempt).toThrow(GatewayConfigError);
      expect(attempt).toThrow(
        /not taken from the command line.*GATEWAY_[A-Z_]+ in the environment or in a --secrets-file/,
      );
      expect(attempt).not.toThrow(/sssssssss/);
    }
  });

  it('reads secrets from a file given by flag or environment; the file wins over the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-config-'));
    try {
      const file = join(dir, 'gateway.env');
      writeFileSync(
        file,
        '# rotation in progress\nGATEWAY_WEBHOOK_SECRETS="whsec_new1,whsec_old2"\nGATEWAY_FEED_TOKEN=feed-from-file\nOTHER=ignored\n',
      );
      const env = { GATEWAY_DB: ':memory:', GATEWAY_FEED_TOKEN: 'feed-from-env' };
      for (const config of [
        configFromCli(['--secrets-file', file], env),
        configFromCli([], { ...env, GATEWAY_SECRETS_FILE: file }),
      ]) {
        expect(config.webhookSecrets).toEqual(['whsec_new1', 'whsec_old2']);
        expect(config.feedToken).toEqual(['feed-from-file']);
      }
      expect(() => configFromCli(['--secrets-file', join(dir, 'missing')], env)).toThrow(
        /secrets file: cannot read/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses missing or weak credentials with a clear message', () => {
    expect(() => configFromCli([], { GATEWAY_FEED_TOKEN: 'ffffffff' })).toThrow(
      /GATEWAY_DB is required/,
    );
    expect(() => parseConfig({ feedToken: 'ffffffff' })).toThrow(GatewayConfigError);
    expect(() => parseConfig({ feedToken: 'ffffffff' })).toThrow(/at least one webhook secret/);
    expect(() => parseConfig({ feedToken: 'short', webhookSecrets: ['aaaaaaaa'] })).toThrow(
      /feedToken: must be at least 8 characters/,
    );
    expect(() => configFromCli(['--nope'], {})).toThrow();
  });

  it('accepts a query token instead of a signing secret', () => {
    expect(
      parseConfig({ feedToken: 'ffffffff', webhookQueryToken: 'qqqqqqqq' }).webhookQueryToken,
    ).toEqual(['qqqqqqqq']);
  });
});
