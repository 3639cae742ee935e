import type { OrderKind } from '../../../../src-shared/contract';
import type { IconName } from '../../components/Icon';

/**
 * Words and icons for kinds and local statuses. Every status carries an icon and text; colour is
 * a third cue, never the only one.
 */
export const KIND_LABELS: Record<OrderKind, { label: string; icon: IconName }> = {
  assessment: { label: 'Assessment', icon: 'clipboard' },
  background_check: { label: 'Background check', icon: 'shield' },
};

export type StatusTone = 'neutral' | 'active' | 'ok' | 'danger' | 'muted';

const STATUS_LABELS: Record<string, { label: string; icon: IconName; tone: StatusTone }> = {
  new: { label: 'New', icon: 'dot', tone: 'active' },
  in_progress: { label: 'In progress', icon: 'pencil', tone: 'neutral' },
  draft: { label: 'Draft', icon: 'pencil', tone: 'neutral' },
  queued: { label: 'Queued', icon: 'clock', tone: 'neutral' },
  sending: { label: 'Sending', icon: 'send', tone: 'neutral' },
  needs_attention: { label: 'Needs attention', icon: 'warning', tone: 'danger' },
  sent: { label: 'Sent', icon: 'check', tone: 'ok' },
  cancelled: { label: 'Cancelled', icon: 'close', tone: 'muted' },
};

/** A status this desk does not know (written by a newer one) is shown as it is, not dropped. */
export function statusInfo(status: string): { label: string; icon: IconName; tone: StatusTone } {
  return (
    STATUS_LABELS[status] ?? {
      label: status.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      icon: 'circle',
      tone: 'neutral',
    }
  );
}

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as OrderKind]?.label ?? kind;
}

export { customerLabel } from '../../../../src-shared/contract';
