import { hashUnit } from './data/random';
import type { ResourceName } from './data/types';

/**
 * Malformed records, as a misbehaving provider integration produces them: missing ids, wrong
 * types. Which corruption a record gets depends only on its id, so tests can predict it and the
 * same record is always broken the same way.
 */

type Corruption = (r: Record<string, unknown>) => void;

const COMMON: Corruption[] = [
  (r) => delete r.id,
  (r) => {
    r.id = 12345;
  },
  (r) => {
    r.created_at = 'not a date';
    r.updated_at = 1700000000;
  },
];

const SPECIFIC: Partial<Record<ResourceName, Corruption[]>> = {
  candidates: [
    (r) => void (r.emails = 'someone@example.com'),
    (r) => void (r.name = { first: 'x' }),
  ],
  applications: [
    (r) => void (r.candidate_id = null),
    (r) => void (r.application_status = 'rejected'),
  ],
  jobs: [(r) => void (r.job_status = 'open'), (r) => void (r.hiring_team = 'TBD')],
  job_postings: [(r) => void (r.job_id = 42), (r) => void (r.status = ['live'])],
  background_check_packages: [(r) => void (r.tests = 'none')],
  assessment_packages: [(r) => void (r.name = 7)],
};

export function malform<T extends object>(
  resource: ResourceName,
  id: string,
  record: T,
  seed: number,
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  const variants = [...COMMON, ...(SPECIFIC[resource] ?? [])];
  const pick = variants[Math.floor(hashUnit(id, seed ^ 0x2545f491) * variants.length)];
  pick?.(copy);
  return copy;
}
