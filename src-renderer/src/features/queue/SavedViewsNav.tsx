import { useEffect } from 'react';
import { Icon } from '../../components/Icon';
import { useUiStore } from '../../app/ui-store';
import { useActiveWorkspaceId } from '../../app/use-workspaces';
import { emptyFilters, useQueueStore } from './queue-store';
import { QUEUE_SECTIONS, useSavedViews, type SavedView } from './saved-views';

/** Opens a saved view: its queue with its filters, search and sort, from the top. */
export function applySavedView(v: SavedView): void {
  useQueueStore.getState().update(v.queue, {
    filters: { ...emptyFilters(), ...v.filters },
    search: v.search,
    sort: v.sort,
    selectedKey: null,
    selectedIndex: -1,
    scrollTop: 0,
  });
  useUiStore.getState().navigate(QUEUE_SECTIONS[v.queue]);
}

/** The sidebar's saved views of the active workspace. */
export function SavedViewsNav() {
  const workspaceId = useActiveWorkspaceId();
  const views = useSavedViews((s) => s.views);
  const load = useSavedViews((s) => s.load);
  const remove = useSavedViews((s) => s.remove);
  useEffect(() => {
    if (workspaceId) load(workspaceId);
  }, [workspaceId, load]);
  if (views.length === 0) return null;
  return (
    <section className="saved-views" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title" className="nav-heading">
        Saved views
      </h2>
      <ul>
        {views.map((v) => (
          <li key={v.id} className="saved-view">
            <a
              href={`#/${QUEUE_SECTIONS[v.queue]}`}
              className="nav-item"
              title={v.name}
              onClick={(e) => {
                e.preventDefault();
                applySavedView(v);
              }}
            >
              <Icon name="bookmark" />
              <span className="nav-label">{v.name}</span>
            </a>
            <button
              type="button"
              className="btn btn-quiet btn-small btn-icon saved-view-remove"
              aria-label={`Delete saved view ${v.name}`}
              onClick={() => remove(v.id)}
            >
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
