import type { LogOutcome, OutboxState } from '../../../../src-shared/contract';
import { RESULT_LABELS, type ResultValue } from '../../../../src-shared/results';
import type { IconName } from '../../components/Icon';

/** The result select's groups: what a coordinator is deciding, not the spec's enum order. */
export const RESULT_GROUPS: readonly { label: string; values: readonly ResultValue[] }[] = [
  { label: 'Under way', values: ['initiated', 'in_progress'] },
  { label: 'Verdict', values: ['completed', 'passed', 'failed'] },
  { label: 'Closed without a verdict', values: ['cancelled', 'expired'] },
];

/** A result value in plain words; one this desk does not know is shown as it is. */
export function resultLabel(value: string | null | undefined): string {
  if (!value) return 'No result value';
  return RESULT_LABELS[value as ResultValue] ?? value;
}

export const JOB_STATES: Record<OutboxState, { label: string; icon: IconName; tone: string }> = {
  queued: { label: 'Queued', icon: 'clock', tone: 'neutral' },
  sending: { label: 'Sending', icon: 'send', tone: 'neutral' },
  parked: { label: 'Needs attention', icon: 'warning', tone: 'danger' },
  sent: { label: 'Sent', icon: 'check', tone: 'ok' },
};

export const OUTCOMES: Record<LogOutcome, { label: string; icon: IconName; tone: string }> = {
  sent: { label: 'Accepted', icon: 'check', tone: 'ok' },
  refused: { label: 'Refused', icon: 'warning', tone: 'danger' },
  retry: { label: 'Will retry', icon: 'refresh', tone: 'neutral' },
  unknown: { label: 'Outcome unknown', icon: 'alert', tone: 'neutral' },
};
