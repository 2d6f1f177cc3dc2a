import type { ReactNode } from 'react';

type AlertType = 'info' | 'ok' | 'warning' | 'error';

/** Utrecht alert (CSS bundle). Errors are announced assertively, the rest politely. */
export function Alert({ type = 'info', children, title }: { type?: AlertType; children?: ReactNode; title?: ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          {title && <p className="utrecht-paragraph pm-alert-title">{title}</p>}
          {children}
        </div>
      </div>
    </div>
  );
}
