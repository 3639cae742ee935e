import { useState } from 'react';

/**
 * Search text and page offset of a searchable, paged list. A new search starts again at the
 * first page; `query` is the part of the list command's input they decide (blank search omitted).
 */
export function usePagedSearch(limit: number, initial = { search: '', offset: 0 }) {
  const [search, setSearchText] = useState(initial.search);
  const [offset, setOffset] = useState(initial.offset);
  const setSearch = (next: string) => {
    setSearchText(next);
    setOffset(0);
  };
  const trimmed = search.trim();
  const query = { ...(trimmed ? { search: trimmed } : {}), offset, limit };
  return { search, setSearch, offset, setOffset, query };
}
