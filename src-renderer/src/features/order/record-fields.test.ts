import { describe, expect, it } from 'vitest';
import { applicationView, candidateView, enumText, jobView } from './record-fields';

describe('candidateView', () => {
  it('reads emails, phones, links and tags from the StackOne Candidate shape', () => {
    const view = candidateView(
      {
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.test',
        emails: [
          { type: 'personal', value: 'ada@example.test' },
          { type: 'work', value: 'ada@work.test' },
        ],
        phone_numbers: [{ type: 'mobile', phone: '+44 20 7946 0000' }],
        social_links: [{ type: 'linkedin', url: 'https://linkedin.example/in/ada' }],
        tags: ['referral', 42, ''],
      },
      { name: null, emails: [] },
    );
    expect(view.name).toBe('Ada Lovelace');
    expect(view.emails).toEqual([
      { label: 'personal', value: 'ada@example.test' },
      { label: 'work', value: 'ada@work.test' },
    ]);
    expect(view.phones).toEqual([{ label: 'mobile', value: '+44 20 7946 0000' }]);
    expect(view.links[0]?.value).toBe('https://linkedin.example/in/ada');
    expect(view.tags).toEqual(['referral']);
  });

  it('falls back to the indexed columns when the raw record is odd', () => {
    const view = candidateView('not an object', {
      name: 'Grace Hopper',
      emails: ['g@example.test'],
    });
    expect(view.name).toBe('Grace Hopper');
    expect(view.emails).toEqual([{ label: null, value: 'g@example.test' }]);
    expect(view.phones).toEqual([]);
  });
});

describe('enumText', () => {
  it('prefers the unified value, and shows what the ATS said for unmapped values', () => {
    expect(enumText({ value: 'background_check', source_value: 'BG' })).toBe('Background check');
    expect(enumText({ value: 'unmapped_value', source_value: 'Phone screen (2)' })).toBe(
      'Phone screen (2)',
    );
    expect(enumText(null)).toBeNull();
  });
});

describe('applicationView and jobView', () => {
  it('reads status, stage and rejection', () => {
    const view = applicationView(
      {
        application_status: { value: 'rejected' },
        application_stage: { name: 'Onsite' },
        rejected_at: '2025-01-02T00:00:00Z',
        rejected_reasons: [{ label: 'Position filled' }],
      },
      { status: null, stageName: null },
    );
    expect(view).toMatchObject({
      status: 'Rejected',
      stage: 'Onsite',
      rejectedReasons: ['Position filled'],
    });
  });

  it('reads the hiring team', () => {
    const view = jobView(
      {
        title: 'Backend engineer',
        job_status: { value: 'open' },
        hiring_team: [
          {
            first_name: 'Rosa',
            last_name: 'Parks',
            email: 'r@example.test',
            role: 'hiring_manager',
          },
          {},
        ],
      },
      { title: null, code: null, status: null },
    );
    expect(view.status).toBe('Open');
    expect(view.hiringTeam).toEqual([
      { name: 'Rosa Parks', email: 'r@example.test', role: 'Hiring manager' },
    ]);
  });
});
