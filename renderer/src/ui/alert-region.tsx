/**
 * The one place messages reach the user: errors from main (and the app's own) in an
 * assertive alert region, confirmations in a polite status region. Both regions are always
 * in the page so screen readers announce what is added to them.
 */
import { useShallow } from 'zustand/react/shallow';
import { t } from '../i18n/index.ts';
import { useAppStore } from '../store/store.ts';
import type { Toast } from './ui-slice.ts';

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  return (
    <div className={`toast toast--${toast.kind}`}>
      <div className="toast__text">
        <p className="toast__message">{toast.message}</p>
        {toast.details.length > 0 && (
          <ul className="toast__details">
            {toast.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="toast__dismiss" onClick={() => onDismiss(toast.id)} aria-label={`${t.common.dismiss}: ${toast.message}`}>
        ×
      </button>
    </div>
  );
}

export function AlertRegion() {
  const toasts = useAppStore(useShallow((s) => s.toasts));
  const dismiss = useAppStore((s) => s.dismissToast);
  const errors = toasts.filter((x) => x.kind === 'error');
  const others = toasts.filter((x) => x.kind !== 'error');
  return (
    <div className="alert-area" aria-label={t.errors.region} role="region">
      <div role="alert" aria-live="assertive" aria-atomic="false" className="alert-stack" data-testid="alert-region">
        {errors.map((x) => (
          <ToastItem key={x.id} toast={x} onDismiss={dismiss} />
        ))}
      </div>
      <div role="status" aria-live="polite" aria-atomic="false" className="alert-stack" data-testid="status-region">
        {others.map((x) => (
          <ToastItem key={x.id} toast={x} onDismiss={dismiss} />
        ))}
      </div>
    </div>
  );
}
