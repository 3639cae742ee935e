import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src-gateway';
import { newGatewayDatabase } from '../src-gateway/testing/stores';
import type { TestDatabase } from '../src-gateway/testing/postgres';

/**
 * A sender that sends its headers and part of a body, then stops, must not hold a gateway
 * connection open: the request deadline answers 408 and closes it. The deadline is short here;
 * the test waits for the close, it does not time it.
 */
let gw: RunningGateway;
let db: TestDatabase;
beforeAll(async () => {
  db = await newGatewayDatabase();
  gw = await startGateway({
    dbPath: db.url,
    webhookSecrets: ['whsec-slow-body-1'],
    feedToken: 'feed-token-slow-1',
    requestTimeoutMs: 300,
  });
});
afterAll(async () => {
  await gw.close();
  await db.drop();
});

describe('gateway request deadline', () => {
  it('closes a connection whose body stops half way', async () => {
    const { port } = gw;
    const received = await new Promise<string>((resolve, reject) => {
      let data = '';
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /webhooks/stackone HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"id":"evt_slow",',
        );
      });
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    // Node answers 408, then closes.
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('still accepts a whole request', async () => {
    const res = await fetch(`${gw.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
