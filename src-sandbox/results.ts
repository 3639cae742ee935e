import { z } from 'zod';
import type { Account } from './data/types';
import { SandboxHttpError } from './errors';

/**
 * How the simulated ATS behind a linked account treats result PATCHes. Real ATSs differ: some
 * refuse a final verdict without a link to the report, some refuse to change a verdict once set.
 * Per account and switchable (PUT /_sandbox/results/rules/:accountId), so tests can model both.
 */
export const resultRulesSchema = z.strictObject({
  /** A final result (completed/passed/failed) without `result_url` answers 400 with provider_errors. */
  requireResultUrlForFinal: z.boolean(),
  /** A different body after a final result was accepted answers 409 (the same body again is fine). */
  refuseChangeAfterFinal: z.boolean(),
});
export type ResultRules = z.infer<typeof resultRulesSchema>;

const FINAL = new Set(['completed', 'passed', 'failed']);

/** Greenhouse accounts enforce both rules by default; other providers accept anything valid. */
function defaultRules(account: Account): ResultRules {
  const strict = account.provider === 'greenhouse';
  return { requireResultUrlForFinal: strict, refuseChangeAfterFinal: strict };
}

export class ResultRulebook {
  private readonly rules = new Map<string, ResultRules>();
  /** The body text of the accepted final result, per order. */
  private readonly finals = new Map<string, string>();

  rulesFor(account: Account): ResultRules {
    return this.rules.get(account.id) ?? defaultRules(account);
  }

  setRules(account: Account, patch: Partial<ResultRules>): ResultRules {
    const next = resultRulesSchema.parse({ ...this.rulesFor(account), ...patch });
    this.rules.set(account.id, next);
    return next;
  }

  /**
   * Throws the ATS's refusal for this PATCH, or records an accepted final result. `bodyText` is
   * the body as received: resending the same final result (a retry) is accepted.
   */
  apply(account: Account, orderId: string, body: unknown, bodyText: string): void {
    const rules = this.rulesFor(account);
    const b = (body ?? {}) as { result?: { value?: unknown } | null; result_url?: unknown };
    const final = typeof b.result?.value === 'string' && FINAL.has(b.result.value);
    const key = `${account.id}\u0000${orderId}`;
    const accepted = this.finals.get(key);
    if (rules.refuseChangeAfterFinal && accepted !== undefined && accepted !== bodyText) {
      throw new SandboxHttpError(
        409,
        'A final result was already recorded for this order.',
        undefined,
        {
          provider_errors: [
            {
              status: 409,
              url: `https://${account.provider}.example.com/api/results/${orderId}`,
              raw: {
                error: 'result_locked',
                message: 'The result of this assessment is final and cannot be changed.',
              },
              headers: {},
            },
          ],
        },
      );
    }
    if (
      rules.requireResultUrlForFinal &&
      final &&
      (typeof b.result_url !== 'string' || b.result_url === '')
    ) {
      throw new SandboxHttpError(400, 'The provider refused the result.', undefined, {
        provider_errors: [
          {
            status: 422,
            url: `https://${account.provider}.example.com/api/results/${orderId}`,
            raw: {
              error: 'validation_failed',
              message: 'result_url is required for a completed result.',
            },
            headers: {},
          },
        ],
      });
    }
    if (final && accepted === undefined) this.finals.set(key, bodyText);
  }
}
