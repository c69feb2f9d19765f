import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type Language = 'vi' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const STORAGE_KEY = 'nv.language';
const dictionaries: Record<Language, Record<MessageKey, string>> = { vi, en };

/** Kept outside React too, so the API client can pick the error message in the user's language. */
let currentLanguage: Language = readStoredLanguage();
dayjs.locale(currentLanguage);
if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage;

export const getLanguage = (): Language => currentLanguage;

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[language][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface I18nValue {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(currentLanguage);
  const setLanguage = useCallback((next: Language) => {
    currentLanguage = next;
    dayjs.locale(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this visit only.
    }
    setLanguageState(next);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage, t: (key, params) => translate(language, key, params) }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The name of a bilingual record (fields carry nameVi/nameEn; errors carry vi/en). */
export function pickLanguage(language: Language, text: { vi: string; en: string }): string {
  return language === 'en' ? text.en || text.vi : text.vi || text.en;
}
