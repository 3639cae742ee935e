import { useMemo } from 'react';
import { OPEN_STATUSES } from '../../../src-shared/contract';
import { Icon } from '../components/Icon';
import { deskNowIso } from '../lib/desk-clock';
import { useDeskQuery } from '../lib/use-desk-query';
import { useOutboxStatus } from '../features/results/use-outbox-status';
import { sections, type Section } from './sections';
import { useUiStore } from './ui-store';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const number = new Intl.NumberFormat();

/** Open orders (the queue's work left) and results the ATS refused (Activity's outbox). */
function useBadges(): Record<NonNullable<Section['badge']>, number | null> {
  // The queue's instant: main has counted against it already (see desk-clock).
  const now = useMemo(() => deskNowIso(), []);
  const open = useDeskQuery(
    'orders:get-facets',
    { statuses: [...OPEN_STATUSES], now },
    // Counted again on a switch: the count belongs to the workspace shown.
    { refreshOn: ['data:changed', 'workspaces:changed'] },
  );
  const parked = useOutboxStatus()?.counts.parked ?? 0;
  return {
    'open-orders': open.status === 'ready' ? open.data.total : null,
    attention: parked > 0 ? parked : null,
  };
}

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
              const count = s.badge ? badges[s.badge] : null;
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
                    {count !== null ? (
                      <span className="nav-count">
                        {number.format(count)}
                        <span className="visually-hidden">
                          {s.badge === 'open-orders' ? ' open orders' : ' need attention'}
                        </span>
                      </span>
                    ) : null}
                  </a>
                </li>
              );
            })}
        </ul>
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
