import type { StackOneClient } from '../stackone';
import type { ResultSender } from './outbox';

/**
 * Sends a job with the linked account's StackOne client. The client must not retry on its own
 * (NO_RETRY): the outbox stores every attempt and schedules the next one itself, so that a retry
 * survives a restart and each attempt is in the outbound log. The stored body text goes out as
 * it is: openapi-fetch serializes the parsed body with JSON.stringify, which gives back exactly
 * the text JSON.stringify produced when the job was queued.
 */
export function stackOneSender(clientFor: (accountId: string) => StackOneClient): ResultSender {
  return async (job, signal) => {
    const client = clientFor(job.accountId);
    const body = JSON.parse(job.body) as Parameters<StackOneClient['updateAssessmentResult']>[1];
    const answer =
      job.kind === 'assessment'
        ? await client.updateAssessmentResult(job.orderId, body, { signal })
        : await client.updateBackgroundCheckResult(job.orderId, body, { signal });
    return { status: answer?.statusCode ?? 200, bodyText: JSON.stringify(answer ?? null) };
  };
}
