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

  it('lets flags win over the environment and repeat for rotation', () => {
    const config = configFromCli(
      [
        '--db',
        'x.db',
        '--webhook-secret',
        'aaaaaaaa1',
        '--webhook-secret',
        'bbbbbbbb2',
        '--feed-token',
        'ffffffff',
        '--port',
        '0',
      ],
      { GATEWAY_DB: 'env.db', GATEWAY_WEBHOOK_SECRETS: 'ignored-secret' },
    );
    expect(config.dbPath).toBe('x.db');
    expect(config.port).toBe(0);
    expect(config.webhookSecrets).toEqual(['aaaaaaaa1', 'bbbbbbbb2']);
  });

  it('refuses missing or weak credentials with a clear message', () => {
    expect(() => configFromCli(['--feed-token', 'ffffffff'], {})).toThrow(/GATEWAY_DB is required/);
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
