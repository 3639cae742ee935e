import { Icon } from '../components/Icon';
import { useDeskQuery } from '../lib/use-desk-query';
import { sections, type Section } from './sections';
import { useUiStore } from './ui-store';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export function Sidebar({ current }: { current: Section }) {
  const navigate = useUiStore((s) => s.navigate);
  const openKeyboardMap = useUiStore((s) => s.setKeyboardMapOpen);
  const info = useDeskQuery('app:get-info', {});
  return (
    <aside className="sidebar">
      <WorkspaceSwitcher />
      <nav aria-label="Sections" className="nav">
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#/${s.id}`}
                className="nav-item"
                aria-current={s.id === current.id ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(s.id);
                }}
              >
                <Icon name={s.icon} />
                <span>{s.label}</span>
              </a>
            </li>
          ))}
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
