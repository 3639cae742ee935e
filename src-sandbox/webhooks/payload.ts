import type { AccountData, SandboxStore } from '../data/store';
import type { Job, Order } from '../data/types';

/**
 * Webhook bodies. StackOne publishes no example of an order event, so the shape is our assumption
 * (ARCHITECTURE.md): `{ id, event, account_id, created_at, data }`, where `data` for orders has the
 * shape of the legacy `AssessmentOrder` / `BackgroundCheckOrder` schemas
 * (../shared/stackone/ats-openapi-legacy-2025-06-17.json), and for jobs the `AtsJob` shape.
 */

export type WebhookEventName =
  | 'ats_assessments.created'
  | 'background_check_order.created'
  | 'ats_jobs.created'
  | 'ats_jobs.updated';

export interface WebhookEvent {
  id: string;
  event: WebhookEventName;
  account_id: string;
  created_at: string;
  data: unknown;
}

export function orderEventName(order: Order): WebhookEventName {
  return order.kind === 'assessment' ? 'ats_assessments.created' : 'background_check_order.created';
}

/** Stable per order: re-sending the backlog is a redelivery of the same event, not a new one. */
export function orderEventId(order: Order): string {
  return `evt_${order.kind === 'assessment' ? 'asm' : 'bgc'}_${order.id}`;
}

export function resultsUpdateUrl(baseUrl: string, order: Order): string {
  const segment = order.kind === 'assessment' ? 'assessments' : 'background_checks';
  return `${baseUrl}/unified/ats/${segment}/orders/${encodeURIComponent(order.id)}/result`;
}

/** The order as the legacy AssessmentOrder / BackgroundCheckOrder schema describes it. */
export function orderData(
  acc: AccountData,
  order: Order,
  baseUrl: string,
): Record<string, unknown> {
  const { collections: col } = acc;
  const application = col.applications.get(order.application_id);
  const job = col.jobs.get(order.job_id);
  const candidate = col.candidates.get(order.candidate_id);
  const base = {
    id: order.id,
    remote_id: order.remote_id,
    application: application
      ? {
          id: application.id,
          remote_id: application.remote_id,
          application_status: application.application_status,
        }
      : { id: order.application_id },
    job: job
      ? { id: job.id, remote_id: job.remote_id, title: job.title, hiring_team: job.hiring_team }
      : { id: order.job_id },
    candidate: candidate
      ? {
          id: candidate.id,
          remote_id: candidate.remote_id,
          first_name: candidate.first_name,
          last_name: candidate.last_name,
          emails: candidate.emails,
          profile_url: `https://app.${acc.account.provider}.example/candidates/${candidate.remote_id}`,
        }
      : { id: order.candidate_id },
    requester: order.requester,
    results_update_url: resultsUpdateUrl(baseUrl, order),
  };
  if (order.kind === 'assessment') {
    const p = col.assessment_packages.get(order.package_id);
    return {
      ...base,
      package: p
        ? { id: p.id, remote_id: p.remote_id, name: p.name, description: p.description }
        : { id: order.package_id },
    };
  }
  const p = col.background_check_packages.get(order.package_id);
  return {
    ...base,
    package: p
      ? {
          id: p.id,
          remote_id: p.remote_id,
          name: p.name,
          description: p.description,
          tests: p.tests,
        }
      : { id: order.package_id },
  };
}

export function orderEvent(store: SandboxStore, order: Order, baseUrl: string): WebhookEvent {
  const acc = store.account(order.account_id);
  if (!acc) throw new Error(`order ${order.id} belongs to no account`);
  return {
    id: orderEventId(order),
    event: orderEventName(order),
    account_id: order.account_id,
    created_at: order.created_at,
    data: orderData(acc, order, baseUrl),
  };
}

let jobEventSeq = 0;

export function jobEvent(kind: 'created' | 'updated', accountId: string, job: Job): WebhookEvent {
  jobEventSeq++;
  return {
    id: `evt_job_${job.id}_${job.updated_at}_${jobEventSeq}`,
    event: kind === 'created' ? 'ats_jobs.created' : 'ats_jobs.updated',
    account_id: accountId,
    created_at: job.updated_at,
    data: job,
  };
}
