/** A polite status region; the text changes, the element stays, so screen readers announce it. */
export function LiveRegion({ message, visible = false }: { message: string; visible?: boolean }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={visible ? 'pm-live-visible' : 'pm-visually-hidden'}>
      {message}
    </div>
  );
}
