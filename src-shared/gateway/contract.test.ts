import { describe, expect, it } from 'vitest';
import {
  FeedQuerySchema,
  PublishCatalogRequestSchema,
  isKnownEventType,
  orderKindOf,
} from './index';

describe('gateway feed contract', () => {
  it('defaults and bounds the feed limit', () => {
    expect(FeedQuerySchema.parse({})).toEqual({ limit: 100 });
    expect(FeedQuerySchema.parse({ limit: '500', after: 'abc' })).toEqual({
      limit: 500,
      after: 'abc',
    });
    expect(FeedQuerySchema.safeParse({ limit: '1001' }).success).toBe(false);
    expect(FeedQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
  });

  it('maps order event types to kinds and knows the job events', () => {
    expect(orderKindOf('ats_assessments.created')).toBe('assessment');
    expect(orderKindOf('background_check_order.created')).toBe('background_check');
    expect(orderKindOf('ats_jobs.created')).toBeNull();
    expect(orderKindOf('toString')).toBeNull();
    expect(isKnownEventType('ats_jobs.updated')).toBe(true);
    expect(isKnownEventType('ats_jobs.deleted')).toBe(false);
  });
});

describe('catalog contract', () => {
  it('trims, defaults description to null, and refuses unknown fields and duplicate ids', () => {
    expect(
      PublishCatalogRequestSchema.parse({ packages: [{ id: ' js ', name: 'JavaScript' }] }),
    ).toEqual({ packages: [{ id: 'js', name: 'JavaScript', description: null }] });
    const typo = PublishCatalogRequestSchema.safeParse({
      packages: [{ id: 'a', name: 'A', descripton: 'x' }],
    });
    expect(typo.success).toBe(false);
    const dup = PublishCatalogRequestSchema.safeParse({
      packages: [
        { id: 'a', name: 'A' },
        { id: 'a', name: 'B' },
      ],
    });
    expect(dup.error?.issues[0]?.path).toEqual(['packages', 1, 'id']);
    expect(
      PublishCatalogRequestSchema.safeParse({ packages: [{ id: '', name: 'A' }] }).success,
    ).toBe(false);
  });
});
