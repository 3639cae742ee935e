import { useId } from 'react';
import {
  SEARCH_COUNT_CAP,
  ORDER_KINDS,
  ORDER_STATUSES,
  type OrderKind,
  type OrderStatus,
  searchToRun,
  type QueueFacetCounts,
} from '../../../../src-shared/contract';
import { Icon, type IconName } from '../../components/Icon';
import { usePopover } from '../../lib/use-popover';
import { DUE_FILTERS, type DueFilter, type QueueFilters } from './queue-store';
import { KIND_LABELS, statusInfo } from './vocabulary';

const number = new Intl.NumberFormat();

/** Said beside chips whose counts are capped (QueueFacetCounts.capped). */
export const CAPPED_COUNTS_NOTE = `Counts are shown for searches of up to ${number.format(SEARCH_COUNT_CAP)} orders`;

interface Option {
  value: string;
  label: string;
  count: number | null;
  icon?: IconName | undefined;
}

/** A facet's values plus any selected value the current counts no longer list (count 0). */
function withSelected(
  facets: { value: string; label: string | null; count: number | null }[] | undefined,
  selected: readonly string[],
  label: (value: string, given: string | null) => string,
  order?: readonly string[],
): Option[] {
  const options: Option[] = (facets ?? []).map((f) => ({
    value: f.value,
    label: label(f.value, f.label),
    count: f.count,
  }));
  for (const value of selected) {
    if (!options.some((c) => c.value === value))
      options.push({ value, label: label(value, null), count: facets ? 0 : null });
  }
  if (order) options.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  else options.sort((a, b) => a.label.localeCompare(b.label));
  return options;
}

/**
 * Each customer's ATS has its own package ids, but coordinators think in package names: one
 * option per name stands for every id that carries it.
 */
export function groupPackages(
  facets: { value: string; label: string | null; count: number | null }[] | undefined,
  selected: readonly string[],
): { label: string; ids: string[]; count: number | null }[] {
  const groups = new Map<string, { label: string; ids: string[]; count: number | null }>();
  for (const f of facets ?? []) {
    const label = f.label ?? f.value;
    const g = groups.get(label) ?? { label, ids: [], count: 0 };
    g.ids.push(f.value);
    g.count = g.count === null || f.count === null ? null : g.count + f.count;
    groups.set(label, g);
  }
  for (const id of selected) {
    if (![...groups.values()].some((g) => g.ids.includes(id))) {
      groups.set(id, { label: id, ids: [id], count: 0 });
    }
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

const CLAIM_FILTERS = [
  { value: 'mine', label: 'Mine' },
  { value: 'unclaimed', label: 'Unclaimed' },
] as const;

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** One active filter as a removable token: what it says and what removing it changes. */
export interface FilterToken {
  id: string;
  label: string;
  remove: { filters: Partial<QueueFilters> } | { search: '' };
}

/** The active filters and search, one token per value ("Status: New", "Due today", …). */
export function filterTokens(
  filters: QueueFilters,
  search: string,
  facets: QueueFacetCounts | undefined,
): FilterToken[] {
  const tokens: FilterToken[] = [];
  const labelOf = (list: QueueFacetCounts['accounts'] | undefined, v: string) =>
    list?.find((f) => f.value === v)?.label ?? v;
  if (filters.due) {
    const quick = DUE_FILTERS.find((d) => d.id === filters.due);
    tokens.push({
      id: 'due',
      label: quick?.label ?? filters.due,
      remove: { filters: { due: undefined } },
    });
  }
  if (filters.kind) {
    tokens.push({
      id: 'kind',
      label: `Kind: ${KIND_LABELS[filters.kind].label}`,
      remove: { filters: { kind: undefined } },
    });
  }
  for (const s of filters.statuses) {
    tokens.push({
      id: `status:${s}`,
      label: `Status: ${statusInfo(s).label}`,
      remove: { filters: { statuses: filters.statuses.filter((v) => v !== s) } },
    });
  }
  for (const a of filters.accountIds) {
    tokens.push({
      id: `account:${a}`,
      label: `Customer: ${labelOf(facets?.accounts, a)}`,
      remove: { filters: { accountIds: filters.accountIds.filter((v) => v !== a) } },
    });
  }
  for (const g of groupPackages(facets?.packages, filters.packageIds)) {
    if (!g.ids.some((id) => filters.packageIds.includes(id))) continue;
    tokens.push({
      id: `package:${g.label}`,
      label: `Package: ${g.label}`,
      remove: { filters: { packageIds: filters.packageIds.filter((id) => !g.ids.includes(id)) } },
    });
  }
  if (filters.claim) {
    tokens.push({
      id: 'claim',
      label: filters.claim === 'mine' ? 'Claimed by me' : 'Unclaimed',
      remove: { filters: { claim: undefined } },
    });
  }
  const searched = searchToRun(search);
  if (searched !== undefined)
    tokens.push({ id: 'search', label: `Search: “${searched}”`, remove: { search: '' } });
  return tokens;
}

/**
 * The queue's filter bar: the quick filters first (one due window at a time), then a menu per
 * dimension with its counts, then the active filters as removable tokens.
 */
export function FilterBar({
  facets,
  filters,
  search,
  showKind,
  showClaims = false,
  onChange,
  onClearSearch,
  onClearAll,
}: {
  facets: QueueFacetCounts | undefined;
  filters: QueueFilters;
  search: string;
  showKind: boolean;
  /** Team mode (signed in as a coordinator): the Mine / Unclaimed quick filters. */
  showClaims?: boolean;
  onChange: (patch: Partial<QueueFilters>) => void;
  onClearSearch: () => void;
  onClearAll: () => void;
}) {
  const kinds = withSelected(
    facets?.kinds,
    filters.kind ? [filters.kind] : [],
    (v) => KIND_LABELS[v as OrderKind]?.label ?? v,
    ORDER_KINDS,
  ).map((c) => ({ ...c, icon: KIND_LABELS[c.value as OrderKind]?.icon }));
  const statuses = withSelected(
    facets?.statuses,
    filters.statuses,
    (v) => statusInfo(v).label,
    ORDER_STATUSES,
  ).map((c) => ({ ...c, icon: statusInfo(c.value).icon }));
  const accounts = withSelected(facets?.accounts, filters.accountIds, (v, l) => l ?? v);
  const packageGroups = groupPackages(facets?.packages, filters.packageIds);
  const packages: Option[] = packageGroups.map((g) => ({
    value: g.label,
    label: g.label,
    count: facets ? g.count : null,
  }));
  const packageIds = (label: string) => packageGroups.find((g) => g.label === label)?.ids ?? [];
  const packageOn = (label: string) =>
    packageIds(label).some((id) => filters.packageIds.includes(id));
  const tokens = filterTokens(filters, search, facets);
  const note = facets?.capped ? CAPPED_COUNTS_NOTE : undefined;

  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <QuickFilters
        due={filters.due}
        overdueCount={facets?.overdue ?? undefined}
        onChange={(due) => onChange({ due })}
      />
      {showClaims ? (
        <div className="quick-filters" role="group" aria-label="Claims">
          {CLAIM_FILTERS.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              className="chip"
              aria-pressed={filters.claim === value}
              onClick={() => onChange({ claim: filters.claim === value ? undefined : value })}
            >
              {label}
            </button>
          ))}
        </div>
      ) : null}
      <span className="filter-sep" aria-hidden="true" />
      {showKind ? (
        <FilterMenu
          name="Kind"
          note={note}
          options={kinds}
          isOn={(v) => filters.kind === v}
          onToggle={(v) => onChange({ kind: filters.kind === v ? undefined : (v as OrderKind) })}
        />
      ) : null}
      <FilterMenu
        name="Status"
        note={note}
        options={statuses}
        isOn={(v) => filters.statuses.includes(v as OrderStatus)}
        onToggle={(v) => onChange({ statuses: toggle(filters.statuses, v as OrderStatus) })}
      />
      <FilterMenu
        name="Customer"
        note={note}
        options={accounts}
        isOn={(v) => filters.accountIds.includes(v)}
        onToggle={(v) => onChange({ accountIds: toggle(filters.accountIds, v) })}
      />
      <FilterMenu
        name="Package"
        note={note}
        options={packages}
        isOn={packageOn}
        onToggle={(v) => {
          const ids = packageIds(v);
          onChange({
            packageIds: packageOn(v)
              ? filters.packageIds.filter((id) => !ids.includes(id))
              : [...filters.packageIds, ...ids.filter((id) => !filters.packageIds.includes(id))],
          });
        }}
      />
      {tokens.length > 0 ? (
        <ul className="filter-tokens" aria-label="Active filters">
          {tokens.map((t) => (
            <li key={t.id} className="filter-token">
              <span className="filter-token-label" title={t.label}>
                {t.label}
              </span>
              <button
                type="button"
                className="filter-token-remove"
                aria-label={`Remove filter ${t.label}`}
                onClick={() =>
                  'search' in t.remove ? onClearSearch() : onChange(t.remove.filters)
                }
              >
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="btn btn-quiet btn-small link-button"
              onClick={onClearAll}
            >
              Clear filters
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}

/** Overdue, Due today, Due soon: one at a time; pressing the active one turns it off. */
export function QuickFilters({
  due,
  overdueCount,
  onChange,
}: {
  due: DueFilter | undefined;
  overdueCount: number | undefined;
  onChange: (due: DueFilter | undefined) => void;
}) {
  return (
    <div className="quick-filters" role="group" aria-label="Quick filters">
      {DUE_FILTERS.map((q) => (
        <button
          key={q.id}
          type="button"
          className={`chip chip-${q.id}`}
          aria-pressed={due === q.id}
          aria-keyshortcuts={q.key}
          title={`${q.label} (${q.key})`}
          onClick={() => onChange(due === q.id ? undefined : q.id)}
        >
          <Icon name={q.id === 'overdue' ? 'alert' : 'clock'} size={12} />
          {q.label}
          {q.id === 'overdue' && overdueCount !== undefined ? (
            <span className="chip-count">{number.format(overdueCount)}</span>
          ) : null}
        </button>
      ))}
    </div>
  );
}

function FilterMenu({
  name,
  note,
  options,
  isOn,
  onToggle,
}: {
  name: string;
  /** Said above the options when their counts are capped: the options show no count. */
  note?: string | undefined;
  options: Option[];
  isOn: (value: string) => boolean;
  onToggle: (value: string) => void;
}) {
  const { open, setOpen, root, toggle: toggleRef } = usePopover();
  const id = useId();
  const selected = options.filter((o) => isOn(o.value)).length;
  return (
    <div className="menu-root" ref={root}>
      <button
        ref={toggleRef}
        type="button"
        className={`chip filter-menu-button${selected > 0 ? ' is-active' : ''}`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {name}
        {selected > 0 ? <span className="chip-count">{selected}</span> : null}
        <Icon name="chevronDown" size={12} />
      </button>
      {open ? (
        <div className="popover menu-popover filter-menu" id={id} role="group" aria-label={name}>
          {note ? <p className="muted small filter-menu-note">{note}.</p> : null}
          {options.length === 0 ? (
            <p className="muted small">No orders to filter by {name.toLowerCase()}.</p>
          ) : (
            options.map((o) => (
              <label key={o.value} className="menu-check">
                <input type="checkbox" checked={isOn(o.value)} onChange={() => onToggle(o.value)} />
                {o.icon ? <Icon name={o.icon} size={12} /> : null}
                <span className="menu-check-label">{o.label}</span>
                {note ? null : (
                  <span className="chip-count">
                    {o.count === null ? '–' : number.format(o.count)}
                  </span>
                )}
              </label>
            ))
          )}
        </div>
      ) : null}
    </div>
  );
}
