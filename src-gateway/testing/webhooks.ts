import { SIGNATURE_HEADER, signWebhook } from '../../src-shared/webhooks/signature';

/**
 * Test and benchmark support: webhook bodies in the sandbox's format and a concurrent sender.
 * The format follows ARCHITECTURE.md ("Webhook payload"): `{ id, event, account_id, created_at,
 * data }`, `data` shaped like the legacy `AssessmentOrder` / `BackgroundCheckOrder`.
 */

export function orderEventBody(
  n: number,
  kind: 'assessment' | 'background_check' = 'assessment',
): string {
  const prefix = kind === 'assessment' ? 'asm' : 'bgc';
  return JSON.stringify({
    id: `evt_${prefix}_${n}`,
    event: kind === 'assessment' ? 'ats_assessments.created' : 'background_check_order.created',
    account_id: 'acct_sandbox_1',
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(),
    data: {
      id: `ord_${prefix}_${n}`,
      remote_id: `r_ord_${n}`,
      package: { id: 'pkg_js', remote_id: 'pkg_js', name: 'JavaScript', description: null },
      application: { id: `app_${n}`, remote_id: `r_app_${n}` },
      job: { id: `job_${n % 50}`, remote_id: `r_job_${n % 50}`, title: 'Engineer' },
      candidate: {
        id: `cand_${n}`,
        first_name: 'Ada',
        last_name: 'Lovelace',
        emails: [{ type: 'personal', value: `ada${n}@example.com` }],
      },
      results_update_url: `https://sandbox.invalid/results/${n}`,
    },
  });
}

export interface SignedBody {
  body: string;
  signature: string;
}

export async function signAll(bodies: readonly string[], secret: string): Promise<SignedBody[]> {
  return Promise.all(
    bodies.map(async (body) => ({ body, signature: await signWebhook(body, secret) })),
  );
}

export interface DeliveryOutcome {
  index: number;
  /** HTTP status, or null when the connection failed (refused, reset). */
  status: number | null;
  ms: number;
}

export async function deliver(url: string, item: SignedBody): Promise<number | null> {
  try {
    const res = await fetch(`${url}/webhooks/stackone`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: item.signature },
      body: item.body,
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

/**
 * Sends every item once with `concurrency` senders; `url()` is read per request so a caller can
 * point the burst at a restarted gateway. Returns one outcome per item, in completion order.
 */
export async function fireBurst(options: {
  url: () => string;
  items: readonly SignedBody[];
  concurrency: number;
  onOutcome?: (outcome: DeliveryOutcome) => void;
}): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.items.length) {
      const index = next++;
      const started = performance.now();
      const status = await deliver(options.url(), options.items[index] as SignedBody);
      const outcome = { index, status, ms: performance.now() - started };
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return outcomes;
}
