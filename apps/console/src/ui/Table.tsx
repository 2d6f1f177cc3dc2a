import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

/** Utrecht table (CSS bundle) in a container that scrolls sideways on a narrow screen. */
export function Table({ caption, children, className, ...rest }: HTMLAttributes<HTMLTableElement> & { caption?: ReactNode }) {
  return (
    <div className="utrecht-table-container utrecht-table-container--overflow-inline pm-table-scroll">
      <table className={['utrecht-table', 'utrecht-table--html-table', className ?? ''].join(' ').trim()} {...rest}>
        {caption && <caption className="utrecht-table__caption">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}
export const THead = ({ children }: { children: ReactNode }) => <thead className="utrecht-table__header">{children}</thead>;
export const TBody = ({ children }: { children: ReactNode }) => <tbody className="utrecht-table__body">{children}</tbody>;
export const Tr = ({ children, className, ...rest }: HTMLAttributes<HTMLTableRowElement>) => (
  <tr className={['utrecht-table__row', className ?? ''].join(' ').trim()} {...rest}>
    {children}
  </tr>
);
export const Th = ({ children, numeric, ...rest }: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) => (
  <th className={`utrecht-table__header-cell${numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`} {...rest}>
    {children}
  </th>
);
export const Td = ({ children, numeric, ...rest }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) => (
  <td className={`utrecht-table__cell${numeric ? ' utrecht-table__cell--numeric-column' : ''}`} {...rest}>
    {children}
  </td>
);
