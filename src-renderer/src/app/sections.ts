import type { ComponentType } from 'react';
import type { IconName } from '../components/Icon';
import { ActivityScreen } from '../features/activity/ActivityScreen';
import { CandidatesScreen } from '../features/candidates/CandidatesScreen';
import { JobsScreen } from '../features/jobs/JobsScreen';
import { OrderScreen } from '../features/order/OrderScreen';
import { MappingsScreen } from '../features/mappings/MappingsScreen';
import { PackagesScreen } from '../features/packages/PackagesScreen';
import {
  AllQueueScreen,
  AssessmentQueueScreen,
  BackgroundCheckQueueScreen,
} from '../features/queue/QueueScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';

/**
 * The navigation registry. A section appears in the sidebar, the keyboard map and `g <key>` only
 * once it works: a new screen is one entry here. It imports every screen, so only app-level code
 * imports it; screens navigate through ui-store and never import this registry.
 */
export interface Section {
  id: string;
  label: string;
  icon: IconName;
  /** The second key of its `g <key>` shortcut. */
  goKey?: string;
  Screen: ComponentType;
  /** Listed under another section in the sidebar. */
  parent?: string;
  /** A detail page (reached from a list), not a sidebar entry; highlights `navParent`. */
  hidden?: boolean;
  navParent?: string;
  /** What the sidebar count beside it means (see Sidebar). */
  badge?: 'open-orders' | 'open-assessments' | 'open-background-checks' | 'attention';
}

export const sections: readonly Section[] = [
  {
    id: 'queue',
    label: 'Queue',
    icon: 'inbox',
    goKey: 'q',
    Screen: AllQueueScreen,
    badge: 'open-orders',
  },
  {
    id: 'assessments',
    label: 'Assessments',
    icon: 'clipboard',
    Screen: AssessmentQueueScreen,
    parent: 'queue',
    badge: 'open-assessments',
  },
  {
    id: 'background-checks',
    label: 'Background checks',
    icon: 'shield',
    Screen: BackgroundCheckQueueScreen,
    parent: 'queue',
    badge: 'open-background-checks',
  },
  {
    id: 'order',
    label: 'Order',
    icon: 'inbox',
    Screen: OrderScreen,
    hidden: true,
    navParent: 'queue',
  },
  { id: 'candidates', label: 'Candidates', icon: 'user', goKey: 'c', Screen: CandidatesScreen },
  { id: 'jobs', label: 'Jobs', icon: 'briefcase', goKey: 'j', Screen: JobsScreen },
  { id: 'packages', label: 'Packages', icon: 'tag', goKey: 'p', Screen: PackagesScreen },
  {
    id: 'mappings',
    label: 'Mappings',
    icon: 'link',
    goKey: 'm',
    Screen: MappingsScreen,
    parent: 'packages',
  },
  {
    id: 'activity',
    label: 'Activity',
    icon: 'activity',
    goKey: 'a',
    Screen: ActivityScreen,
    badge: 'attention',
  },
  { id: 'settings', label: 'Settings', icon: 'gear', goKey: 's', Screen: SettingsScreen },
];

export function findSection(id: string | null): Section {
  const section = sections.find((s) => s.id === id) ?? sections[0];
  if (!section) throw new Error('The section registry is empty');
  return section;
}
