import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandInput, DeskCallError, MappingRow } from '../../../../src-shared/contract';
import { call, onDeskEvent } from '../../lib/desk';
import { toDeskCallError } from '../../lib/errors';
import { useConnectionStore } from '../../lib/connection-store';

type TargetQuery = Omit<CommandInput<'mappings:list-targets'>, 'offset' | 'limit'>;

const PAGE = 500;
/**
 * The most rows the table holds. An account's job postings and jobs are hundreds to a few
 * thousand; past this the search narrows them (and the screen says so), which also keeps one
 * multi-select assignment inside MAPPING_MAX_BATCH.
 */
export const MAX_TARGET_ROWS = 5_000;

/** The tables whose change can change what the mapping table shows. */
const RELEVANT = new Set(['mappings', 'job_postings', 'jobs', 'orders', 'catalog']);

export interface TargetRows {
  rows: MappingRow[] | null;
  total: number | null;
  error: DeskCallError | null;
  reload: () => void;
}

/**
 * Every job posting or job of an account matching the query, fetched page by page (the table is
 * virtualized, so holding them costs memory, not rendering). Fetched again when the cache's
 * mappings, postings, jobs or orders change; the previous rows stay on screen meanwhile, and a
 * refresh asked for during a fetch becomes one more fetch after it, never a pile-up.
 */
export function useTargetRows(query: TargetQuery, enabled: boolean): TargetRows {
  const key = JSON.stringify(query);
  const [state, setState] = useState<{
    key: string;
    rows: MappingRow[] | null;
    total: number | null;
    error: DeskCallError | null;
  }>({ key, rows: null, total: null, error: null });
  const [generation, setGeneration] = useState(0);
  const resyncs = useConnectionStore((s) => s.resyncs);
  const flight = useRef({ inFlight: false, again: false });
  const reload = useCallback(() => {
    if (flight.current.inFlight) flight.current.again = true;
    else setGeneration((g) => g + 1);
  }, []);

  useEffect(
    () =>
      onDeskEvent('data:changed', ({ tables }) => {
        if (tables.some((t) => RELEVANT.has(t))) reload();
      }),
    [reload],
  );

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const f = flight.current;
    f.inFlight = true;
    f.again = false;
    const input = JSON.parse(key) as TargetQuery;
    void (async () => {
      const rows: MappingRow[] = [];
      let total: number;
      try {
        do {
          const page = await call('mappings:list-targets', {
            ...input,
            offset: rows.length,
            limit: PAGE,
          });
          if (!current) return;
          rows.push(...page.rows);
          total = page.total;
          if (page.rows.length === 0) break;
        } while (rows.length < Math.min(total, MAX_TARGET_ROWS));
        setState({ key, rows, total, error: null });
      } catch (e) {
        if (!current) return;
        setState((s) => ({ ...s, key, error: toDeskCallError('mappings:list-targets', e) }));
      }
      f.inFlight = false;
      if (f.again) setGeneration((g) => g + 1);
    })();
    return () => {
      current = false;
    };
  }, [key, enabled, generation, resyncs]);

  // While a new search or filter loads, the previous rows stay (no flash of skeletons); another
  // account's rows are never shown as this one's.
  const same = (JSON.parse(state.key) as TargetQuery).accountId === query.accountId;
  return {
    rows: same ? state.rows : null,
    total: same ? state.total : null,
    error: state.error,
    reload,
  };
}
