import { useId, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type RefObject, type TdHTMLAttributes, type ThHTMLAttributes } from 'react';

/** Whether the element's content is larger than it, and whether there is more to either side. */
function useInlineOverflow(ref: RefObject<HTMLElement | null>) {
  const [state, setState] = useState({ overflows: false, moreStart: false, moreEnd: false });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const wider = element.scrollWidth > element.clientWidth + 1;
      const overflows = wider || element.scrollHeight > element.clientHeight + 1;
      const scrolled = Math.abs(element.scrollLeft);
      const next = { overflows, moreStart: wider && scrolled > 1, moreEnd: wider && scrolled + element.clientWidth < element.scrollWidth - 1 };
      setState((previous) => (previous.overflows === next.overflows && previous.moreStart === next.moreStart && previous.moreEnd === next.moreEnd ? previous : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, [ref]);
  return state;
}

/**
 * Utrecht table (CSS bundle) in a container that scrolls sideways on a narrow screen (and
 * downwards too when `frameClassName` bounds its height). Only while it scrolls, the container is
 * a labelled, focusable region (so the keyboard can scroll it) and a shadow at an edge shows
 * there is more that way.
 */
export function Table({ caption, children, className, frameClassName, ...rest }: HTMLAttributes<HTMLTableElement> & { caption?: ReactNode; frameClassName?: string }) {
  const captionId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const { overflows, moreStart, moreEnd } = useInlineOverflow(scroller);
  const classes = ['utrecht-table-container', 'utrecht-table-container--overflow-inline', 'pm-table-scroll', frameClassName ?? '', moreStart ? 'pm-table-scroll--more-start' : '', moreEnd ? 'pm-table-scroll--more-end' : ''];
  const region = overflows ? { tabIndex: 0, ...(caption ? { role: 'region', 'aria-labelledby': captionId } : {}) } : {};
  return (
    <div ref={scroller} className={classes.filter(Boolean).join(' ')} {...region}>
      <table className={['utrecht-table', 'utrecht-table--html-table', className ?? ''].join(' ').trim()} {...rest}>
        {caption && (
          <caption id={captionId} className="utrecht-table__caption">
            {caption}
          </caption>
        )}
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
