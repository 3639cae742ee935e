import { afterEach, describe, expect, it } from 'vitest';
import { StackOneHttpError, StackOneNetworkError } from '../src-main/stackone';
import type { OutboxJob } from '../src-shared/contract';
import { resultPathTemplate } from '../src-shared/results';
import { SpecValidator } from '../src-sandbox/spec/spec-validator';
import type { ResultSender } from '../src-main/outbox';
import { createResultsWorld, type ResultsWorld } from './testing/results-world';

const ok = { status: 200, bodyText: '{"statusCode":200,"message":"Record updated successfully."}' };
const httpError = (status: number, body: object, retryAfterMs: number | null = null) =>
  new StackOneHttpError({
    request: { method: 'PATCH', path: '/x' },
    status,
    bodyText: JSON.stringify(body),
    retryAfterMs,
  });

/** A sender that records every body it was given and answers with `answer(job, n)`. */
function recordingSender(
  answer: (job: OutboxJob, n: number) => Promise<typeof ok> | typeof ok = () => ok,
) {
  const sent: OutboxJob[] = [];
  const sender: ResultSender = async (job) => {
    sent.push(job);
    return answer(job, sent.filter((j) => j.id === job.id).length);
  };
  return { sent, sender };
}

let world: ResultsWorld;
afterEach(async () => world?.close());

const passed = (extra: object = {}) => ({
  result: 'passed' as const,
  resultUrl: 'https://reports.example.com/r/1',
  score: { label: 'Percentage', value: '80', min: '0', max: '100' },
  ...extra,
});

describe('result entry and the outbox', () => {
  it('send queues a job with the order as Queued in one write; the outbox delivers it and logs the attempt', async () => {
    world = await createResultsWorld();
    const order = world.orders[0]!;
    await world.call('results:save-draft', {
      accountId: order.accountId,
      orderId: order.id,
      values: passed(),
    });
    expect(world.cache.orders.getRow(order.accountId, order.id)!.status).toBe('draft');

    const preview = await world.call('results:preview', {
      accountId: order.accountId,
      orderId: order.id,
    });
    const queued = await world.call('results:send', {
      accountId: order.accountId,
      orderId: order.id,
    });
    expect(queued.orderStatus).toBe('queued');
    expect(world.cache.results.draft(order.accountId, order.id)).toBeNull();

    const { sent, sender } = recordingSender();
    await world.restartOutbox(sender);
    await world.outbox.drained();
    expect(sent.map((j) => j.body)).toEqual([preview.body]);
    expect(world.cache.orders.getRow(order.accountId, order.id)!.status).toBe('sent');
    const log = await world.call('results:log', { orderId: order.id });
    expect(log.rows).toMatchObject([
      {
        attempt: 1,
        outcome: 'sent',
        responseStatus: 200,
        osUser: 'tester',
        requestBody: preview.body,
      },
    ]);
    expect(JSON.stringify(log.rows)).not.toMatch(/authorization|Basic /i);
  });

  it('a newer job for the same order and fields replaces a queued one; other field sets keep their order', async () => {
    world = await createResultsWorld();
    const order = world.orders[1]!;
    const ref = { accountId: order.accountId, orderId: order.id };
    await world.call('results:quick-status', { ...ref, result: 'initiated' });
    await world.call('results:quick-status', { ...ref, result: 'in_progress' });
    const full = await world.call('results:send', { ...ref, values: passed() });
    const second = await world.call('results:send', {
      ...ref,
      values: passed({ score: { label: 'Percentage', value: '90', min: '0', max: '100' } }),
    });
    expect(second.replacedJobIds).toEqual([full.jobId]);
    expect(world.cache.results.jobsForOrder(order.accountId, order.id)).toHaveLength(2);

    const { sent, sender } = recordingSender();
    await world.restartOutbox(sender);
    await world.outbox.drained();
    expect(sent.map((j) => j.resultValue)).toEqual(['in_progress', 'passed']);
    expect(JSON.parse(sent[1]!.body)).toMatchObject({ score: { value: '90' } });
  });

  it('sends one job per order at a time, in order, while other orders go in parallel', async () => {
    world = await createResultsWorld();
    const [a, b] = world.orders;
    for (const o of [a!, b!]) {
      await world.call('results:quick-status', {
        accountId: o.accountId,
        orderId: o.id,
        result: 'in_progress',
      });
      await world.call('results:send', { accountId: o.accountId, orderId: o.id, values: passed() });
    }
    let onWire = 0;
    let maxPerOrder = 0;
    const perOrder = new Map<string, number>();
    const { sent, sender } = recordingSender(async (job) => {
      onWire++;
      perOrder.set(job.orderId, (perOrder.get(job.orderId) ?? 0) + 1);
      maxPerOrder = Math.max(maxPerOrder, ...perOrder.values());
      await new Promise((r) => setImmediate(r));
      perOrder.set(job.orderId, perOrder.get(job.orderId)! - 1);
      onWire--;
      return ok;
    });
    await world.restartOutbox(sender);
    await world.outbox.drained();
    expect(maxPerOrder).toBe(1);
    for (const o of [a!, b!]) {
      expect(sent.filter((j) => j.orderId === o.id).map((j) => j.resultValue)).toEqual([
        'in_progress',
        'passed',
      ]);
    }
    expect(onWire).toBe(0);
  });

  it('a 4xx parks the job with provider_errors, holds back only its own order, and an edited resend delivers it', async () => {
    world = await createResultsWorld();
    const [a, b] = world.orders;
    const refA = { accountId: a!.accountId, orderId: a!.id };
    await world.call('results:send', { ...refA, values: passed({ resultUrl: '' }) });
    await world.call('results:quick-status', { ...refA, result: 'in_progress' });
    await world.call('results:send', { accountId: b!.accountId, orderId: b!.id, values: passed() });
    const providerErrors = [
      {
        status: 422,
        url: 'https://harvest.greenhouse.io',
        raw: { message: 'result_url is required' },
      },
    ];
    const { sent, sender } = recordingSender((job) => {
      if (JSON.parse(job.body).result_url === undefined && job.resultValue === 'passed') {
        throw httpError(400, {
          statusCode: 400,
          message: 'Bad request',
          provider_errors: providerErrors,
        });
      }
      return ok;
    });
    await world.restartOutbox(sender);
    await world.outbox.drained();
    const [parked] = (await world.call('outbox:list', { states: ['parked'] })).rows;
    expect(parked).toMatchObject({
      orderId: a!.id,
      state: 'parked',
      lastStatus: 400,
      providerErrors,
    });
    expect(parked!.lastError).toContain('Bad request');
    expect(world.cache.orders.getRow(a!.accountId, a!.id)!.status).toBe('needs_attention');
    expect(world.cache.orders.getRow(b!.accountId, b!.id)!.status).toBe('sent');
    // The later status job of the parked order waits behind it.
    expect(sent.filter((j) => j.orderId === a!.id)).toHaveLength(1);

    await world.call('outbox:resend', { jobId: parked!.id, values: passed() });
    await world.outbox.drained();
    expect(sent.filter((j) => j.orderId === a!.id).map((j) => j.resultValue)).toEqual([
      'passed',
      'passed',
      'in_progress',
    ]);
    expect(world.cache.orders.getRow(a!.accountId, a!.id)!.status).toBe('in_progress');
    const status = (await world.call('outbox:list', {})).status;
    expect(status.counts).toEqual({ queued: 0, sending: 0, parked: 0, sent: 3 });
  });

  it('retries 429 no sooner than Retry-After, and says why jobs wait while StackOne is unreachable', async () => {
    world = await createResultsWorld();
    const order = world.orders[2]!;
    await world.call('results:send', {
      accountId: order.accountId,
      orderId: order.id,
      values: passed(),
    });
    let clock = Date.parse('2026-12-06T12:00:00.000Z');
    const now = () => new Date(clock);
    const { sent, sender } = recordingSender((_job, n) => {
      if (n === 1) throw httpError(429, { statusCode: 429, message: 'Too many requests' }, 120_000);
      if (n === 2)
        throw new StackOneNetworkError({ method: 'PATCH', path: '/x' }, new Error('ECONNREFUSED'));
      return ok;
    });
    await world.restartOutbox(sender, { now, random: () => 0.5 });
    await world.outbox.drained();
    const [job] = world.cache.results.jobsForOrder(order.accountId, order.id);
    expect(job).toMatchObject({ state: 'queued', attempts: 1, lastStatus: 429 });
    expect(Date.parse(job!.nextAttemptAt!) - clock).toBeGreaterThanOrEqual(120_000);
    expect(world.outbox.status().wait).toMatchObject({ waiting: 1, reason: 'rate_limited' });

    clock += 120_000;
    await world.outbox.drained();
    expect(world.outbox.status().wait).toMatchObject({ waiting: 1, reason: 'offline' });
    expect(world.outbox.status().wait.message).toContain('1 result waits and goes out');
    clock += 60_000;
    await world.outbox.drained();
    expect(sent).toHaveLength(3);
    expect(world.outbox.status()).toMatchObject({
      counts: { sent: 1 },
      wait: { waiting: 0, reason: null },
    });
    const outcomes = (await world.call('results:log', { orderId: order.id })).rows.map(
      (r) => r.outcome,
    );
    expect(outcomes).toEqual(['sent', 'unknown', 'retry']);
  });

  it('a job found sending at start had an unknown outcome: it is logged as such and sent again', async () => {
    world = await createResultsWorld();
    const order = world.orders[3]!;
    const { jobId } = await world.call('results:send', {
      accountId: order.accountId,
      orderId: order.id,
      values: passed(),
    });
    await world.writer.run('beginOutboxAttempt', { jobId, at: new Date().toISOString() });
    expect(world.cache.orders.getRow(order.accountId, order.id)!.status).toBe('sending');

    const { sent, sender } = recordingSender();
    await world.restartOutbox(sender);
    await world.outbox.drained();
    expect(world.outbox.recovered).toBe(1);
    expect(sent).toHaveLength(1);
    const log = (await world.call('results:log', { orderId: order.id })).rows;
    expect(log.map((r) => [r.attempt, r.outcome])).toEqual([
      [2, 'sent'],
      [1, 'unknown'],
    ]);
  });

  it('refuses invalid values with the field named, and a second final result without confirmation', async () => {
    world = await createResultsWorld();
    const order = world.orders[4]!;
    const ref = { accountId: order.accountId, orderId: order.id };
    await expect(
      world.call('results:send', {
        ...ref,
        values: passed({ resultUrl: 'http://insecure.example.com' }),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: ['resultUrl'] }] });
    await world.call('results:send', { ...ref, values: passed() });
    const { sender } = recordingSender();
    await world.restartOutbox(sender);
    await world.outbox.drained();

    const preview = await world.call('results:preview', {
      ...ref,
      values: passed({ result: 'failed' }),
    });
    expect(preview.needsConfirmation).toBe(true);
    expect(preview.warnings.map((w) => w.code)).toContain('final_resend_needs_confirmation');
    await expect(
      world.call('results:send', { ...ref, values: passed({ result: 'failed' }) }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    const confirmed = await world.call('results:send', {
      ...ref,
      values: passed({ result: 'failed' }),
      confirmFinalResend: true,
    });
    expect(confirmed.orderStatus).toBe('queued');
    const noUrl = await world.call('results:preview', {
      accountId: world.orders[5]!.accountId,
      orderId: world.orders[5]!.id,
      values: passed({ resultUrl: '' }),
    });
    expect(noUrl.warnings.map((w) => w.code)).toEqual(['final_without_result_url']);
  });

  it('every body the outbox sends validates against the spec (ajv)', async () => {
    world = await createResultsWorld();
    const validator = new SpecValidator();
    const variants = [
      passed(),
      { result: 'in_progress' as const },
      {
        result: 'completed' as const,
        resultSourceValue: 'Done',
        summary: 'Multi\nline — ünïcode',
        startDate: '2026-12-01T09:00:00+01:00',
        submissionDate: '2026-12-02T17:30:00.000Z',
        attachments: [{ url: 'https://files.example.com/a.pdf', contentType: 'pdf' as const }],
        candidateId: 'cand_1',
        candidateProfileUrl: 'https://ats.example.com/c/1',
        passthrough: '{"nested": {"a": [1, 2]}}',
      },
      { score: { label: 'Grade', value: 'A', min: '', max: '' } },
    ];
    for (const [i, values] of variants.entries()) {
      const order = world.orders[i]!;
      await world.call('results:send', { accountId: order.accountId, orderId: order.id, values });
    }
    const { sent, sender } = recordingSender();
    await world.restartOutbox(sender);
    await world.outbox.drained();
    expect(sent).toHaveLength(variants.length);
    for (const job of sent) {
      const check = validator.validateRequest('PATCH', resultPathTemplate(job.kind), {
        path: { id: job.orderId },
        rawQuery: '',
        headers: { 'x-account-id': job.accountId },
        body: JSON.parse(job.body),
      });
      expect(check, job.body).toMatchObject({ ok: true });
    }
  });

  it('imports CSV rows: queues the valid ones in one write and names what is wrong with each bad row', async () => {
    world = await createResultsWorld();
    const [a, b, c] = world.orders;
    const row = (line: number, order: string, extra: object = {}) => ({
      line,
      order,
      result: 'passed',
      result_url: 'https://r.example.com/x',
      score_value: '50',
      score_min: '0',
      score_max: '100',
      ...extra,
    });
    const rows = [
      row(2, a!.id),
      row(3, 'no_such_order'),
      row(4, b!.id, { result: 'great' }),
      row(5, c!.id, { result_url: 'http://x.example.com' }),
      row(6, world.orders[6]!.id, { score_value: '500' }),
      row(7, world.orders[7]!.id, { result: 'In progress' }),
      row(8, world.orders[8]!.id),
      row(9, world.orders[8]!.id),
    ];
    const preview = await world.call('results:import-preview', { rows });
    expect(preview).toMatchObject({ valid: 2, invalid: 6 });
    expect(preview.rows.map((r) => [r.line, r.issues.map((i) => i.path[0])])).toEqual([
      [2, []],
      [3, ['order']],
      [4, ['result']],
      [5, ['result_url']],
      [6, ['score_value']],
      [7, []],
      [8, ['order']],
      [9, ['order']],
    ]);
    expect(world.cache.results.counts().queued).toBe(0);
    const commit = await world.call('results:import-commit', { rows });
    expect(commit.queued).toBe(2);
    expect(world.cache.orders.getRow(a!.accountId, a!.id)!.status).toBe('queued');
  });

  it('a 1,000-row import with 50 bad rows: the preview names each bad row, a preview alone queues nothing, the commit queues the 950', async () => {
    world = await createResultsWorld({ orders: 1_000 });
    const ids = world.orders.map((o) => o.id);
    const row = (line: number, order: string, extra: object = {}) => ({
      line,
      order,
      result: 'passed',
      result_url: `https://r.example.com/${line}`,
      score_value: '50',
      score_min: '0',
      score_max: '100',
      ...extra,
    });
    const bad: [string, object][] = [
      ['order', {}],
      ['result', { result: 'maybe' }],
      ['result_url', { result_url: 'http://r.example.com/x' }],
      ['score_value', { score_value: '150' }],
    ];
    const rows: ReturnType<typeof row>[] = [];
    const expected = new Map<number, string>();
    let next = 0;
    // 10 of each kind, then 5 orders named twice (10 rows), among 950 valid rows for other orders.
    for (const [column, extra] of bad) {
      for (let j = 0; j < 10; j++) {
        const line = rows.length + 2;
        rows.push(row(line, column === 'order' ? `NO-SUCH-${j}` : ids[next++]!, extra));
        expected.set(line, column);
      }
    }
    for (let j = 0; j < 10; j++) {
      const line = rows.length + 2;
      rows.push(row(line, ids[next + (j % 5)]!));
      expected.set(line, 'order');
    }
    next += 5;
    while (rows.length < 1_000) rows.push(row(rows.length + 2, ids[next++]!));

    const started = performance.now();
    const preview = await world.call('results:import-preview', { rows });
    console.log(
      `results:import-preview: 1000 rows in ${Math.round(performance.now() - started)} ms`,
    );
    expect(preview).toMatchObject({ valid: 950, invalid: 50 });
    const invalid = preview.rows.filter((r) => r.issues.length > 0);
    expect(invalid.map((r) => [r.line, r.issues[0]!.path[0]])).toEqual([...expected]);
    expect(world.cache.results.counts().queued).toBe(0);

    const commit = await world.call('results:import-commit', { rows });
    expect(commit.queued).toBe(950);
    expect(commit.skipped.map((r) => r.line)).toEqual([...expected.keys()]);
    expect(world.cache.results.counts().queued).toBe(950);
  });

  it('discarding a draft or a waiting job restores the order status; retention purges old log entries', async () => {
    world = await createResultsWorld();
    const order = world.orders[9]!;
    const ref = { accountId: order.accountId, orderId: order.id };
    await world.call('results:quick-status', { ...ref, result: 'in_progress' });
    const { sender } = recordingSender();
    await world.restartOutbox(sender);
    await world.outbox.drained();
    expect(world.cache.orders.getRow(order.accountId, order.id)!.status).toBe('in_progress');

    await world.call('results:save-draft', { ...ref, values: passed() });
    expect(world.cache.orders.getRow(order.accountId, order.id)!.status).toBe('draft');
    expect(await world.call('results:discard-draft', ref)).toEqual({ orderStatus: 'in_progress' });

    await world.restartOutbox(null);
    const { jobId } = await world.call('results:send', { ...ref, values: passed() });
    expect(world.outbox.status().wait).toMatchObject({ waiting: 1, reason: 'stopped' });
    expect(await world.call('outbox:discard', { jobId })).toEqual({ orderStatus: 'in_progress' });
    await expect(world.call('outbox:discard', { jobId })).rejects.toMatchObject({
      code: 'not_found',
    });

    world.cache.db
      .prepare(
        `INSERT INTO outbound_log (at, os_user, workspace_id, account_id, order_id, job_id, attempt,
           method, path, request_body, outcome) VALUES (?, 'u', 'w', ?, ?, 'j', 1, 'PATCH', '/p', '{}', 'sent')`,
      )
      .run(new Date(Date.now() - 40 * 86_400_000).toISOString(), order.accountId, order.id);
    expect((await world.call('results:log', { orderId: order.id })).total).toBe(2);
    expect(await world.call('outbox:set-settings', { logRetentionDays: 30 })).toEqual({
      logRetentionDays: 30,
      purged: 1,
    });
    expect(await world.call('outbox:get-settings', {})).toEqual({ logRetentionDays: 30 });
    expect((await world.call('results:log', { orderId: order.id })).total).toBe(1);
  });
});
