import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { decodeSignature, signWebhook, verifyWebhookSignature } from './signature';

const body = JSON.stringify({
  id: 'evt_1',
  event: 'ats_assessments.created',
  data: { id: 'ord_1' },
});

describe('webhook signatures', () => {
  it('signs as base64url HMAC-SHA256 of the raw body', async () => {
    const expected = createHmac('sha256', 's3cret').update(body).digest('base64url');
    expect(await signWebhook(body, 's3cret')).toBe(expected);
  });

  it('verifies hex, base64, base64url and sha256= prefixed forms', async () => {
    const mac = createHmac('sha256', 's3cret').update(body);
    const digest = mac.digest();
    for (const form of [
      digest.toString('hex'),
      digest.toString('base64'),
      digest.toString('base64url'),
      `sha256=${digest.toString('hex')}`,
      `SHA256=${digest.toString('base64')}`,
    ]) {
      expect(
        await verifyWebhookSignature({ rawBody: body, signature: form, secrets: ['s3cret'] }),
      ).toBe(true);
    }
  });

  it('accepts either secret during a rotation and refuses others', async () => {
    const sig = await signWebhook(body, 'old');
    expect(
      await verifyWebhookSignature({ rawBody: body, signature: sig, secrets: ['new', 'old'] }),
    ).toBe(true);
    expect(await verifyWebhookSignature({ rawBody: body, signature: sig, secrets: ['new'] })).toBe(
      false,
    );
  });

  it('refuses a tampered body, a missing header and garbage', async () => {
    const sig = await signWebhook(body, 'k');
    expect(
      await verifyWebhookSignature({
        rawBody: body.replace('ord_1', 'ord_2'),
        signature: sig,
        secrets: ['k'],
      }),
    ).toBe(false);
    expect(
      await verifyWebhookSignature({ rawBody: body, signature: undefined, secrets: ['k'] }),
    ).toBe(false);
    expect(
      await verifyWebhookSignature({
        rawBody: body,
        signature: 'not a signature!',
        secrets: ['k'],
      }),
    ).toBe(false);
    expect(await verifyWebhookSignature({ rawBody: body, signature: sig, secrets: [''] })).toBe(
      false,
    );
    expect(decodeSignature('sha256=')).toBeNull();
  });

  it('verifies the same with a caller-supplied HMAC (the gateway passes node:crypto)', async () => {
    const hmac = (secret: string, b: string | Uint8Array) =>
      createHmac('sha256', secret).update(b).digest();
    const signature = await signWebhook(body, 's3cret');
    expect(
      await verifyWebhookSignature({ rawBody: body, signature, secrets: ['s3cret'], hmac }),
    ).toBe(true);
    expect(
      await verifyWebhookSignature({ rawBody: `${body} `, signature, secrets: ['s3cret'], hmac }),
    ).toBe(false);
  });

  it('verifies bytes exactly as received', async () => {
    const bytes = new TextEncoder().encode(body);
    const sig = await signWebhook(bytes, 'k');
    expect(await verifyWebhookSignature({ rawBody: bytes, signature: sig, secrets: ['k'] })).toBe(
      true,
    );
  });
});
