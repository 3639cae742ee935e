import { useEffect, useRef, useState } from 'react';
import type { ResultPreview } from '../../../../src-shared/contract';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';

const bytes = new Intl.NumberFormat();

interface PreviewDialogProps {
  preview: ResultPreview;
  /** Sending resends a refused job rather than queueing a new one. */
  resend: boolean;
  busy: boolean;
  error: string | null;
  onSend: (confirmFinalResend: boolean) => void;
  onClose: () => void;
}

/**
 * The request exactly as the outbox will send it: method, path with the order id, headers (the
 * API key is never shown), and the body as main built it, byte for byte. The body string is shown
 * as it is, not re-formatted, so that what the coordinator reads is what the ATS receives.
 */
export function PreviewDialog({
  preview,
  resend,
  busy,
  error,
  onSend,
  onClose,
}: PreviewDialogProps) {
  const sendRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const blocked = preview.issues.length > 0;

  const trySend = () => {
    if (blocked || busy) return;
    if (preview.needsConfirmation) setConfirming(true);
    else onSend(false);
  };
  // Ctrl/Cmd+Enter sends from anywhere in the preview, as it opened it from the form.
  const trySendRef = useRef(trySend);
  useEffect(() => {
    trySendRef.current = trySend;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      if (document.querySelectorAll('dialog[open]').length > 1) return;
      event.preventDefault();
      trySendRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <Dialog
        title={resend ? 'Preview: the corrected result' : 'Preview: what the ATS will receive'}
        onClose={onClose}
        initialFocus={blocked ? undefined : sendRef}
        className="preview-dialog"
        footer={
          <>
            <button type="button" className="btn" onClick={onClose}>
              Back to the form
            </button>
            <button
              ref={sendRef}
              type="button"
              className="btn btn-primary"
              disabled={blocked || busy}
              onClick={trySend}
            >
              <Icon name="send" />
              {busy ? 'Queueing…' : resend ? 'Resend to the ATS' : 'Send to the ATS'}
            </button>
          </>
        }
      >
        <div className="preview">
          {blocked ? (
            <Alert title="This result cannot be sent yet">
              <ul className="plain-list">
                {preview.issues.map((issue, i) => (
                  <li key={i}>{issue.message}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {preview.warnings.length > 0 ? (
            <Alert tone="warn" title="Before you send">
              <ul className="plain-list">
                {preview.warnings.map((w) => (
                  <li key={w.code} data-warning={w.code}>
                    {w.message}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {error ? <Alert title="The result was not queued">{error}</Alert> : null}

          <section aria-labelledby="preview-request" className="preview-section">
            <h3 id="preview-request" className="preview-heading">
              Request
            </h3>
            <p className="request-line selectable">
              <span className="request-method">{preview.method}</span>{' '}
              <code data-testid="preview-path">{preview.path}</code>
            </p>
            <p className="muted small selectable">{preview.url}</p>
          </section>

          <section aria-labelledby="preview-headers" className="preview-section">
            <h3 id="preview-headers" className="preview-heading">
              Headers
            </h3>
            <table className="table request-headers">
              <caption className="visually-hidden">Request headers</caption>
              <tbody>
                {preview.headers.map((h) => (
                  <tr key={h.name}>
                    <th scope="row">
                      <code>{h.name}</code>
                    </th>
                    <td className="selectable">
                      <code>{h.value}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              The API key comes from the OS keychain when the request is sent; it is never shown or
              logged.
            </p>
          </section>

          <section aria-labelledby="preview-body" className="preview-section">
            <h3 id="preview-body" className="preview-heading">
              Body{' '}
              <span className="muted small">· {bytes.format(preview.bodyBytes)} bytes, JSON</span>
            </h3>
            <pre
              className="request-body selectable"
              tabIndex={0}
              aria-label="Request body, exactly as sent"
              data-testid="preview-body"
            >
              {preview.body}
            </pre>
          </section>
        </div>
      </Dialog>
      {confirming ? (
        <ConfirmDialog
          title="Send a second final result?"
          confirmLabel="Send another final result"
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onSend(true);
          }}
        >
          <p>
            The ATS has already accepted a final result for this order. Some ATSs refuse a change
            after a final result, others overwrite the first one without a trace. Send this one only
            if the first was wrong.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
