import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MessageKey } from './messages.zh-CN.ts';
import { type Locale, type Translate, tables, translate } from './translate.ts';

export { type Locale, type Translate } from './translate.ts';

const storageKey = 'ledger.console.locale';

interface I18nContext {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** The name of a value the ledger sends (`grade`, `satisfied`); a value this console does not know shows as sent. */
  label(prefix: string, value: string): string;
}

const Context = createContext<I18nContext | undefined>(undefined);

/** zh-CN unless the user chose English on this browser before (`?lang=en` chooses it too). */
function initialLocale(): Locale {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  const stored = localStorage.getItem(storageKey);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(storageKey, next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);
  const value = useMemo<I18nContext>(
    () => ({
      locale,
      setLocale,
      t: (key, values) => translate(locale, key, values),
      label: (prefix, sent) => {
        const key = `${prefix}.${sent}`;
        return key in tables[locale] ? tables[locale][key as MessageKey] : sent;
      },
    }),
    [locale, setLocale],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18nContext {
  const context = useContext(Context);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
