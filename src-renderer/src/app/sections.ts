import type { ComponentType } from 'react';
import type { IconName } from '../components/Icon';
import { SettingsScreen } from '../features/settings/SettingsScreen';

/**
 * The navigation registry. A section appears in the sidebar, the keyboard map and `g <key>` only
 * once it works: a new screen is one entry here.
 */
export interface Section {
  id: string;
  label: string;
  icon: IconName;
  /** The second key of its `g <key>` shortcut. */
  goKey: string;
  Screen: ComponentType;
}

export const sections: readonly Section[] = [
  { id: 'settings', label: 'Settings', icon: 'gear', goKey: 's', Screen: SettingsScreen },
];

export function findSection(id: string | null): Section {
  const section = sections.find((s) => s.id === id) ?? sections[0];
  if (!section) throw new Error('The section registry is empty');
  return section;
}
