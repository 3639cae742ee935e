import {
  DeskFailure,
  type CommandName,
  type EventName,
  type EventPayload,
  type OutboundLogEntry,
  type OutboxJob,
  type OutboxStatus,
  type ParsedInput,
  type ResultDraft,
  type ResultPreview,
  type ResultWarning,
} from '../../../src-shared/contract';
import {
  buildResultBody,
  fieldSetKey,
  isFinalResult,
  resultBodyText,
  resultPath,
  validateResultValues,
  type ResultValues,
} from '../../../src-shared/results';
import type { FakeRecords } from './fake-records';

type ResultCommand = Extract<CommandName, `results:${string}` | `outbox:${string}`>;
type Handler<N extends CommandName> = (input: ParsedInput<N>) => unknown;

/**
 * The results side of the fake desk: drafts, outbox jobs and the outbound log in memory, with the
 * shared body and validation rules main uses (so a preview here is the bytes main would send).
 * Nothing is sent by itself: tests move a job on with `deliver` or `park`.
 */
export function createFakeResults(
  records: FakeRecords,
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void,
) {
  const drafts = new Map<string, ResultDraft>();
  const jobs: OutboxJob[] = [];
  const log: OutboundLogEntry[] = [];
  let nextJob = 1;
  let nextLog = 1;
  let retentionDays = 365;
  let clock = Date.parse('2025-03-10T12:00:00Z');
  const stamp = () => new Date((clock += 1000)).toISOString();
  const key = (accountId: string, orderId: string) => `${accountId}/${orderId}`;

  const order = (accountId: string, orderId: string) => {
    const o = records.orders.find((r) => r.accountId === accountId && r.id === orderId);
    if (!o) throw new DeskFailure('not_found', `There is no order ${orderId} in the cache.`);
    return o;
  };

  function status(): OutboxStatus {
    const count = (s: OutboxJob['state']) => jobs.filter((j) => j.state === s).length;
    const waiting = count('queued') + count('sending');
    return {
      workspaceId: 'sandbox',
      counts: {
        queued: count('queued'),
        sending: count('sending'),
        parked: count('parked'),
        sent: count('sent'),
      },
      wait: { waiting, reason: null, message: null, nextAttemptAt: null },
    };
  }
  const changed = (...orderIds: string[]) => emit('outbox:changed', { ...status(), orderIds });

  const lastFinal = (accountId: string, orderId: string) =>
    jobs.find(
      (j) =>
        j.accountId === accountId &&
        j.orderId === orderId &&
        j.state === 'sent' &&
        isFinalResult(j.resultValue),
    ) ?? null;

  function preview(accountId: string, orderId: string, values: ResultValues): ResultPreview {
    const o = order(accountId, orderId);
    const body = resultBodyText(buildResultBody(values));
    const warnings: ResultWarning[] = [];
    const final = isFinalResult(values.result);
    if (final && values.resultUrl.trim() === '') {
      warnings.push({
        code: 'final_without_result_url',
        message: 'Some ATSs (Greenhouse) refuse a final result without a result URL.',
      });
    }
    const needsConfirmation = final && lastFinal(accountId, orderId) !== null;
    if (needsConfirmation) {
      warnings.push({
        code: 'final_resend_needs_confirmation',
        message: 'A final result was already sent for this order.',
      });
    }
    const path = resultPath(o.kind, orderId);
    return {
      method: 'PATCH',
      path,
      url: `http://sandbox.test${path}`,
      headers: [
        { name: 'authorization', value: 'Basic •••• (from the OS keychain)' },
        { name: 'x-account-id', value: accountId },
        { name: 'content-type', value: 'application/json' },
      ],
      body,
      bodyBytes: new TextEncoder().encode(body).length,
      issues: validateResultValues(values),
      warnings,
      needsConfirmation,
    };
  }

  function queue(accountId: string, orderId: string, values: ResultValues, confirm: boolean) {
    const p = preview(accountId, orderId, values);
    if (p.issues.length > 0)
      throw new DeskFailure('invalid_input', 'The result cannot be sent yet.', p.issues);
    if (p.needsConfirmation && !confirm) {
      throw new DeskFailure(
        'conflict',
        'A final result was already sent; confirm to send another.',
      );
    }
    const o = order(accountId, orderId);
    const body = buildResultBody(values);
    const at = stamp();
    const job: OutboxJob = {
      id: `job-${nextJob++}`,
      accountId,
      orderId,
      kind: o.kind,
      candidateName: o.candidateName,
      state: 'queued',
      values,
      body: p.body,
      resultValue: values.result,
      fieldSet: fieldSetKey(body),
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      lastStatus: null,
      providerErrors: null,
      createdAt: at,
      updatedAt: at,
      sentAt: null,
    };
    jobs.unshift(job);
    drafts.delete(key(accountId, orderId));
    o.status = 'queued';
    changed(orderId);
    return { jobId: job.id, orderStatus: o.status, replacedJobIds: [] };
  }

  const job = (jobId: string) => {
    const j = jobs.find((x) => x.id === jobId);
    if (!j) throw new DeskFailure('not_found', `There is no outbox job ${jobId}.`);
    return j;
  };

  function attempt(
    j: OutboxJob,
    status: number,
    response: unknown,
    outcome: OutboundLogEntry['outcome'],
  ) {
    j.attempts += 1;
    log.unshift({
      id: nextLog++,
      at: stamp(),
      osUser: 'coordinator',
      workspaceId: 'sandbox',
      accountId: j.accountId,
      orderId: j.orderId,
      jobId: j.id,
      attempt: j.attempts,
      method: 'PATCH',
      path: resultPath(j.kind, j.orderId),
      requestBody: j.body,
      responseStatus: status,
      responseBody: JSON.stringify(response),
      outcome,
      error: null,
      durationMs: 12,
    });
  }

  const handlers: { [N in ResultCommand]: Handler<N> } = {
    'results:get': ({ accountId, orderId }) => {
      const o = order(accountId, orderId);
      return {
        accountId,
        orderId,
        kind: o.kind,
        status: o.status,
        draft: drafts.get(key(accountId, orderId)) ?? null,
        jobs: jobs.filter((j) => j.accountId === accountId && j.orderId === orderId),
        lastFinal: lastFinal(accountId, orderId),
        log: log.filter((l) => l.accountId === accountId && l.orderId === orderId),
      };
    },
    'results:save-draft': ({ accountId, orderId, values }) => {
      const o = order(accountId, orderId);
      const savedAt = stamp();
      drafts.set(key(accountId, orderId), { values, savedAt });
      if (o.status === 'new' || o.status === 'in_progress') o.status = 'draft';
      return { savedAt, orderStatus: o.status };
    },
    'results:discard-draft': ({ accountId, orderId }) => {
      const o = order(accountId, orderId);
      drafts.delete(key(accountId, orderId));
      if (o.status === 'draft') o.status = 'new';
      return { orderStatus: o.status };
    },
    'results:preview': ({ accountId, orderId, values }) => {
      const v = values ?? drafts.get(key(accountId, orderId))?.values;
      if (!v) throw new DeskFailure('not_found', 'This order has no draft to preview.');
      return preview(accountId, orderId, v);
    },
    'results:send': ({ accountId, orderId, values, confirmFinalResend }) => {
      const v = values ?? drafts.get(key(accountId, orderId))?.values;
      if (!v) throw new DeskFailure('not_found', 'This order has no draft to send.');
      return queue(accountId, orderId, v, confirmFinalResend);
    },
    'results:quick-status': ({ accountId, orderId, result }) => {
      const values = { ...emptyValues(), result };
      return queue(accountId, orderId, values, false);
    },
    'results:import-preview': () => ({ rows: [], valid: 0, invalid: 0 }),
    'results:import-commit': () => ({ queued: 0, skipped: [] }),
    'results:export-sent': () => ({ csv: 'account_id,order_id\n', rows: 0 }),
    'results:log': ({ accountId, orderId, outcome, offset, limit }) => {
      const rows = log.filter(
        (l) =>
          (!accountId || l.accountId === accountId) &&
          (!orderId || l.orderId === orderId) &&
          (!outcome || l.outcome === outcome),
      );
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
    'outbox:list': ({ accountId, orderId, states, offset, limit }) => {
      const rows = jobs.filter(
        (j) =>
          (!accountId || j.accountId === accountId) &&
          (!orderId || j.orderId === orderId) &&
          (!states || states.includes(j.state)),
      );
      return { rows: rows.slice(offset, offset + limit), total: rows.length, status: status() };
    },
    'outbox:resend': ({ jobId, values, confirmFinalResend }) => {
      const j = job(jobId);
      if (values) {
        const p = preview(j.accountId, j.orderId, values);
        if (p.issues.length > 0)
          throw new DeskFailure('invalid_input', 'The result cannot be sent yet.', p.issues);
        if (p.needsConfirmation && !confirmFinalResend) {
          throw new DeskFailure(
            'conflict',
            'A final result was already sent; confirm to send another.',
          );
        }
        j.values = values;
        j.body = p.body;
        j.resultValue = values.result;
      }
      j.state = 'queued';
      j.lastError = null;
      j.providerErrors = null;
      const o = order(j.accountId, j.orderId);
      o.status = 'queued';
      changed(j.orderId);
      return { jobId: j.id, orderStatus: o.status };
    },
    'outbox:discard': ({ jobId }) => {
      const j = job(jobId);
      jobs.splice(jobs.indexOf(j), 1);
      const o = order(j.accountId, j.orderId);
      o.status = drafts.has(key(j.accountId, j.orderId)) ? 'draft' : 'new';
      changed(j.orderId);
      return { orderStatus: o.status };
    },
    'outbox:get-settings': () => ({ logRetentionDays: retentionDays }),
    'outbox:set-settings': ({ logRetentionDays }) => {
      retentionDays = logRetentionDays;
      return { logRetentionDays, purged: 0 };
    },
  };

  return {
    handlers,
    drafts,
    jobs,
    log,
    /** The ATS accepts the job. */
    deliver(jobId: string) {
      const j = job(jobId);
      attempt(j, 200, { statusCode: 200, message: 'Record updated successfully.' }, 'sent');
      j.state = 'sent';
      j.sentAt = stamp();
      order(j.accountId, j.orderId).status = 'sent';
      changed(j.orderId);
    },
    /** The ATS refuses the job with a 400 and provider_errors: it parks. */
    park(jobId: string, message: string, providerErrors: unknown[] = []) {
      const j = job(jobId);
      attempt(j, 400, { statusCode: 400, message, provider_errors: providerErrors }, 'refused');
      j.state = 'parked';
      j.lastStatus = 400;
      j.lastError = message;
      j.providerErrors = providerErrors;
      order(j.accountId, j.orderId).status = 'needs_attention';
      changed(j.orderId);
    },
  };
}

function emptyValues(): ResultValues {
  return {
    result: null,
    resultSourceValue: '',
    score: { label: '', value: '', min: '', max: '' },
    summary: '',
    resultUrl: '',
    startDate: '',
    submissionDate: '',
    attachments: [],
    candidateId: '',
    candidateProfileUrl: '',
    passthrough: '',
  };
}
