import type { Migration } from '../../../../src-shared/db/migrate';
import { migration as m0001 } from './0001-workspaces';

/** The app database's migrations, in order. Never edit one that shipped: add the next number. */
export const appMigrations: readonly Migration[] = [m0001];
