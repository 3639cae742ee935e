import type { Migration } from '../../../src-shared/db/migrate';
import { migration as m0001 } from './0001-cache-schema';
import { migration as m0002 } from './0002-queue-search-index';
import { migration as m0003 } from './0003-queue-account-indexes';
import { migration as m0004 } from './0004-queue-account-name-indexes';
import { migration as m0005 } from './0005-search-one-letter-prefixes';
import { migration as m0006 } from './0006-queue-sort-indexes-and-infix-search';
import { migration as m0007 } from './0007-results-outbox';
import { migration as m0008 } from './0008-missing-references-table';
import { migration as m0009 } from './0009-team';
import { migration as m0010 } from './0010-packages-and-mappings';

/** The workspace cache's migrations, in order. Never edit one that shipped: add the next number. */
export const cacheMigrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
];
