import { useMemo } from 'react';
import { useDeskQuery } from './use-desk-query';

/**
 * Customer names by linked account id ("Acme · Workday" needs the name), from the queue's facet
 * counts, which carry each account's label.
 */
export function useAccountLabels(): Map<string, string> {
  const now = useMemo(() => new Date().toISOString(), []);
  const facets = useDeskQuery('orders:get-facets', { now });
  return useMemo(
    () => new Map((facets.data?.accounts ?? []).map((a) => [a.value, a.label ?? a.value])),
    [facets.data],
  );
}
