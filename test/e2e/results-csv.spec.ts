import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { sandboxOrders } from './ui-support';
import { RESULT_CSV_COLUMNS, type ResultCsvColumn } from '../../src-shared/results/csv';

// 1,000 orders to sync, then 950 results through the outbox on a shared two-core machine.
test.describe.configure({ timeout: 240_000 });
test.use({
  deskSync: {
    intervalMs: 2_000,
    sandbox: { orders: 1_000, accounts: 2, orderIntervalMs: null, seed: 'e2e-results-csv' },
  },
});

const COLUMNS = RESULT_CSV_COLUMNS;

type Row = Record<ResultCsvColumn, string>;

interface BadRow {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  /** The column the reason names (a prefix: a score range error may name value, min or max). */
  column: string;
  reason: RegExp;
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * 1,000 data rows: 950 valid ones for distinct orders, and 50 bad ones of five kinds (10 each),
 * spread through the file. A duplicate order marks every row that names it, so the 10 duplicate
 * rows are 5 orders named twice, and no valid row shares an order with a bad one.
 */
function buildCsv(orderIds: string[]): { csv: string; bad: BadRow[]; validOrders: string[] } {
  const needed = 950 + 10 + 10 + 10 + 5;
  if (orderIds.length < needed) throw new Error(`the sandbox has ${orderIds.length} orders`);
  const ids = [...orderIds];
  const take = () => ids.shift()!;
  const good = (order: string, i: number): Row => ({
    order,
    result: i % 3 === 0 ? 'failed' : 'passed',
    score_value: String(50 + (i % 50)),
    score_min: '0',
    score_max: '100',
    score_label: 'Percentage',
    summary: `Row ${i}, "bulk" import`,
    result_url: `https://reports.example.com/r/${i}`,
    submission_date: '2025-03-01T10:30:00+01:00',
  });
  const kinds: { make: (i: number) => Row; column: string; reason: RegExp }[] = [
    {
      make: (i) => good(`NO-SUCH-ORDER-${i}`, i),
      column: 'order',
      reason: /No order "NO-SUCH-ORDER-\d+"/,
    },
    {
      make: (i) => ({ ...good(take(), i), result: 'maybe' }),
      column: 'result',
      reason: /"maybe" is not a result/,
    },
    {
      make: (i) => ({ ...good(take(), i), result_url: `http://reports.example.com/r/${i}` }),
      column: 'result_url',
      reason: /https/i,
    },
    {
      make: (i) => ({ ...good(take(), i), score_value: '150' }),
      column: 'score_',
      reason: /.+/,
    },
  ];
  const dupOrders = Array.from({ length: 5 }, take);
  const data: { row: Row; bad?: { column: string; reason: RegExp } }[] = [];
  for (let i = 0; i < 950; i++) data.push({ row: good(take(), i) });
  // Bad rows at fixed spread-out positions (every 20th row from the 10th on).
  const badRows: { row: Row; bad: { column: string; reason: RegExp } }[] = [];
  for (const [k, kind] of kinds.entries()) {
    for (let j = 0; j < 10; j++) {
      const i = 1_000 + k * 10 + j;
      badRows.push({ row: kind.make(i), bad: { column: kind.column, reason: kind.reason } });
    }
  }
  for (const [j, order] of [...dupOrders, ...dupOrders].entries()) {
    badRows.push({
      row: good(order, 2_000 + j),
      bad: { column: 'order', reason: /appears more than once in the file/ },
    });
  }
  for (const [j, b] of badRows.entries()) data.splice(10 + j * 20, 0, b);
  const lines = [COLUMNS.join(',')];
  const bad: BadRow[] = [];
  const validOrders: string[] = [];
  for (const [i, d] of data.entries()) {
    lines.push(COLUMNS.map((c) => cell(d.row[c])).join(','));
    if (d.bad) bad.push({ line: i + 2, ...d.bad });
    else validOrders.push(d.row.order);
  }
  return { csv: lines.join('\r\n') + '\r\n', bad, validOrders };
}

async function sandboxResultCount(sandboxUrl: string): Promise<number> {
  const res = await fetch(`${sandboxUrl}/_sandbox/results`);
  expect(res.ok, `GET /_sandbox/results answered ${res.status}`).toBe(true);
  return ((await res.json()) as unknown[]).length;
}

async function sandboxResultOrders(sandboxUrl: string): Promise<string[]> {
  const res = await fetch(`${sandboxUrl}/_sandbox/results`);
  expect(res.ok).toBe(true);
  return ((await res.json()) as { orderId: string; status: number }[])
    .filter((r) => r.status === 200)
    .map((r) => r.orderId);
}

const bulkCard = (page: Page) => page.locator('.bulk-import');

/** Upload the file and wait for the preview; returns the time from upload to preview shown. */
async function upload(page: Page, csv: string): Promise<number> {
  const input = bulkCard(page).getByLabel('Results file (CSV)');
  const summary = bulkCard(page).locator('.bulk-import-summary');
  const started = performance.now();
  await input.setInputFiles({
    name: 'results-1000.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(summary).toBeVisible({ timeout: 20_000 });
  return performance.now() - started;
}

test('a 1,000-row results CSV with 50 bad rows: preview lists each bad row, cancel queues nothing, confirm queues 950', async ({
  page,
  previewUrl,
  embedded,
}) => {
  const sandboxUrl = embedded.sandbox.url;
  const { total, orders } = await sandboxOrders(sandboxUrl);
  await page.goto(previewUrl);
  await expect(page.locator('.queue-count strong')).toHaveText(
    new Intl.NumberFormat('en-US').format(total),
    { timeout: 60_000 },
  );
  const { csv, bad, validOrders } = buildCsv(orders.map((o) => o.id));
  expect(bad).toHaveLength(50);
  expect(new Set(validOrders).size).toBe(950);

  await page.evaluate(() => {
    window.location.hash = '#/activity';
  });
  await expect(bulkCard(page)).toBeVisible({ timeout: 20_000 });

  // Preview: 950 ready, 50 with errors, each bad row listed by its line with its reason.
  const ms = await upload(page, csv);
  console.log(`csv preview: 1000 rows in ${Math.round(ms)} ms`);
  const summary = bulkCard(page).locator('.bulk-import-summary');
  await expect(summary).toContainText('950 ready to queue');
  await expect(summary).toContainText('50 with errors');
  await expect(bulkCard(page).getByLabel('Only rows with errors')).toBeChecked();
  const rows = bulkCard(page).locator('table.import-table tbody tr');
  await expect(rows).toHaveCount(50);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      line: Number(tr.querySelector('td')?.textContent ?? ''),
      invalid: tr.classList.contains('row-invalid'),
      issues: [...tr.querySelectorAll('.import-issues li')].map((li) => ({
        column: li.querySelector('.issue-column')?.textContent ?? '',
        text: li.textContent ?? '',
      })),
    })),
  );
  expect(shown.map((r) => r.line)).toEqual(bad.map((b) => b.line));
  for (const [i, b] of bad.entries()) {
    const r = shown[i]!;
    expect(r.invalid, `line ${b.line} marked invalid`).toBe(true);
    expect(r.issues.length, `line ${b.line} has a reason`).toBeGreaterThan(0);
    const named = r.issues.find((x) => x.column.startsWith(b.column));
    expect(
      named,
      `line ${b.line}: a reason names ${b.column}: ${JSON.stringify(r.issues)}`,
    ).toBeTruthy();
    expect(named!.text, `line ${b.line}`).toMatch(b.reason);
  }

  // Cancel: nothing is queued, nothing reaches the ATS.
  await bulkCard(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(summary).toBeHidden();
  await expect(page.locator('.outbox-card')).toContainText('0 waiting · 0 sent');
  await page.waitForTimeout(3_000);
  await expect(page.locator('.outbox-card')).toContainText('0 waiting · 0 sent');
  expect(await sandboxResultCount(sandboxUrl)).toBe(0);

  // Again, and confirm: 950 queued, and eventually the sandbox holds exactly those 950.
  await upload(page, csv);
  await bulkCard(page).getByRole('button', { name: 'Queue 950 results' }).click();
  await expect(bulkCard(page).getByRole('status')).toContainText(
    '950 results from results-1000.csv queued',
    { timeout: 30_000 },
  );
  await expect
    .poll(() => sandboxResultCount(sandboxUrl), { timeout: 150_000, intervals: [2_000] })
    .toBe(950);
  expect((await sandboxResultOrders(sandboxUrl)).sort()).toEqual([...validOrders].sort());
  await expect(page.locator('.outbox-card')).toContainText(
    '0 need attention · 0 waiting · 950 sent',
    {
      timeout: 20_000,
    },
  );
});
