import { useRef } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import { useShortcutSettings } from './settings';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'month', 'time', 'week']);

/** True when the key goes to a field the person is typing in. */
function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/**
 * The one way to bind single-key shortcuts. Returns a ref for the element they belong to: they
 * fire only while focus is inside it, never while typing in a field, during IME composition or
 * with Ctrl/Alt/Meta held, and not at all when the person switched shortcuts off.
 */
export function useShortcuts<T extends HTMLElement>(handlers: Record<string, (event: KeyboardEvent) => void>) {
  const { enabled } = useShortcutSettings();
  const latest = useRef(handlers);
  latest.current = handlers;
  return useHotkeys<T>(
    Object.keys(handlers).join(','),
    (event) => latest.current[event.key]?.(event),
    {
      enabled,
      useKey: true,
      // Checkboxes in the list may hold focus; text fields are filtered out by isTyping.
      enableOnFormTags: ['input'],
      ignoreEventWhen: (event) => event.isComposing || event.ctrlKey || event.altKey || event.metaKey || isTyping(event),
      preventDefault: true,
    },
  );
}
