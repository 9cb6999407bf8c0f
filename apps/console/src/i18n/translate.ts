import { en } from './messages.en.ts';
import { type MessageKey, zhCN } from './messages.zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export const tables: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** `{name}` in a message is replaced by `values.name`. */
export function translate(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  const text = tables[locale][key];
  return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
}
