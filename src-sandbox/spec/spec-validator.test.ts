import { describe, expect, it } from 'vitest';
import { normalizeSchema } from './load-spec';
import { parseQuery } from './query';
import { SpecValidator } from './spec-validator';

const validator = new SpecValidator();

describe('normalizeSchema', () => {
  it('turns OpenAPI 3.0 nullable into JSON Schema null types', () => {
    expect(normalizeSchema({ type: 'string', nullable: true, enum: ['a'] })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(
      normalizeSchema({
        nullable: true,
        description: 'd',
        allOf: [{ $ref: '#/components/schemas/X' }],
      }),
    ).toEqual({
      anyOf: [{ allOf: [{ $ref: 'stackone-ats#/$defs/X' }] }, { type: 'null' }],
      description: 'd',
    });
  });

  it('keeps property names that look like keywords', () => {
    expect(
      normalizeSchema({
        properties: { example: { type: 'string', example: 'x' }, nullable: { type: 'boolean' } },
      }),
    ).toEqual({
      properties: { example: { type: 'string' }, nullable: { type: 'boolean' } },
    });
  });
});

describe('parseQuery', () => {
  it('reads deepObject params and ignores unknown ones', () => {
    const q = parseQuery(
      'filter[updated_after]=2020-01-01T00:00:00Z&filter[email]=a%40b.c&page_size=10&foo=1&bar[x]=y',
      ['filter', 'page_size'],
      new Set(['filter']),
    );
    expect(q).toEqual({
      filter: { updated_after: '2020-01-01T00:00:00Z', email: 'a@b.c' },
      page_size: '10',
    });
  });
});

describe('SpecValidator', () => {
  const headers = { 'x-account-id': 'acc' };

  it('accepts a valid list request and coerces scalar params', () => {
    const r = validator.validateRequest('GET', '/unified/ats/candidates', {
      path: {},
      rawQuery: 'raw=true&page_size=50&filter[updated_after]=2024-01-01T00:00:00.000Z',
      headers,
      body: undefined,
    });
    expect(r).toMatchObject({
      ok: true,
      query: { raw: true, page_size: '50', filter: { updated_after: '2024-01-01T00:00:00.000Z' } },
    });
  });

  it('treats object params without style as deepObject (packages list endpoints)', () => {
    const r = validator.validateRequest('GET', '/unified/ats/background_checks/packages', {
      path: {},
      rawQuery: 'filter[updated_after]=nope',
      headers,
      body: undefined,
    });
    expect(r).toMatchObject({ ok: false, fields: ['query parameter filter[updated_after]'] });
  });

  it('names every offending field', () => {
    const r = validator.validateRequest('GET', '/unified/ats/jobs', {
      path: {},
      rawQuery: 'filter[job_status]=maybe&raw=perhaps',
      headers: {},
      body: undefined,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields).toEqual(
      expect.arrayContaining([
        'header x-account-id',
        'query parameter raw',
        'query parameter filter[job_status]',
      ]),
    );
    expect(r.message).toMatch(/^Invalid request: /);
  });

  it('checks bodies against the request schema', () => {
    const r = validator.validateRequest('PATCH', '/unified/ats/assessments/orders/{id}/result', {
      path: { id: 'o1' },
      rawQuery: '',
      headers,
      body: { score: { value: 80 }, result: { value: 'great' }, submission_date: 'yesterday' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields).toEqual(['body.score.value', 'body.submission_date', 'body.result.value']);
  });

  it('validates response bodies', () => {
    expect(
      validator.validateResponse('GET', '/unified/ats/candidates/{id}', 200, {
        data: { id: 'c1', emails: [{ type: 'personal', value: 'a@b.c' }] },
      }),
    ).toEqual([]);
    expect(
      validator.validateResponse('GET', '/unified/ats/candidates/{id}', 200, { data: { id: 1 } }),
    ).toEqual(['response.data.id must be string,null']);
    expect(validator.validateResponse('GET', '/unified/ats/candidates/{id}', 200, {})).toEqual([
      'response.data is required',
    ]);
  });
});
