import type { CommandInput, CommandName, CommandOutput, QueueRow } from '../../src-shared/contract';

export type Invoke = <N extends CommandName>(
  name: N,
  input: CommandInput<N>,
) => Promise<CommandOutput<N>>;

const HOUR_MS = 3_600_000;

/** Turnarounds a provider would set: a typing test is quick, an executive screening slow. */
const TURNAROUND_HOURS: [RegExp, number][] = [
  [/typing|english|sql/i, 24],
  [/coding|cognitive|judgement|role-play/i, 72],
  [/executive|dbs/i, 120],
  [/healthcare/i, 96],
  [/standard/i, 72],
];

/** A stable number in [0, 1) per order id, so a replay decides the same. */
function unit(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4294967296;
}

type Step = 'final' | 'final_without_link' | 'in_progress' | 'draft' | 'none';

/**
 * What a coordinator had done with an order by now, by its age: old orders are mostly finished
 * (some with a result the ATS refused), recent ones mostly new, with drafts and status updates in
 * between, and some left overdue.
 */
function stepFor(order: QueueRow, now: number): Step {
  const ageHours = (now - Date.parse(order.receivedAt)) / HOUR_MS;
  const u = unit(order.id);
  if (ageHours > 72) {
    if (u < 0.72) return 'final';
    if (u < 0.8) return 'final_without_link';
    if (u < 0.88) return 'in_progress';
    return 'none';
  }
  if (ageHours > 24) {
    if (u < 0.35) return 'final';
    if (u < 0.4) return 'final_without_link';
    if (u < 0.58) return 'in_progress';
    if (u < 0.68) return 'draft';
    return 'none';
  }
  if (u < 0.12) return 'in_progress';
  if (u < 0.22) return 'draft';
  return 'none';
}

/**
 * The past two weeks of a coordinator in a new Sandbox workspace, played through the desk's own
 * commands once its first sync stored the orders: package turnarounds from a day to five days, and
 * results sent (the sandbox accepts them), refused by the strict Greenhouse ATS (a final result
 * without a link: needs attention), status updates (in progress) and drafts. So a trainee finds
 * every local state, overdue orders, and orders due today and soon.
 */
export async function playSandboxHistory(
  invoke: Invoke,
  now: Date,
): Promise<{ orders: number; failed: number }> {
  const rows: QueueRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await invoke('orders:list', { now: now.toISOString(), offset, limit: 500 });
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) break;
  }

  const packages = new Map<string, QueueRow>();
  for (const row of rows) if (row.packageId) packages.set(`${row.kind}/${row.packageId}`, row);
  for (const row of packages.values()) {
    const hours = TURNAROUND_HOURS.find(([pattern]) => pattern.test(row.packageName ?? ''))?.[1];
    if (hours === undefined) continue;
    await invoke('turnarounds:set-package', { kind: row.kind, packageId: row.packageId!, hours });
  }

  let failed = 0;
  for (const row of rows) {
    try {
      await playOrder(invoke, row, now);
    } catch {
      // One order that cannot be played never stops the others.
      failed++;
    }
  }
  return { orders: rows.length, failed };
}

async function playOrder(invoke: Invoke, row: QueueRow, now: Date): Promise<void> {
  const ref = { accountId: row.accountId, orderId: row.id };
  const u = unit(`${row.id}/result`);
  const result = u < 0.6 ? 'passed' : u < 0.85 ? 'failed' : 'completed';
  const values = {
    result,
    score: { label: 'Score', value: String(40 + Math.floor(u * 60)), min: '0', max: '100' },
    summary: result === 'failed' ? 'Below the pass mark.' : 'Meets the requirements.',
  } as const;
  switch (stepFor(row, now.getTime())) {
    case 'final':
      await invoke('results:send', {
        ...ref,
        values: { ...values, resultUrl: `https://results.sandbox.invalid/${row.id}` },
      });
      break;
    case 'final_without_link':
      await invoke('results:send', { ...ref, values });
      break;
    case 'in_progress':
      await invoke('results:quick-status', { ...ref, result: 'in_progress' });
      break;
    case 'draft':
      await invoke('results:save-draft', { ...ref, values });
      break;
    case 'none':
      break;
  }
}
