import { describe, expect, it } from 'vitest';
import { formatAgo, formatDue, formatSpan } from './time-format';

const now = Date.parse('2025-03-10T12:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('formatSpan', () => {
  it('floors to the largest sensible unit', () => {
    expect(formatSpan(30_000)).toBe('< 1 min');
    expect(formatSpan(59 * MIN)).toBe('59 min');
    expect(formatSpan(3 * H + 59 * MIN)).toBe('3 h');
    expect(formatSpan(47 * H)).toBe('47 h');
    expect(formatSpan(2 * D + 23 * H)).toBe('2 d');
    expect(formatSpan(-5 * H)).toBe('5 h');
  });
});

describe('formatDue', () => {
  it('counts down to a future due time', () => {
    expect(formatDue(at(3 * H + 10 * MIN), now, false)).toMatchObject({
      text: 'in 3 h',
      overdue: false,
    });
    expect(formatDue(at(20 * MIN), now, false)).toMatchObject({
      text: 'in 20 min',
      overdue: false,
    });
  });

  it('says overdue only when main flags it (open orders past due)', () => {
    expect(formatDue(at(-2 * D - H), now, true)).toMatchObject({
      text: 'overdue 2 d',
      overdue: true,
    });
    expect(formatDue(at(-90 * MIN), now, true)).toMatchObject({
      text: 'overdue 1 h',
      overdue: true,
    });
  });

  it('shows a passed due time of a closed order without alarm', () => {
    expect(formatDue(at(-3 * D), now, false)).toMatchObject({ text: '3 d ago', overdue: false });
  });

  it('says soon within 4 h and today for later today, for open orders only', () => {
    const morning = new Date(2025, 2, 10, 8, 0).getTime();
    const local = (h: number, m = 0) => new Date(2025, 2, 10, h, m).toISOString();
    expect(formatDue(local(11, 30), morning, false, 'new')).toMatchObject({
      text: 'in 3 h',
      tone: 'soon',
    });
    expect(formatDue(local(17), morning, false, 'draft')).toMatchObject({ tone: 'today' });
    expect(formatDue(local(17), morning, false, 'draft').text).toMatch(/^today \S/);
    expect(formatDue(local(11, 30), morning, false, 'sent').tone).toBe('later');
    const tomorrow = new Date(2025, 2, 11, 1, 0).toISOString();
    expect(formatDue(tomorrow, morning, false, 'new')).toMatchObject({
      text: 'in 17 h',
      tone: 'later',
    });
  });

  it('never shows a blank for a bad timestamp', () => {
    expect(formatDue('not a date', now, false).text).toBe('No due time');
  });
});

describe('formatAgo', () => {
  it('reads like a status line', () => {
    expect(formatAgo(null, now)).toBe('never');
    expect(formatAgo(at(-2_000), now)).toBe('just now');
    expect(formatAgo(at(-12_000), now)).toBe('12 s ago');
    expect(formatAgo(at(-5 * MIN), now)).toBe('5 min ago');
    expect(formatAgo(at(-3 * H), now)).toBe('3 h ago');
  });
});
