import { useState } from 'react';
import {
  ORDER_KINDS,
  ORDER_STATUSES,
  type OrderKind,
  type OrderStatus,
  searchToRun,
  type QueueFacetCounts,
} from '../../../../src-shared/contract';
import { Icon, type IconName } from '../../components/Icon';
import type { QueueFilters } from './queue-store';
import { KIND_LABELS, statusInfo } from './vocabulary';

/** Chips beyond this many per group hide behind "+N more", so the table keeps its room. */
const VISIBLE_CHIPS = 5;

interface Chip {
  value: string;
  label: string;
  count: number | null;
  icon?: IconName;
}

const number = new Intl.NumberFormat();

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** A facet's values plus any selected value the current counts no longer list (count 0). */
function withSelected(
  facets: { value: string; label: string | null; count: number }[] | undefined,
  selected: readonly string[],
  label: (value: string, given: string | null) => string,
  order?: readonly string[],
): Chip[] {
  const chips: Chip[] = (facets ?? []).map((f) => ({
    value: f.value,
    label: label(f.value, f.label),
    count: f.count,
  }));
  for (const value of selected) {
    if (!chips.some((c) => c.value === value))
      chips.push({ value, label: label(value, null), count: facets ? 0 : null });
  }
  if (order) chips.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  else chips.sort((a, b) => a.label.localeCompare(b.label));
  return chips;
}

/**
 * Each customer's ATS has its own package ids, but coordinators think in package names: one chip
 * per name stands for every id that carries it.
 */
export function groupPackages(
  facets: { value: string; label: string | null; count: number }[] | undefined,
  selected: readonly string[],
): { label: string; ids: string[]; count: number }[] {
  const groups = new Map<string, { label: string; ids: string[]; count: number }>();
  for (const f of facets ?? []) {
    const label = f.label ?? f.value;
    const g = groups.get(label) ?? { label, ids: [], count: 0 };
    g.ids.push(f.value);
    g.count += f.count;
    groups.set(label, g);
  }
  for (const id of selected) {
    if (![...groups.values()].some((g) => g.ids.includes(id))) {
      groups.set(id, { label: id, ids: [id], count: 0 });
    }
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export function FilterChips({
  facets,
  filters,
  showKind,
  showClaims = false,
  onChange,
}: {
  facets: QueueFacetCounts | undefined;
  filters: QueueFilters;
  showKind: boolean;
  /** Team mode (signed in as a coordinator): the Mine / Unclaimed chips. */
  showClaims?: boolean;
  onChange: (patch: Partial<QueueFilters>) => void;
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
  const packages: Chip[] = packageGroups.map((g) => ({
    value: g.label,
    label: g.label,
    count: facets ? g.count : null,
  }));
  const packageIds = (label: string) => packageGroups.find((g) => g.label === label)?.ids ?? [];

  return (
    <div className="chips" aria-label="Filters" role="group">
      {showKind ? (
        <ChipGroup
          name="Kind"
          chips={kinds}
          isOn={(v) => filters.kind === v}
          onToggle={(v) => onChange({ kind: filters.kind === v ? undefined : (v as OrderKind) })}
        />
      ) : null}
      <ChipGroup
        name="Status"
        chips={statuses}
        isOn={(v) => filters.statuses.includes(v as OrderStatus)}
        onToggle={(v) => onChange({ statuses: toggle(filters.statuses, v as OrderStatus) })}
      />
      <ChipGroup
        name="Customer"
        chips={accounts}
        isOn={(v) => filters.accountIds.includes(v)}
        onToggle={(v) => onChange({ accountIds: toggle(filters.accountIds, v) })}
      />
      <ChipGroup
        name="Package"
        chips={packages}
        isOn={(v) => packageIds(v).some((id) => filters.packageIds.includes(id))}
        onToggle={(v) => {
          const ids = packageIds(v);
          const on = ids.some((id) => filters.packageIds.includes(id));
          onChange({
            packageIds: on
              ? filters.packageIds.filter((id) => !ids.includes(id))
              : [...filters.packageIds, ...ids.filter((id) => !filters.packageIds.includes(id))],
          });
        }}
      />
      <div className="chip-group" role="group" aria-label="Overdue">
        <button
          type="button"
          className="chip chip-overdue"
          aria-pressed={filters.overdue}
          onClick={() => onChange({ overdue: !filters.overdue })}
        >
          <Icon name="alert" size={12} />
          Overdue
          <span className="chip-count">{facets ? number.format(facets.overdue) : '–'}</span>
        </button>
      </div>
      {showClaims ? (
        <div className="chip-group" role="group" aria-label="Claims">
          <span className="chip-group-name" aria-hidden="true">
            Claims
          </span>
          {CLAIM_CHIPS.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              className="chip"
              aria-pressed={filters.claim === value}
              onClick={() => onChange({ claim: filters.claim === value ? undefined : value })}
            >
              <span className="chip-label">{label}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

const CLAIM_CHIPS = [
  { value: 'mine', label: 'Mine' },
  { value: 'unclaimed', label: 'Unclaimed' },
] as const;

function ChipGroup({
  name,
  chips,
  isOn,
  onToggle,
}: {
  name: string;
  chips: Chip[];
  isOn: (value: string) => boolean;
  onToggle: (value: string) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  if (chips.length === 0) return null;
  // Selected chips always stay visible, however many there are.
  const shown = expanded ? chips : chips.filter((c, i) => i < VISIBLE_CHIPS || isOn(c.value));
  const hidden = chips.length - shown.length;
  return (
    <div className="chip-group" role="group" aria-label={name}>
      <span className="chip-group-name" aria-hidden="true">
        {name}
      </span>
      {shown.map((chip) => (
        <button
          key={chip.value}
          type="button"
          className="chip"
          aria-pressed={isOn(chip.value)}
          onClick={() => onToggle(chip.value)}
        >
          {chip.icon ? <Icon name={chip.icon} size={12} /> : null}
          <span className="chip-label">{chip.label}</span>
          <span className="chip-count">
            {chip.count === null ? '–' : number.format(chip.count)}
          </span>
        </button>
      ))}
      {hidden > 0 || expanded ? (
        <button type="button" className="chip chip-more" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Fewer' : `+${hidden} more`}
        </button>
      ) : null}
    </div>
  );
}

/** Plain-words summary of what narrows the list, e.g. "Status: New, Draft · Overdue". */
export function describeFilters(
  filters: QueueFilters,
  search: string,
  facets: QueueFacetCounts | undefined,
): string[] {
  const parts: string[] = [];
  const labelOf = (list: QueueFacetCounts['accounts'] | undefined, v: string) =>
    list?.find((f) => f.value === v)?.label ?? v;
  if (filters.kind) parts.push(`Kind: ${KIND_LABELS[filters.kind].label}`);
  if (filters.statuses.length)
    parts.push(`Status: ${filters.statuses.map((s) => statusInfo(s).label).join(', ')}`);
  if (filters.accountIds.length)
    parts.push(
      `Customer: ${filters.accountIds.map((a) => labelOf(facets?.accounts, a)).join(', ')}`,
    );
  if (filters.packageIds.length)
    parts.push(
      `Package: ${[...new Set(filters.packageIds.map((p) => labelOf(facets?.packages, p)))].join(', ')}`,
    );
  if (filters.overdue) parts.push('Overdue');
  if (filters.claim) parts.push(filters.claim === 'mine' ? 'Claimed by me' : 'Unclaimed');
  const searched = searchToRun(search);
  if (searched !== undefined) parts.push(`Search: “${searched}”`);
  return parts;
}
