import { describe, expect, it } from 'vitest';
import { checkRecord, splitRecords } from './records';

describe('lenient record checks', () => {
  it('keeps a good candidate with its raw JSON and normalises the indexed fields', () => {
    const raw = {
      id: 'c1',
      remote_id: 77,
      first_name: 'Zoë',
      last_name: 'Ødegård',
      emails: [{ type: 'personal', value: 'zoe@example.com' }, { type: 'work' }, 'junk'],
      application_ids: ['a1', 2, null, ''],
      created_at: '2021-01-01T01:01:01Z',
      updated_at: 'last tuesday',
      unknown_field: { kept: true },
    };
    const checked = checkRecord('candidate', raw);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.raw).toBe(raw);
    expect(checked.record).toMatchObject({
      id: 'c1',
      remote_id: '77',
      first_name: 'Zoë',
      name: null,
      emails: [{ type: 'personal', value: 'zoe@example.com' }],
      application_ids: ['a1', '2'],
      created_at: '2021-01-01T01:01:01.000Z',
      updated_at: null,
    });
  });

  it('accepts unknown enum values and odd nested shapes without rejecting the record', () => {
    const checked = checkRecord('application', {
      id: 'a1',
      application_status: { value: 'brand_new_status', source_value: 'Neu' },
      application_stage: 'not an object',
      candidate: { first_name: 'A', email: 42 },
    });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.record.application_status).toEqual({
      value: 'brand_new_status',
      source_value: 'Neu',
    });
    expect(checked.record.application_stage).toBeNull();
    expect(checked.record.candidate).toMatchObject({
      first_name: 'A',
      email: '42',
      last_name: null,
    });
  });

  it('rejects records without a usable id, with a reason', () => {
    const split = splitRecords('job', [
      { id: 'j1', title: 'Engineer', job_status: { value: 'open' } },
      { title: 'no id' },
      { id: '   ' },
      null,
      ['array'],
      { id: 9, title: 'numeric id' },
    ]);
    expect(split.valid.map((v) => v.record.id)).toEqual(['j1', '9']);
    expect(split.invalid).toHaveLength(4);
    expect(split.invalid[0]?.reason).toContain('id');
    expect(split.invalid[2]?.reason).toContain('got null');
    expect(split.invalid[3]?.reason).toContain('an array');
  });

  it('reads background-check package tests leniently', () => {
    const checked = checkRecord('background_check_package', {
      id: 'p1',
      name: 'Basic',
      tests: [{ id: 't1', name: 'Criminal' }, 'bad', { name: 'No id' }],
    });
    expect(checked.ok && checked.record.tests).toEqual([
      { id: 't1', remote_id: null, name: 'Criminal', description: null },
      { id: null, remote_id: null, name: 'No id', description: null },
    ]);
  });

  it('covers every kind the sync engine stores', () => {
    for (const kind of ['job_posting', 'assessment_package'] as const) {
      expect(checkRecord(kind, { id: 'x' }).ok).toBe(true);
      expect(checkRecord(kind, {}).ok).toBe(false);
    }
  });
});
