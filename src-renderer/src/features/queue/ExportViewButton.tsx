import { useState } from 'react';
import { call } from '../../lib/desk';
import { deskNowIso } from '../../lib/desk-clock';
import { errorMessage } from '../../lib/errors';
import { Icon } from '../../components/Icon';
import { datedName, downloadText } from '../activity/download';
import type { QueueQuery } from './queue-window';
import { readWholeView, viewCsv } from './view-csv';

/** "Export CSV": every order of the view as it is filtered and sorted, not just those on screen. */
export function ExportViewButton({
  query,
  total,
  label,
}: {
  query: QueueQuery;
  total: number | null;
  label: string;
}) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const run = async () => {
    setState({ busy: true, error: null });
    try {
      const rows = await readWholeView((input) => call('orders:list', input), query, deskNowIso());
      downloadText(datedName(`orders-${label.toLowerCase().replace(/\s+/g, '-')}`), viewCsv(rows));
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: `Export failed: ${errorMessage(error)}` });
    }
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-quiet btn-small"
        disabled={state.busy || !total}
        aria-busy={state.busy}
        title="Every order of this view, as filtered and sorted, as a CSV file"
        onClick={() => void run()}
      >
        <Icon name="download" />
        <span className="toolbar-label">{state.busy ? 'Exporting…' : 'Export CSV'}</span>
      </button>
      {state.error ? (
        <span role="alert" className="small danger-text">
          {state.error}
        </span>
      ) : null}
    </>
  );
}
