import { useMemo } from 'react';
import { deskNowIso } from './desk-clock';
import { useDeskQuery } from './use-desk-query';

/**
 * Customer names by linked account id ("Acme · Workday" needs the name), from the queue's facet
 * counts, which carry each account's label.
 */
export function useAccountLabels(): Map<string, string> {
  // The queue's instant: main has counted against it already (see desk-clock).
  const now = useMemo(() => deskNowIso(), []);
  // Refreshed as orders arrive: a screen opened before the first sync would otherwise know none.
  const facets = useDeskQuery('orders:get-facets', { now }, { refreshOn: ['data:changed'] });
  return useMemo(
    () => new Map((facets.data?.accounts ?? []).map((a) => [a.value, a.label ?? a.value])),
    [facets.data],
  );
}
