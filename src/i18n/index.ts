/**
 * Fluent translations from locales/*.ftl. Every user-visible string comes from there;
 * the core hands over keys with arguments and this module turns them into text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import type { Text, TextArg } from '../core/messages.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');

/** Picks our locale for a client language code ("en-GB" → en; anything else → vi). */
export function localeFor(languageCode: string | undefined | null): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Loaded bundles; translation of a missing key falls back to Vietnamese, then to the key itself (and reports it). */
export class Translator {
  private readonly bundles = new Map<Locale, FluentBundle>();

  constructor(sources: Record<Locale, string>, private readonly onMissing: (locale: Locale, key: string) => void = () => {}) {
    for (const locale of LOCALES) {
      // useIsolating: false, or every argument is wrapped in invisible U+2068/U+2069 marks.
      const bundle = new FluentBundle(locale === 'vi' ? 'vi-VN' : 'en-GB', { useIsolating: false });
      const errors = bundle.addResource(new FluentResource(sources[locale]));
      if (errors.length) throw new Error(`locales/${locale}.ftl: ${errors.map((error) => error.message).join('; ')}`);
      this.bundles.set(locale, bundle);
    }
  }

  /** Reads locales/vi.ftl and locales/en.ftl. */
  static fromDirectory(dir = LOCALES_DIR, onMissing?: (locale: Locale, key: string) => void): Translator {
    const sources = Object.fromEntries(LOCALES.map((locale) => [locale, readFileSync(path.join(dir, `${locale}.ftl`), 'utf8')])) as Record<Locale, string>;
    return new Translator(sources, onMissing);
  }

  has(locale: Locale, key: string): boolean {
    return this.bundles.get(locale)!.hasMessage(key);
  }

  /** The message ids of one locale. */
  keys(locale: Locale): string[] {
    return [...(this.bundles.get(locale) as unknown as { _messages: Map<string, unknown> })._messages.keys()];
  }

  /**
   * Renders a text (key + arguments, or literal data) in a locale. With `variant`, a message
   * `<key>--<variant>` is used where one exists: channels without buttons say "trả lời bằng số"
   * where Telegram says "bấm nút" (`--text`).
   */
  render(locale: Locale, text: Text, variant?: string): string {
    if ('raw' in text) return text.raw;
    if ('lines' in text) return text.lines.map((line) => this.render(locale, line, variant)).join('\n');
    const key = variant && this.has(locale, `${text.key}--${variant}`) ? `${text.key}--${variant}` : text.key;
    const bundle = this.has(locale, key) ? this.bundles.get(locale)! : this.bundles.get(DEFAULT_LOCALE)!;
    const message = bundle.getMessage(key);
    if (!message?.value) {
      this.onMissing(locale, text.key);
      return text.key;
    }
    const args: Record<string, FluentVariable> = {};
    for (const [name, value] of Object.entries(text.args ?? {})) args[name] = this.renderArg(locale, value, variant);
    const errors: Error[] = [];
    const result = bundle.formatPattern(message.value, args, errors);
    if (errors.length) this.onMissing(locale, `${text.key} (${errors.map((error) => error.message).join('; ')})`);
    return result;
  }

  /** A label as people may type it, in every locale (to read a typed choice). */
  labels(text: Text): string[] {
    return LOCALES.map((locale) => this.render(locale, text));
  }

  /** Shorthand: a key with plain arguments. */
  tr(locale: Locale, key: string, args?: Record<string, TextArg>): string {
    return this.render(locale, args ? { key, args } : { key });
  }

  private renderArg(locale: Locale, value: TextArg, variant?: string): FluentVariable {
    if (typeof value === 'string' || typeof value === 'number') return value;
    return this.render(locale, value, variant);
  }
}
