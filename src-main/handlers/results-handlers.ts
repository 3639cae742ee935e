import { randomUUID } from 'node:crypto';
import {
  DeskFailure,
  type InputIssue,
  type OrderKind,
  type ResultImportRowReport,
  type ResultPreview,
  type ResultWarning,
} from '../../src-shared/contract';
import type { outboxCommands } from '../../src-shared/contract/commands/outbox';
import type { resultCommands } from '../../src-shared/contract/commands/results';
import {
  buildResultBody,
  emptyResultValues,
  fieldSetKey,
  isFinalResult,
  RESULT_LABELS,
  RESULT_VALUES,
  resultBodyText,
  resultPath,
  ResultValuesSchema,
  SENT_RESULTS_CSV_COLUMNS,
  validateResultValues,
  type ResultImportRow,
  type ResultValues,
} from '../../src-shared/results';
import type { WorkspaceCache } from '../cache';
import type { NewOutboxJob } from '../outbox/results-repository';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

type ResultCommand = keyof typeof resultCommands | keyof typeof outboxCommands;

interface OrderRef {
  accountId: string;
  id: string;
  kind: OrderKind;
  status: string;
  candidateName: string | null;
}

function orderOf(cache: WorkspaceCache, accountId: string, orderId: string): OrderRef {
  const row = cache.orders.getRow(accountId, orderId);
  if (!row) throw new DeskFailure('not_found', `Order ${orderId} is not in this workspace.`);
  return {
    accountId,
    id: row.id,
    kind: row.kind,
    status: row.status,
    candidateName: row.candidate_name,
  };
}

function refuseInvalid(issues: InputIssue[]): void {
  if (issues.length === 0) return;
  throw new DeskFailure(
    'invalid_input',
    issues.length === 1 ? issues[0]!.message : `${issues.length} fields need a fix before sending.`,
    issues,
  );
}

function newJob(order: OrderRef, values: ResultValues): NewOutboxJob {
  const body = buildResultBody(values);
  return {
    id: randomUUID(),
    accountId: order.accountId,
    orderId: order.id,
    kind: order.kind,
    fieldSet: fieldSetKey(body),
    values,
    body: resultBodyText(body),
    resultValue: body.result?.value ?? null,
  };
}

/**
 * What an ATS is known to refuse or ignore in these values for this order. `needsConfirmation`:
 * a final result was already accepted and this is another final one.
 */
function warningsFor(
  cache: WorkspaceCache,
  order: OrderRef,
  values: ResultValues,
): { warnings: ResultWarning[]; needsConfirmation: boolean } {
  const warnings: ResultWarning[] = [];
  const final = isFinalResult(values.result);
  if (final && values.resultUrl.trim() === '') {
    warnings.push({
      code: 'final_without_result_url',
      message:
        'Some ATSs (Greenhouse, for one) refuse a final result without a result URL. Add the link to the full report.',
    });
  }
  const lastFinal = cache.results.lastFinal(order.accountId, order.id);
  let needsConfirmation = false;
  if (lastFinal) {
    const label = lastFinal.resultValue
      ? RESULT_LABELS[lastFinal.resultValue as keyof typeof RESULT_LABELS]
      : 'a result';
    if (final) {
      needsConfirmation = true;
      warnings.push({
        code: 'final_resend_needs_confirmation',
        message: `${label} was already sent for this order. Sending another final result needs your confirmation; some ATSs refuse it.`,
      });
    } else {
      warnings.push({
        code: 'change_after_final',
        message: `${label} was already sent for this order. Some ATSs refuse or ignore a change after a final result.`,
      });
    }
  }
  const pending = cache.results
    .jobsForOrder(order.accountId, order.id)
    .filter((j) => j.state !== 'sent');
  if (pending.length > 0) {
    warnings.push({
      code: 'earlier_job_pending',
      message: `${pending.length === 1 ? 'A result' : `${pending.length} results`} for this order ${pending.length === 1 ? 'has' : 'have'} not gone out yet; this one goes after ${pending.length === 1 ? 'it' : 'them'}, or replaces a waiting one with the same fields.`,
    });
  }
  return { warnings, needsConfirmation };
}

/** CSV column for a form field path, so an import issue names the column the coordinator edits. */
const CSV_COLUMN_OF: Record<string, string> = {
  result: 'result',
  resultUrl: 'result_url',
  'score.value': 'score_value',
  'score.min': 'score_min',
  'score.max': 'score_max',
  'score.label': 'score_label',
  summary: 'summary',
  submissionDate: 'submission_date',
};

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value)
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/**
 * Result entry and the outbox: drafts, the exact preview, sending (a job queued in the same
 * transaction as the order's new status), quick status actions, bulk import, the outbox and the
 * outbound log. The rules on values live in src-shared/results, shared with the form.
 */
export function resultsHandlers(ctx: HandlerContext): HandlerSet<ResultCommand> {
  const queue = async (jobs: NewOutboxJob[]) => {
    const writer = await ctx.writer();
    const queued = await writer.run('queueResults', { jobs, at: ctx.now().toISOString() });
    const { outbox } = await ctx.outbox();
    outbox.notify(jobs.map((j) => j.orderId));
    outbox.wake();
    return queued;
  };

  const changed = async (orderIds: string[]) => {
    const { outbox } = await ctx.outbox();
    outbox.notify(orderIds);
    outbox.wake();
  };

  const send = async (
    cache: WorkspaceCache,
    order: OrderRef,
    values: ResultValues,
    confirmFinalResend: boolean,
  ) => {
    refuseInvalid(validateResultValues(values));
    if (!confirmFinalResend && warningsFor(cache, order, values).needsConfirmation) {
      throw new DeskFailure(
        'conflict',
        'A final result was already sent for this order. Confirm to send another one.',
      );
    }
    const [queued] = await queue([newJob(order, values)]);
    return queued!;
  };

  /** Checks each CSV row on its own; a bad row never affects the others. */
  const checkRows = (
    cache: WorkspaceCache,
    accountId: string | undefined,
    rows: ResultImportRow[],
  ): ResultImportRowReport[] => {
    const refs = new Set(rows.map((r) => r.order.trim()).filter((r) => r !== ''));
    const matches = new Map<string, OrderRef[]>();
    for (const o of cache.db
      .prepare(
        `SELECT account_id, id, remote_id, kind, status, candidate_name FROM orders
         WHERE ? IS NULL OR account_id = ?`,
      )
      .iterate(accountId ?? null, accountId ?? null) as Iterable<{
      account_id: string;
      id: string;
      remote_id: string | null;
      kind: OrderKind;
      status: string;
      candidate_name: string | null;
    }>) {
      for (const key of new Set([o.id, o.remote_id])) {
        if (key === null || !refs.has(key)) continue;
        const list = matches.get(key) ?? [];
        list.push({
          accountId: o.account_id,
          id: o.id,
          kind: o.kind,
          status: o.status,
          candidateName: o.candidate_name,
        });
        matches.set(key, list);
      }
    }
    const seen = new Map<string, number>();
    for (const r of rows) {
      const found = matches.get(r.order.trim());
      if (found?.length === 1) {
        const key = `${found[0]!.accountId}\u0000${found[0]!.id}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    const resultByWord = new Map<string, string>();
    for (const v of RESULT_VALUES) {
      resultByWord.set(v, v);
      resultByWord.set(RESULT_LABELS[v].toLowerCase(), v);
    }
    return rows.map((row) => {
      const issues: InputIssue[] = [];
      const ref = row.order.trim();
      const found = ref === '' ? undefined : matches.get(ref);
      let order: OrderRef | null = null;
      if (ref === '') issues.push({ path: ['order'], message: 'The order column is empty.' });
      else if (!found)
        issues.push({ path: ['order'], message: `No order "${ref}" in this workspace.` });
      else if (found.length > 1) {
        issues.push({
          path: ['order'],
          message: `"${ref}" names orders of ${found.length} customers; import one customer's file at a time.`,
        });
      } else {
        order = found[0]!;
        if ((seen.get(`${order.accountId}\u0000${order.id}`) ?? 0) > 1) {
          issues.push({
            path: ['order'],
            message: `Order "${ref}" appears more than once in the file.`,
          });
        }
      }
      const word = row.result.trim().toLowerCase();
      const result = word === '' ? null : (resultByWord.get(word) ?? null);
      if (word !== '' && result === null) {
        issues.push({
          path: ['result'],
          message: `"${row.result}" is not a result; use one of ${RESULT_VALUES.join(', ')}.`,
        });
      }
      const parsed = ResultValuesSchema.safeParse({
        result,
        score: {
          value: row.score_value,
          min: row.score_min,
          max: row.score_max,
          label: row.score_label,
        },
        summary: row.summary,
        resultUrl: row.result_url,
        submissionDate: row.submission_date,
      });
      let values: ResultValues | null = null;
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const column = CSV_COLUMN_OF[i.path.join('.')] ?? String(i.path[0] ?? 'row');
          issues.push({ path: [column], message: `${column}: ${i.message}` });
        }
      } else {
        values = parsed.data;
        for (const i of validateResultValues(values)) {
          if (result === null && word !== '' && i.path[0] === 'result') continue;
          issues.push({ path: [CSV_COLUMN_OF[i.path.join('.')] ?? 'row'], message: i.message });
        }
        if (order && isFinalResult(result) && cache.results.lastFinal(order.accountId, order.id)) {
          issues.push({
            path: ['result'],
            message:
              'A final result was already sent for this order; send a change from the order page.',
          });
        }
      }
      return {
        line: row.line,
        accountId: order?.accountId ?? null,
        orderId: order?.id ?? null,
        candidateName: order?.candidateName ?? null,
        values,
        issues,
      };
    });
  };

  return {
    'results:get': async ({ accountId, orderId }) => {
      const cache = await ctx.cache();
      const order = orderOf(cache, accountId, orderId);
      return {
        accountId,
        orderId: order.id,
        kind: order.kind,
        status: order.status,
        draft: cache.results.draft(accountId, orderId),
        jobs: cache.results.jobsForOrder(accountId, orderId),
        lastFinal: cache.results.lastFinal(accountId, orderId),
        log: cache.results.log({ accountId, orderId, offset: 0, limit: 50 }).rows,
      };
    },

    'results:save-draft': async ({ accountId, orderId, values }) => {
      const writer = await ctx.writer();
      const savedAt = ctx.now().toISOString();
      const orderStatus = await writer.run('saveResultDraft', {
        accountId,
        orderId,
        values,
        at: savedAt,
      });
      if (orderStatus === null)
        throw new DeskFailure('not_found', `Order ${orderId} is not in this workspace.`);
      await changed([orderId]);
      return { savedAt, orderStatus };
    },

    'results:discard-draft': async ({ accountId, orderId }) => {
      const writer = await ctx.writer();
      const orderStatus = await writer.run('discardResultDraft', { accountId, orderId });
      if (orderStatus === null)
        throw new DeskFailure('not_found', `Order ${orderId} is not in this workspace.`);
      await changed([orderId]);
      return { orderStatus };
    },

    'results:preview': async ({ accountId, orderId, values: given }) => {
      const cache = await ctx.cache();
      const order = orderOf(cache, accountId, orderId);
      const values =
        given ?? cache.results.draft(accountId, orderId)?.values ?? emptyResultValues();
      const { baseUrl } = await ctx.outbox();
      const path = resultPath(order.kind, order.id);
      const body = resultBodyText(buildResultBody(values));
      const { warnings, needsConfirmation } = warningsFor(cache, order, values);
      return {
        method: 'PATCH',
        path,
        url: `${baseUrl ?? ''}${path}`,
        headers: [
          { name: 'x-account-id', value: accountId },
          { name: 'content-type', value: 'application/json' },
          { name: 'accept', value: 'application/json' },
          { name: 'authorization', value: 'Basic (the API key from the keychain; never shown)' },
        ],
        body,
        bodyBytes: Buffer.byteLength(body, 'utf8'),
        issues: validateResultValues(values),
        warnings,
        needsConfirmation,
      } satisfies ResultPreview;
    },

    'results:send': async ({ accountId, orderId, values: given, confirmFinalResend }) => {
      const cache = await ctx.cache();
      const order = orderOf(cache, accountId, orderId);
      const values = given ?? cache.results.draft(accountId, orderId)?.values;
      if (!values) {
        throw new DeskFailure(
          'invalid_input',
          'There is no result to send: fill in the form first.',
          [{ path: ['values'], message: 'No values and no saved draft.' }],
        );
      }
      return send(cache, order, values, confirmFinalResend);
    },

    'results:quick-status': async ({ accountId, orderId, result }) => {
      const cache = await ctx.cache();
      const order = orderOf(cache, accountId, orderId);
      return send(cache, order, { ...emptyResultValues(), result }, false);
    },

    'results:import-preview': async ({ accountId, rows }) => {
      const cache = await ctx.cache();
      const reports = checkRows(cache, accountId, rows);
      const invalid = reports.filter((r) => r.issues.length > 0).length;
      return { rows: reports, valid: reports.length - invalid, invalid };
    },

    'results:import-commit': async ({ accountId, rows }) => {
      const cache = await ctx.cache();
      const reports = checkRows(cache, accountId, rows);
      const jobs: NewOutboxJob[] = [];
      for (const r of reports) {
        if (r.issues.length > 0 || !r.values || !r.orderId || !r.accountId) continue;
        jobs.push(newJob(orderOf(cache, r.accountId, r.orderId), r.values));
      }
      if (jobs.length > 0) await queue(jobs);
      return { queued: jobs.length, skipped: reports.filter((r) => r.issues.length > 0) };
    },

    'results:export-sent': async ({ accountId, from, to }) => {
      const cache = await ctx.cache();
      const jobs = cache.results.sentJobs({ accountId, from, to });
      const lines = [SENT_RESULTS_CSV_COLUMNS.join(',')];
      for (const j of jobs) {
        const v = j.values;
        lines.push(
          [
            j.accountId,
            j.orderId,
            j.kind,
            j.candidateName ?? '',
            j.resultValue ?? '',
            v.score.value,
            v.score.min,
            v.score.max,
            v.score.label,
            v.summary,
            v.resultUrl,
            v.submissionDate,
            j.sentAt ?? '',
          ]
            .map(csvField)
            .join(','),
        );
      }
      return { csv: `${lines.join('\r\n')}\r\n`, rows: jobs.length };
    },

    'results:log': async (q) => {
      const cache = await ctx.cache();
      return cache.results.log(q);
    },

    'outbox:list': async ({ accountId, orderId, states, offset, limit }) => {
      const cache = await ctx.cache();
      const { outbox } = await ctx.outbox();
      return {
        ...cache.results.listJobs({ accountId, orderId, states, offset, limit }),
        status: outbox.status(),
      };
    },

    'outbox:resend': async ({ jobId, values, confirmFinalResend }) => {
      const cache = await ctx.cache();
      const job = cache.results.job(jobId);
      if (!job) throw new DeskFailure('not_found', 'This result is no longer in the outbox.');
      let edit = null;
      if (values) {
        const order = orderOf(cache, job.accountId, job.orderId);
        refuseInvalid(validateResultValues(values));
        if (!confirmFinalResend && warningsFor(cache, order, values).needsConfirmation) {
          throw new DeskFailure(
            'conflict',
            'A final result was already sent for this order. Confirm to send another one.',
          );
        }
        const { body, fieldSet, resultValue } = newJob(order, values);
        edit = { values, body, fieldSet, resultValue };
      }
      const writer = await ctx.writer();
      const orderStatus = await writer.run('resendOutboxJob', {
        jobId,
        edit,
        at: ctx.now().toISOString(),
      });
      if (orderStatus === null) {
        throw new DeskFailure('conflict', 'This result is being sent or was sent already.');
      }
      await changed([job.orderId]);
      return { jobId, orderStatus };
    },

    'outbox:discard': async ({ jobId }) => {
      const cache = await ctx.cache();
      const job = cache.results.job(jobId);
      if (!job) throw new DeskFailure('not_found', 'This result is no longer in the outbox.');
      const writer = await ctx.writer();
      const orderStatus = await writer.run('discardOutboxJob', { jobId });
      if (orderStatus === null) {
        throw new DeskFailure('conflict', 'This result is being sent or was sent already.');
      }
      await changed([job.orderId]);
      return { orderStatus };
    },

    'outbox:get-settings': async () => {
      const cache = await ctx.cache();
      return { logRetentionDays: cache.results.logRetentionDays() };
    },

    'outbox:set-settings': async ({ logRetentionDays }) => {
      const writer = await ctx.writer();
      const before = new Date(ctx.now().getTime() - logRetentionDays * 86_400_000).toISOString();
      const purged = await writer.run('setLogRetention', { days: logRetentionDays, before });
      return { logRetentionDays, purged };
    },
  };
}
