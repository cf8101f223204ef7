/**
 * Bot commands per language, registered with setMyCommands at start.
 */
import type { Api } from 'grammy';
import type { Translator } from '../../i18n/index.js';

/** Command → what it does; descriptions are `cmd-<command>` in the locales. */
export const COMMANDS = ['decu', 'cuatoi', 'huongdan', 'ngonngu', 'huy', 'sua', 'trogiup', 'boqua', 'duyet', 'denghi', 'dotthidua', 'xuat', 'thongke', 'lienket', 'dulieu', 'xoadulieu'] as const;

export async function registerCommands(api: Api, translator: Translator): Promise<void> {
  const list = (locale: 'vi' | 'en') => COMMANDS.map((command) => ({ command, description: translator.tr(locale, `cmd-${command}`) }));
  await api.setMyCommands(list('vi'));
  await api.setMyCommands(list('vi'), { language_code: 'vi' });
  await api.setMyCommands(list('en'), { language_code: 'en' });
}
