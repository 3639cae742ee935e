import { useMemo } from 'react';
import { OPEN_STATUSES, type OrderKind } from '../../../src-shared/contract';
import { SavedViewsNav } from '../features/queue/SavedViewsNav';
import { Icon } from '../components/Icon';
import { deskNowIso } from '../lib/desk-clock';
import { useDeskQuery } from '../lib/use-desk-query';
import { useOutboxStatus } from '../features/results/use-outbox-status';
import { sections, type Section } from './sections';
import { useUiStore } from './ui-store';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const number = new Intl.NumberFormat();

interface Badge {
  count: number | null;
  /** Of those, overdue (queues only). */
  overdue?: number | null;
}

/** Open and overdue orders of a queue (`kind` narrows it to a kind queue). */
function useOpenOrders(now: string, kind?: OrderKind): Badge {
  const open = useDeskQuery(
    'orders:get-facets',
    { statuses: [...OPEN_STATUSES], now, ...(kind ? { kind } : {}) },
    // Counted again on a switch: the count belongs to the workspace shown.
    { refreshOn: ['data:changed', 'workspaces:changed'] },
  );
  return open.status === 'ready'
    ? { count: open.data.total, overdue: open.data.overdue }
    : { count: null, overdue: null };
}

/**
 * Open orders per queue (the work left) with their overdue part, and results the ATS refused
 * (Activity's outbox).
 */
function useBadges(): Record<NonNullable<Section['badge']>, Badge> {
  // The queue's instant: main has counted against it already (see desk-clock).
  const now = useMemo(() => deskNowIso(), []);
  const parked = useOutboxStatus()?.counts.parked ?? 0;
  return {
    'open-orders': useOpenOrders(now),
    'open-assessments': useOpenOrders(now, 'assessment'),
    'open-background-checks': useOpenOrders(now, 'background_check'),
    attention: { count: parked > 0 ? parked : null },
  };
}

const BADGE_WORDS: Record<NonNullable<Section['badge']>, string> = {
  'open-orders': ' open orders',
  'open-assessments': ' open orders',
  'open-background-checks': ' open orders',
  attention: ' need attention',
};

export function Sidebar({ current }: { current: Section }) {
  const navigate = useUiStore((s) => s.navigate);
  const openKeyboardMap = useUiStore((s) => s.setKeyboardMapOpen);
  const info = useDeskQuery('app:get-info', {});
  const badges = useBadges();
  const currentNav = current.hidden ? current.navParent : current.id;
  return (
    <aside className="sidebar">
      <WorkspaceSwitcher />
      <nav aria-label="Sections" className="nav">
        <ul>
          {sections
            .filter((s) => !s.hidden)
            .map((s) => {
              const badge = s.badge ? badges[s.badge] : null;
              const count = badge?.count ?? null;
              const overdue = badge?.overdue ?? 0;
              return (
                <li key={s.id} className={s.parent ? 'nav-child' : undefined}>
                  <a
                    href={`#/${s.id}`}
                    className="nav-item"
                    aria-current={s.id === currentNav ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(s.id);
                    }}
                  >
                    <Icon name={s.icon} />
                    <span className="nav-label">{s.label}</span>
                    {overdue > 0 ? (
                      <span className="nav-overdue" title={`${number.format(overdue)} overdue`}>
                        <Icon name="alert" size={12} />
                        {number.format(overdue)}
                        <span className="visually-hidden"> overdue</span>
                      </span>
                    ) : null}
                    {count !== null && s.badge ? (
                      <span className="nav-count">
                        {number.format(count)}
                        <span className="visually-hidden">{BADGE_WORDS[s.badge]}</span>
                      </span>
                    ) : null}
                  </a>
                </li>
              );
            })}
        </ul>
        <SavedViewsNav />
      </nav>
      <div className="sidebar-footer">
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={() => openKeyboardMap(true)}
        >
          <Icon name="keyboard" />
          Keyboard shortcuts <kbd>?</kbd>
        </button>
        {info.status === 'ready' ? (
          <p className="about-line">
            Screening Desk {info.data.version}
            {info.data.runtime === 'preview' ? ' · browser preview' : ''}
          </p>
        ) : null}
      </div>
    </aside>
  );
}
