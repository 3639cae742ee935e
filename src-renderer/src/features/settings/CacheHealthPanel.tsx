import { useState } from 'react';
import { Alert } from '../../components/Alert';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useDeskQuery } from '../../lib/use-desk-query';

/**
 * Shown only while the active workspace's local cache is damaged (main checks it after an unclean
 * exit): what happened, and "Rebuild from server", which keeps the damaged file and exports what
 * the coordinator entered in it before a new cache is synced.
 */
export function CacheHealthPanel() {
  const health = useDeskQuery('sync:get-cache-health', {}, { refreshOn: ['workspaces:changed'] });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function rebuild() {
    setBusy(true);
    setFailure(null);
    try {
      const result = await call('sync:rebuild-cache', {});
      setDone(
        `The cache is being rebuilt from the server. The damaged file was kept as ${result.movedTo}; what you had entered in it (due-time settings, result drafts and unsent results) was exported to ${result.exportedTo}.`,
      );
      health.reload();
    } catch (e) {
      setFailure(`The cache was not rebuilt. ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const damaged = health.status === 'ready' && health.data.damaged;
  if (!damaged && !done) return null;
  return (
    <section className="panel" aria-labelledby="cache-health-heading">
      <header className="panel-header">
        <h2 id="cache-health-heading">Local cache</h2>
      </header>
      {done ? <p role="status">{done}</p> : null}
      {damaged ? (
        <Alert
          title="The local cache is damaged"
          action={
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void rebuild()}
            >
              {busy ? 'Rebuilding…' : 'Rebuild from server'}
            </button>
          }
        >
          <p>{health.data.problem}</p>
        </Alert>
      ) : null}
      {failure ? (
        <Alert title="Rebuild failed">
          <p>{failure}</p>
        </Alert>
      ) : null}
    </section>
  );
}
