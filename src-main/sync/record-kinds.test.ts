import { describe, expect, it } from 'vitest';
import { shapeProblem } from './record-kinds';

const good = {
  id: 'c1',
  name: 'Zoë Ñúñez',
  emails: [{ type: 'personal', value: 'z@x.test' }],
  updated_at: '2025-10-01T00:00:00.000Z',
};

describe('shapeProblem', () => {
  it('passes legal records: nulls, missing fields, unmapped enum values, unicode', () => {
    expect(shapeProblem('candidate', good)).toBeNull();
    expect(shapeProblem('candidate', { id: 'c2', name: null, emails: null })).toBeNull();
    expect(
      shapeProblem('application', {
        id: 'a1',
        candidate_id: 'c1',
        application_status: { value: 'unmapped_value', source_value: 'Odd' },
      }),
    ).toBeNull();
  });

  it('names each field whose wire type contradicts the spec', () => {
    expect(shapeProblem('candidate', { ...good, id: 12345 })).toBe(
      'id: expected a string, got a number',
    );
    expect(shapeProblem('candidate', { ...good, id: undefined })).toBe('id: missing');
    expect(shapeProblem('candidate', { ...good, name: { first: 'x' } })).toBe(
      'name: expected a string, got an object',
    );
    expect(shapeProblem('job', { id: 'j', created_at: 'not a date', updated_at: 1700000000 })).toBe(
      'created_at: "not a date" is not a date-time; updated_at: expected a date-time string, got a number',
    );
    expect(shapeProblem('job', { id: 'j', job_status: 'open', hiring_team: 'TBD' })).toBe(
      'job_status: expected an object, got a string; hiring_team: expected an array, got a string',
    );
    expect(shapeProblem('job_posting', { id: 'p', job_id: 42, status: ['live'] })).toBe(
      'status: expected an object, got an array; job_id: expected a string, got a number',
    );
    expect(shapeProblem('background_check_package', { id: 'b', tests: 'none' })).toBe(
      'tests: expected an array, got a string',
    );
    expect(shapeProblem('assessment_package', { id: 'p', name: 7 })).toBe(
      'name: expected a string, got a number',
    );
  });

  it('requires what the desk links by', () => {
    expect(shapeProblem('application', { id: 'a', candidate_id: null })).toBe(
      'candidate_id: an application must name its candidate',
    );
    expect(shapeProblem('candidate', 'text')).toBe('record: expected a JSON object, got a string');
  });
});
