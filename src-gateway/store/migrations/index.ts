import type { Migration } from '../../../src-shared/db/migrate';
import { inbox } from './001-inbox';
import { catalog } from './002-catalog';
import { team } from './003-team';
import { teamRecords } from './004-team-records';

/** The gateway database's migrations, in order. Never edit one that shipped: add the next number. */
export const gatewayMigrations: readonly Migration[] = [inbox, catalog, team, teamRecords];
