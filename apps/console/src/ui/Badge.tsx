import type { ReactNode } from 'react';
export { DataBadge } from '@utrecht/data-badge-react';

type Tone = 'neutral' | 'success' | 'danger' | 'warning' | 'active' | 'inactive';

export function StatusBadge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`utrecht-status-badge utrecht-status-badge--${tone}`}>{children}</span>;
}
