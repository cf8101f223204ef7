/**
 * Configuration from the environment: sensible defaults, and a wrong value stops the program with
 * ONE line that names the variable (what an operator sees in the terminal or the service log).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_LUNAR_HOLIDAYS, loadConfig } from '../../src/config.js';
import { THEMATIC_TITLES, YEARLY_TITLES } from '../../src/core/proposals/titles.js';
import { DEFAULT_DEED_CATEGORIES } from '../../src/core/nomination/vocabulary.js';

/** The ConfigError loadConfig throws for `env` (fails the test when it does not throw one). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('runs with no configuration at all, on documented defaults', () => {
    expect(loadConfig({})).toEqual({
      BOT_MODE: 'polling',
      HTTP_HOST: '0.0.0.0',
      QUEUE_CONCURRENCY: 16,
      QUEUE_LEASE_SECONDS: 30,
      FLOOD_BURST: 20,
      FLOOD_PER_SECOND: 1,
      FLOOD_MAX_BACKLOG: 100,
      HEALTH_MAX_TICK_AGE_SECONDS: 300,
      ZALO_MODE: 'polling',
      ADMIN_TELEGRAM_IDS: [],
      OUTBOX_CRON: '* * * * *',
      REMINDER_CRON: '* * * * *',
      HOLIDAYS: [...DEFAULT_LUNAR_HOLIDAYS],
      SEND_RATE_PER_SECOND: 28,
      DATA_DIR: './data',
      EMBEDDED_PG_PORT: 54329,
      LOG_LEVEL: 'info',
      DRAFT_TTL_DAYS: 30,
      RESUME_AFTER_MINUTES: 60,
      DRAFT_PURGE_CRON: '17 3 * * *',
      DEED_CATEGORIES: [...DEFAULT_DEED_CATEGORIES],
      CONSENT_TEXT_VERSION: 1,
      MAX_ATTACHMENTS: 10,
      MAX_FILE_MB: 20,
      DESCRIPTION_MIN_CHARS: 30,
      DESCRIPTION_MAX_CHARS: 2000,
      MAX_DEED_AGE_YEARS: 5,
      PROPOSAL_TITLES_YEARLY: [...YEARLY_TITLES],
      PROPOSAL_TITLES_THEMATIC: [...THEMATIC_TITLES],
      PROPORTION_RULES: [],
      MINUTES_REQUIRED: true,
      ACHIEVEMENT_MIN_CHARS: 20,
      ACHIEVEMENT_MAX_CHARS: 1500,
    });
  });

  it('Telegram: webhook mode needs the public https URL and a long enough secret', () => {
    const token = '123456789:AAabcdefghijklmnopqrstuvwxyz';
    expect(configError({ BOT_TOKEN: token, BOT_MODE: 'webhook' }).message).toMatch(/WEBHOOK_URL is required with BOT_MODE=webhook/);
    expect(configError({ BOT_TOKEN: token, BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.vn/telegram' }).message).toMatch(/WEBHOOK_SECRET is required/);
    expect(configError({ WEBHOOK_URL: 'http://bot.example.vn/telegram' }).message).toMatch(/WEBHOOK_URL must be the public https:\/\/ URL/);
    expect(configError({ WEBHOOK_SECRET: 'short' }).message).toMatch(/WEBHOOK_SECRET must be 16 to 256/);
    expect(configError({ BOT_MODE: 'push' }).message).toMatch(/BOT_MODE must be polling or webhook/);
    // One server serves both webhooks and /healthz.
    expect(configError({ WEBHOOK_URL: 'https://bot.example.vn/hook', ZALO_WEBHOOK_URL: 'https://bot.example.vn/hook' }).message).toMatch(/ZALO_WEBHOOK_URL must have another path than WEBHOOK_URL/);
    expect(configError({ WEBHOOK_URL: 'https://bot.example.vn/healthz' }).message).toMatch(/WEBHOOK_URL must not end in \/healthz/);
    expect(configError({ WEBHOOK_URL: 'https://bot.example.vn/metrics' }).message).toMatch(/WEBHOOK_URL must not end in \/metrics/);
    expect(loadConfig({ BOT_TOKEN: token, BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.vn/telegram', WEBHOOK_SECRET: 'a'.repeat(32), HTTP_PORT: '8081' })).toMatchObject({ BOT_MODE: 'webhook', HTTP_PORT: 8081 });
  });

  it('Zalo: webhook mode needs the public URL and the secret; tokens, proxies and the ward phone are checked', () => {
    expect(loadConfig({ ZALO_BOT_TOKEN: '1234567890123456789:AbCdEfGhIjKlMn' })).toMatchObject({ ZALO_MODE: 'polling' });
    const webhook = configError({ ZALO_BOT_TOKEN: '1234567890123456789:AbCdEfGhIjKlMn', ZALO_MODE: 'webhook' }).message;
    expect(webhook).toMatch(/ZALO_WEBHOOK_URL is required with ZALO_MODE=webhook/);
    expect(loadConfig({ ZALO_BOT_TOKEN: '1234567890123456789:AbCdEfGhIjKlMn', ZALO_MODE: 'webhook', ZALO_WEBHOOK_URL: 'https://bot.example.vn/zalo', ZALO_WEBHOOK_SECRET: 'a-long-secret' }).ZALO_MODE).toBe('webhook');
    expect(configError({ ZALO_BOT_TOKEN: 'abc' }).message).toMatch(/ZALO_BOT_TOKEN must look like/);
    expect(configError({ ZALO_MODE: 'push' }).message).toMatch(/ZALO_MODE must be polling or webhook/);
    expect(loadConfig({ TELEGRAM_PROXY: 'socks5://127.0.0.1:1080' }).TELEGRAM_PROXY).toBe('socks5://127.0.0.1:1080');
    expect(configError({ HTTPS_PROXY: 'ftp://proxy' }).message).toMatch(/HTTPS_PROXY must be a proxy URL/);
    expect(configError({ WARD_PHONE: 'gọi phường' }).message).toMatch(/WARD_PHONE must be a phone number/);
  });

  it('reads proportion rules and title lists, and names the variable of a wrong one', () => {
    expect(loadConfig({ PROPORTION_RULES: 'chien-si-thi-dua-co-so<=15%lao-dong-tien-tien' }).PROPORTION_RULES).toEqual([{ title: 'chien-si-thi-dua-co-so', percent: 15, base: 'lao-dong-tien-tien' }]);
    expect(loadConfig({ PROPOSAL_TITLES_THEMATIC: 'giay-khen, bang-khen' }).PROPOSAL_TITLES_THEMATIC).toEqual(['giay-khen', 'bang-khen']);
    expect(configError({ PROPORTION_RULES: 'cstd<=15%ldtt' }).message).toMatch(/PROPORTION_RULES cannot read "cstd<=15%ldtt"/);
    expect(configError({ PROPOSAL_TITLES_YEARLY: 'lao-dong-tien-tien,huan-chuong' }).message).toMatch(/PROPOSAL_TITLES_YEARLY must be a comma-separated list of/);
    expect(configError({ MINUTES_REQUIRED: 'yes' }).message).toMatch(/MINUTES_REQUIRED must be true or false/);
  });

  it('reads the admins as Telegram user ids and refuses anything else, naming the variable', () => {
    expect(loadConfig({ ADMIN_TELEGRAM_IDS: '123456789, 987654321' }).ADMIN_TELEGRAM_IDS).toEqual([123456789, 987654321]);
    expect(() => loadConfig({ ADMIN_TELEGRAM_IDS: '123, @admin' })).toThrow(/^Configuration error: ADMIN_TELEGRAM_IDS /);
  });

  it('treats a variable left empty (as in .env.example) as not set, and ignores unrelated variables', () => {
    const config = loadConfig({ BOT_TOKEN: '', DATABASE_URL: '', DRAFT_TTL_DAYS: '', DEED_CATEGORIES: '', PATH: '/usr/bin', HOME: '/root' });
    expect(config.BOT_TOKEN).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DRAFT_TTL_DAYS).toBe(30);
    expect(config.DEED_CATEGORIES).toEqual([...DEFAULT_DEED_CATEGORIES]);
    expect(config).not.toHaveProperty('PATH');
  });

  it('reads the values an operator sets', () => {
    const config = loadConfig({
      BOT_TOKEN: '123456789:AAFakeTokenForTests_abcdefghijk',
      DATABASE_URL: 'postgresql://bot:secret@db.example.vn:5432/ntvt',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      DATA_DIR: '/var/lib/ntvt',
      LOG_LEVEL: 'debug',
      DRAFT_TTL_DAYS: '14',
      MAX_FILE_MB: '5',
      MAX_ATTACHMENTS: '0',
    });
    expect(config).toMatchObject({
      BOT_TOKEN: '123456789:AAFakeTokenForTests_abcdefghijk',
      DATABASE_URL: 'postgresql://bot:secret@db.example.vn:5432/ntvt',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      DATA_DIR: '/var/lib/ntvt',
      LOG_LEVEL: 'debug',
      DRAFT_TTL_DAYS: 14,
      MAX_FILE_MB: 5,
      MAX_ATTACHMENTS: 0,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/ntvt' }).DATABASE_URL).toBe('postgres://localhost/ntvt');
  });

  it.each([
    ['DRAFT_TTL_DAYS', 'abc'],
    ['DRAFT_TTL_DAYS', '0'],
    ['DRAFT_TTL_DAYS', '2.5'],
    ['DATABASE_URL', 'mysql://bot:secret@localhost/ntvt'],
    ['BOT_TOKEN', 'nonsense'],
    ['DEED_CATEGORIES', 'foo'],
    ['DEED_CATEGORIES', 'rescue,foo'],
    ['DEED_CATEGORIES', ' , ,'],
    ['LOG_LEVEL', 'loud'],
    ['TELEGRAM_API_ROOT', 'ftp://bot-api.local'],
    ['MAX_FILE_MB', '25'],
    ['EMBEDDED_PG_PORT', '80'],
    ['RESUME_AFTER_MINUTES', '-5'],
  ])('stops on %s=%s with one line naming the variable', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.message.startsWith(`Configuration error: ${name} `)).toBe(true);
    expect(error.message).not.toMatch(/[\r\n]/);
    // Says something beyond the name.
    expect(error.message.length).toBeGreaterThan(`Configuration error: ${name} `.length + 5);
  });

  it('does not print a malformed bot token back into the logs', () => {
    const secret = '123456789:short';
    expect(configError({ BOT_TOKEN: secret }).message).not.toContain(secret);
    const password = 'hunter2-very-secret';
    expect(configError({ DATABASE_URL: `mysql://bot:${password}@localhost/ntvt` }).message).not.toContain(password);
  });

  it('names one variable even when several are wrong', () => {
    const message = configError({ DRAFT_TTL_DAYS: 'abc', MAX_FILE_MB: '99' }).message;
    expect(message).toMatch(/^Configuration error: (DRAFT_TTL_DAYS|MAX_FILE_MB) /);
    expect(message).not.toMatch(/[\r\n]/);
  });

  it('DEED_CATEGORIES narrows the list of categories and sets their order', () => {
    expect(loadConfig({ DEED_CATEGORIES: 'rescue, charity ,other' }).DEED_CATEGORIES).toEqual(['rescue', 'charity', 'other']);
    expect(loadConfig({ DEED_CATEGORIES: 'other,lost-property' }).DEED_CATEGORIES).toEqual(['other', 'lost-property']);
  });

  // Regression (was a bug): DRAFT_PURGE_CRON is not checked by loadConfig; a typo is accepted and the bot dies later in
  // scheduleHousekeeping (after the database has started) with node-cron's "expected 5 or 6 fields
  // but got 1" and a stack trace, instead of the one line naming the variable.
  it('stops on a DRAFT_PURGE_CRON that is not a cron expression', () => {
    expect(configError({ DRAFT_PURGE_CRON: 'nonsense' }).message).toMatch(/^Configuration error: DRAFT_PURGE_CRON /);
  });

  // Regression (was a bug): each bound is checked alone, so DESCRIPTION_MIN_CHARS=500 with DESCRIPTION_MAX_CHARS=100
  // is accepted and no description can ever pass the form: residents can never submit.
  it('stops when the shortest allowed description is longer than the longest', () => {
    expect(configError({ DESCRIPTION_MIN_CHARS: '500', DESCRIPTION_MAX_CHARS: '100' }).message).toMatch(
      /^Configuration error: DESCRIPTION_(MIN|MAX)_CHARS /,
    );
  });
});
