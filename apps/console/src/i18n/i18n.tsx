import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import nl from './nl.json';
import en from './en.json';

export type Lang = 'nl' | 'en';
/** nl.json is the source of truth: every key exists there, en.json mirrors it. */
export type MessageKey = keyof typeof nl;
export type Params = Record<string, string | number>;

const catalogues: Record<Lang, Record<string, string>> = { nl, en };
const STORAGE_KEY = 'pm.lang';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  number: (value: number, digits?: number) => string;
  percent: (value: number, digits?: number) => string;
  dateTime: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // a preference only; private windows may refuse storage
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
    const catalogue = catalogues[lang];
    return {
      lang,
      setLang,
      t: (key, params) => interpolate(catalogue[key] ?? catalogues.nl[key] ?? key, params),
      number: (value, digits = 0) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
      percent: (value, digits = 0) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
      dateTime: (iso) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—'),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = () => useI18n().t;

/** Sets document.title for the route: "<page> – Partnermatch". */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – Partnermatch`;
  }, [title]);
}
