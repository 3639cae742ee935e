import { z } from 'zod';

/** Column visibility and widths survive restarts; a corrupt or old entry falls back to defaults. */
const STORAGE_KEY = 'screening-desk.queue.columns.v1';

const PrefsSchema = z.object({
  visibility: z.record(z.string(), z.boolean()).default({}),
  sizing: z.record(z.string(), z.number().min(40).max(1200)).default({}),
});
export type ColumnPrefs = z.infer<typeof PrefsSchema>;

export function loadColumnPrefs(
  storage: Storage | undefined = globalThis.localStorage,
): ColumnPrefs {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return { visibility: {}, sizing: {} };
    const parsed = PrefsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { visibility: {}, sizing: {} };
  } catch {
    return { visibility: {}, sizing: {} };
  }
}

export function saveColumnPrefs(
  prefs: ColumnPrefs,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: the preference lasts for this session only.
  }
}
