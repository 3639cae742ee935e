import { describe, expect, it } from 'vitest';
import {
  buildResultBody,
  emptyResultValues,
  fieldSetKey,
  resultBodyText,
  ResultValuesSchema,
  validateResultValues,
} from './values';

const values = (v: Parameters<typeof ResultValuesSchema.parse>[0]) => ResultValuesSchema.parse(v);

describe('buildResultBody', () => {
  it('leaves empty fields out and writes the spec shape in a stable order', () => {
    const body = buildResultBody(
      values({
        result: 'passed',
        score: { label: 'Percentage', value: '80', min: '0', max: '100' },
        summary: 'Strong\nresult',
        resultUrl: 'https://reports.example.com/r/1',
        submissionDate: '2026-12-06T10:00:00+01:00',
        attachments: [{ url: 'https://reports.example.com/r/1.pdf', contentType: 'pdf' }],
        candidateId: 'cand_1',
        passthrough: '{"k": 1}',
      }),
    );
    expect(resultBodyText(body)).toBe(
      '{"result":{"value":"passed"},"score":{"label":"Percentage","value":"80","min":"0","max":"100"},' +
        '"summary":"Strong\\nresult","result_url":"https://reports.example.com/r/1",' +
        '"submission_date":"2026-12-06T10:00:00+01:00",' +
        '"attachments":[{"url":"https://reports.example.com/r/1.pdf","content_type":{"value":"pdf"}}],' +
        '"candidate":{"id":"cand_1"},"passthrough":{"k":1}}',
    );
    expect(fieldSetKey(body)).toBe(
      'attachments,candidate,passthrough,result,result_url,score,submission_date,summary',
    );
  });

  it('a status-only body has only result', () => {
    const body = buildResultBody(values({ result: 'in_progress' }));
    expect(body).toEqual({ result: { value: 'in_progress' } });
    expect(fieldSetKey(body)).toBe('result');
  });
});

describe('validateResultValues', () => {
  const paths = (v: Parameters<typeof values>[0]) =>
    validateResultValues(values(v)).map((i) => i.path.join('.'));

  it('accepts a plain result', () => {
    expect(validateResultValues(values({ result: 'passed' }))).toEqual([]);
  });
  it('refuses an empty body', () => {
    expect(validateResultValues(emptyResultValues()).map((i) => i.path)).toEqual([['result']]);
  });
  it('names non-https URLs', () => {
    expect(
      paths({
        result: 'passed',
        resultUrl: 'http://x.example.com',
        candidateProfileUrl: 'javascript:alert(1)',
        attachments: [
          { url: 'https://ok.example.com/a', contentType: 'pdf' },
          { url: 'ftp://x', contentType: 'other' },
        ],
      }),
    ).toEqual(['resultUrl', 'candidateProfileUrl', 'attachments.1.url']);
  });
  it('checks numeric scores against min and max', () => {
    expect(paths({ score: { value: '101', min: '0', max: '100' } })).toEqual(['score.value']);
    expect(paths({ score: { value: '-1', min: '0', max: '100' } })).toEqual(['score.value']);
    expect(paths({ score: { value: '5', min: '10', max: '1' } })).toContain('score.min');
    expect(paths({ score: { value: 'A+', label: 'Grade' } })).toEqual([]);
    expect(paths({ score: { value: 'A+', min: '0' } })).toEqual(['score.value']);
    expect(paths({ score: { value: '50', min: '0', max: '100' } })).toEqual([]);
  });
  it('needs dates with an offset and passthrough as a JSON object', () => {
    expect(paths({ result: 'passed', startDate: '2026-12-06T10:00:00' })).toEqual(['startDate']);
    expect(paths({ result: 'passed', passthrough: '[1]' })).toEqual(['passthrough']);
    expect(paths({ result: 'passed', passthrough: '{nope' })).toEqual(['passthrough']);
  });
  it('refuses a body over the size limit', () => {
    const passthrough = JSON.stringify({ a: 'x'.repeat(15_000) });
    const summary = 'y'.repeat(10_000);
    const big = values({ result: 'passed', summary, passthrough });
    expect(validateResultValues(big)).toEqual([]);
    const att = Array.from({ length: 20 }, () => ({
      url: 'https://e.example.com/' + 'z'.repeat(2000),
      contentType: 'pdf' as const,
    }));
    expect(
      validateResultValues(
        values({ result: 'passed', summary, passthrough, attachments: att }),
      ).map((i) => i.path),
    ).toEqual([[]]);
  });
});
