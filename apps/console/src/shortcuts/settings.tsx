import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'pm.shortcuts';

interface ShortcutSettings {
  enabled: boolean;
  setEnabled: (enabled: boolean) => void;
}

const Context = createContext<ShortcutSettings>({ enabled: true, setEnabled: () => undefined });

/** Single-key shortcuts can be switched off (WCAG 2.1.4); the choice is a preference in localStorage. */
export function ShortcutSettingsProvider({ children }: { children: ReactNode }) {
  const [enabled, setState] = useState(() => {
    try {
      return localStorage.getItem(STORAGE_KEY) !== 'off';
    } catch {
      return true;
    }
  });
  const setEnabled = useCallback((next: boolean) => {
    setState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next ? 'on' : 'off');
    } catch {
      // preference only
    }
  }, []);
  const value = useMemo(() => ({ enabled, setEnabled }), [enabled, setEnabled]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useShortcutSettings = () => useContext(Context);
