import { createContext, useContext, useId, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type RefObject, type TdHTMLAttributes, type ThHTMLAttributes } from 'react';

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
 * A stacked table is laid out as cards on a narrow screen (CSS display, see layout.css). Some
 * browsers drop a table's semantics with its display, so its parts then say their roles outright.
 */
const Stacked = createContext(false);
const roleIf = (stacked: boolean, role: string) => (stacked ? { role } : {});

/**
 * Utrecht table (CSS bundle) in a container that scrolls sideways on a narrow screen (and
 * downwards too when `frameClassName` bounds its height). Only while it scrolls, the container is
 * a labelled, focusable region (so the keyboard can scroll it) and a shadow at an edge shows
 * there is more that way.
 */
/**
 * `stackOnNarrow`: a data table of many columns reflows into one card per row below 40em
 * instead of scrolling sideways; each `Td` then shows its column's name from `label`.
 */
export function Table({ caption, children, className, frameClassName, stackOnNarrow = false, ...rest }: HTMLAttributes<HTMLTableElement> & { caption?: ReactNode; frameClassName?: string; stackOnNarrow?: boolean }) {
  const captionId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const { overflows, moreStart, moreEnd } = useInlineOverflow(scroller);
  const classes = ['utrecht-table-container', 'utrecht-table-container--overflow-inline', 'pm-table-scroll', frameClassName ?? '', moreStart ? 'pm-table-scroll--more-start' : '', moreEnd ? 'pm-table-scroll--more-end' : ''];
  const region = overflows ? { tabIndex: 0, ...(caption ? { role: 'region', 'aria-labelledby': captionId } : {}) } : {};
  return (
    <div ref={scroller} className={classes.filter(Boolean).join(' ')} {...region}>
      <Stacked.Provider value={stackOnNarrow}>
      <table className={['utrecht-table', 'utrecht-table--html-table', stackOnNarrow ? 'pm-table--stack' : '', className ?? ''].filter(Boolean).join(' ')} {...roleIf(stackOnNarrow, 'table')} {...rest}>
        {caption && (
          <caption id={captionId} className="utrecht-table__caption">
            {caption}
          </caption>
        )}
        {children}
      </table>
      </Stacked.Provider>
    </div>
  );
}
export const THead = ({ children }: { children: ReactNode }) => (
  <thead className="utrecht-table__header" {...roleIf(useContext(Stacked), 'rowgroup')}>
    {children}
  </thead>
);
export const TBody = ({ children }: { children: ReactNode }) => (
  <tbody className="utrecht-table__body" {...roleIf(useContext(Stacked), 'rowgroup')}>
    {children}
  </tbody>
);
export const Tr = ({ children, className, ...rest }: HTMLAttributes<HTMLTableRowElement>) => (
  <tr className={['utrecht-table__row', className ?? ''].join(' ').trim()} {...roleIf(useContext(Stacked), 'row')} {...rest}>
    {children}
  </tr>
);
export const Th = ({ children, numeric, ...rest }: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) => (
  <th className={`utrecht-table__header-cell${numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`} {...roleIf(useContext(Stacked), rest.scope === 'row' ? 'rowheader' : 'columnheader')} {...rest}>
    {children}
  </th>
);
/** `label`: the column's name, shown beside the value when a stacked table is laid out as cards. */
export const Td = ({ children, numeric, label, className, ...rest }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean; label?: string }) => (
  <td className={['utrecht-table__cell', numeric ? 'utrecht-table__cell--numeric-column' : '', className ?? ''].filter(Boolean).join(' ')} data-label={label} {...roleIf(useContext(Stacked), 'cell')} {...rest}>
    {children}
  </td>
);
