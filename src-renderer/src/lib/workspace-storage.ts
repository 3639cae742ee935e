import type { z } from 'zod';

/**
 * Small per-workspace preferences (column layout, saved views) in localStorage, under
 * `screening-desk.<name>.<workspaceId>`: each workspace keeps its own. A corrupt, old or
 * unreadable entry falls back to `fallback`; a full or disabled storage keeps the value for this
 * session only.
 */
export function loadStored<T>(
  name: string,
  workspaceId: string,
  schema: z.ZodType<T>,
  fallback: T,
  storage: Storage | undefined = globalThis.localStorage,
): T {
  try {
    const raw = storage?.getItem(storageKey(name, workspaceId));
    if (!raw) return fallback;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function saveStored<T>(
  name: string,
  workspaceId: string,
  value: T,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(storageKey(name, workspaceId), JSON.stringify(value));
  } catch {
    // Storage full or disabled: the preference lasts for this session only.
  }
}

function storageKey(name: string, workspaceId: string): string {
  return `screening-desk.${name}.${workspaceId}`;
}
