/**
 * The cache tables that hold what a coordinator typed, not what a server sent: a rebuild from the
 * server cannot bring them back, so they are exported before a damaged cache is set aside. Add a
 * table here when it holds coordinator input. A table this cache does not have is exported as an
 * error entry, never a reason to stop.
 */
export const COORDINATOR_INPUT_TABLES = [
  // Due times: the default and per-package turnarounds set in Settings.
  'settings',
  'package_turnarounds',
  // Results: drafts as typed, PATCHes queued or failed, what was sent, the log's retention.
  'result_drafts',
  'outbox_jobs',
  'outbound_log',
  'outbox_settings',
] as const;
