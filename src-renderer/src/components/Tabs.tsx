import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<Id extends string> {
  id: Id;
  label: ReactNode;
}

/**
 * WAI-ARIA tabs: one tab stop, arrows/Home/End move between tabs and select them (the panels are
 * cheap to switch), the panel is labelled by its tab. The selected tab is the caller's state, so
 * a screen can keep it in the URL.
 */
export function Tabs<Id extends string>({
  label,
  tabs,
  selected,
  onSelect,
  aside,
  children,
}: {
  label: string;
  tabs: readonly TabSpec<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  /** Shown at the end of the tab row (a status line), outside the tab list. */
  aside?: ReactNode;
  children: ReactNode;
}) {
  const base = useId();
  const refs = useRef(new Map<Id, HTMLButtonElement>());
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.id === selected),
  );

  function onKeyDown(e: KeyboardEvent) {
    const last = tabs.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (index + last) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  }

  return (
    <div className="tabs">
      <div className="tab-bar">
        <div role="tablist" aria-label={label} className="tab-list" onKeyDown={onKeyDown}>
          {tabs.map((t) => {
            const isSelected = t.id === selected;
            return (
              <button
                key={t.id}
                ref={(el) => {
                  if (el) refs.current.set(t.id, el);
                  else refs.current.delete(t.id);
                }}
                type="button"
                role="tab"
                id={`${base}-tab-${t.id}`}
                aria-selected={isSelected}
                aria-controls={`${base}-panel`}
                tabIndex={isSelected ? 0 : -1}
                className="tab"
                onClick={() => onSelect(t.id)}
              >
                {t.label}
              </button>
            );
          })}
        </div>
        {aside}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel`}
        aria-labelledby={`${base}-tab-${selected}`}
        className="tab-panel"
      >
        {children}
      </div>
    </div>
  );
}
