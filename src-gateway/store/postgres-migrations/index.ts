import type { Migration } from '../../../src-shared/db/migrate';
import { inbox } from './001-inbox';
import { catalog } from './002-catalog';
import { team } from './003-team';
import { teamRecords } from './004-team-records';

/**
 * The PostgreSQL store's migrations, numbered like the SQLite ones (`../migrations/`) and kept in
 * step with them: the same schema version means the same tables, in each engine's dialect. Never
 * edit one that shipped: add the next number to both lists.
 */
export const postgresMigrations: readonly Migration[] = [inbox, catalog, team, teamRecords];
