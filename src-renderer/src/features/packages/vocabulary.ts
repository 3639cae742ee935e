import type { BgJobState, BgPackageJob, PublishState } from '../../../../src-shared/contract';
import type { IconName } from '../../components/Icon';
import type { StatusTone } from '../queue/vocabulary';

interface Shown {
  label: string;
  icon: IconName;
  tone: StatusTone;
}

/** How a catalog entry compares with what StackOne gets (words and icon, never colour alone). */
export const PUBLISH_STATE_LABELS: Record<PublishState, Shown> = {
  published: { label: 'Published', icon: 'check', tone: 'ok' },
  changed: { label: 'Changed, not published', icon: 'pencil', tone: 'active' },
  new: { label: 'New, not published', icon: 'plus', tone: 'active' },
  withdrawing: { label: 'Archived, still published', icon: 'minus', tone: 'active' },
  archived: { label: 'Archived', icon: 'minus', tone: 'muted' },
};

/** Where a queued background-check package write stands. */
export const BG_JOB_LABELS: Record<BgJobState, Shown> = {
  queued: { label: 'Queued', icon: 'clock', tone: 'neutral' },
  sending: { label: 'Sending', icon: 'send', tone: 'neutral' },
  checking: { label: 'Checking StackOne', icon: 'refresh', tone: 'neutral' },
  parked: { label: 'Needs attention', icon: 'warning', tone: 'danger' },
  done: { label: 'Sent', icon: 'check', tone: 'ok' },
};

const OP_WORDS: Record<BgPackageJob['op'], string> = {
  create: 'Create',
  update: 'Change',
  delete: 'Delete',
};

/** "Create queued", "Delete needs attention": what the job does and where it stands. */
export function jobLine(job: Pick<BgPackageJob, 'op' | 'state'>): string {
  return `${OP_WORDS[job.op]} · ${BG_JOB_LABELS[job.state].label.toLowerCase()}`;
}

/** Catalog fields by the names a coordinator knows them by (for "what changed"). */
export const CATALOG_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  type: 'Type',
  turnaroundHours: 'Turnaround',
  archived: 'Archived',
  packageId: 'Package',
};
