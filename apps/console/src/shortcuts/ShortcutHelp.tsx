import { useEffect, useRef } from 'react';
import { useT, type MessageKey } from '../i18n/i18n';
import { Button } from '../ui/Button';

const KEYS: [string, MessageKey][] = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.previous'],
  ['a', 'shortcuts.approve'],
  ['r', 'shortcuts.reject'],
  ['x', 'shortcuts.select'],
  ['?', 'shortcuts.help'],
];

/** The list of keys, as a modal dialog (native <dialog>: focus trap and Escape for free). */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="pm-dialog" aria-labelledby="shortcut-help-title" onClose={onClose}>
      <h2 id="shortcut-help-title" className="utrecht-heading-2">
        {t('shortcuts.title')}
      </h2>
      <p className="utrecht-paragraph">{t('shortcuts.intro')}</p>
      <dl className="pm-keys">
        {KEYS.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <Button appearance="primary-action-button" onClick={onClose}>
        {t('shortcuts.close')}
      </Button>
    </dialog>
  );
}
