import { Fragment, useRef } from 'react';
import { Dialog } from '../components/Dialog';
import { shortcutList } from './shortcuts';
import { useUiStore } from './ui-store';

export function KeyboardMap() {
  const open = useUiStore((s) => s.keyboardMapOpen);
  const setOpen = useUiStore((s) => s.setKeyboardMapOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  if (!open) return null;
  const close = () => setOpen(false);
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={close}
      initialFocus={closeRef}
      className="keyboard-map"
      footer={
        <button ref={closeRef} type="button" className="btn" onClick={close}>
          Close
        </button>
      }
    >
      <dl className="shortcut-list">
        {shortcutList().map((s) => (
          <div key={s.label} className="shortcut-row">
            <dt>
              {s.keys.map((k, i) => (
                <Fragment key={k}>
                  {i > 0 ? <span className="shortcut-then"> then </span> : null}
                  <kbd>{k}</kbd>
                </Fragment>
              ))}
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
