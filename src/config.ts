/**
 * Configuration from the environment, validated once at start. A wrong or missing value stops
 * the program with one line naming the variable.
 */
import cron from 'node-cron';
import { z } from 'zod';
import { DEFAULT_DEED_CATEGORIES } from './core/nomination/vocabulary.js';
import { parseProportionRules } from './core/proposals/rules.js';
import { THEMATIC_TITLES, TITLES, YEARLY_TITLES } from './core/proposals/titles.js';

/** A comma-separated list of title ids (see src/core/proposals/titles.ts), or the default. */
const titleList = (fallback: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value ? [...new Set(value.split(',').map((item) => item.trim()).filter(Boolean))] : [...fallback]))
    .refine((list) => list.length > 0 && list.every((item) => (TITLES as readonly string[]).includes(item)), { message: `must be a comma-separated list of: ${TITLES.join(', ')}` });

/**
 * Lunar-calendar public holidays (Tết Nguyên đán, Giỗ Tổ Hùng Vương) as announced for 2026–2027;
 * verify each year's official schedule and set HOLIDAYS accordingly.
 */
export const DEFAULT_LUNAR_HOLIDAYS = [
  '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22',
  '2026-04-27',
  '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
  '2027-04-16',
];

const integer = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456789:AA… (the token @BotFather gives)')
    .optional(),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).optional(),
  /** polling (development, one process per token) or webhook (production, several instances behind a load balancer). */
  BOT_MODE: z.enum(['polling', 'webhook'], { error: 'must be polling or webhook' }).default('polling'),
  /** The public https URL Telegram posts updates to (its path is served locally), with BOT_MODE=webhook. */
  WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be the public https:// URL Telegram posts to, e.g. https://bot.phuong.gov.vn/telegram' }).optional(),
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16 to 256 letters, digits, "_" or "-" (e.g. from `openssl rand -hex 32`)').optional(),
  /** The local HTTP server (webhooks, /healthz, /metrics): always with a webhook, and in polling mode when HTTP_PORT is set. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  /** This instance's name in queue claims; a restart under the same name takes its claims back at once. */
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be 1 to 100 letters, digits, ".", ":", "_" or "-"').optional(),
  /** Chats handled at once by this process, and how long a claimed update is held without renewal. */
  QUEUE_CONCURRENCY: integer(16, 1, 500),
  QUEUE_LEASE_SECONDS: integer(30, 2, 600),
  /** Per-chat flood protection: a burst, then this many updates per second; beyond the backlog, refused. */
  FLOOD_BURST: integer(20, 1, 1000),
  FLOOD_PER_SECOND: z.coerce.number().positive().max(100).default(1),
  FLOOD_MAX_BACKLOG: integer(100, 1, 10_000),
  /** /healthz fails when the scheduler has not ticked for this long. */
  HEALTH_MAX_TICK_AGE_SECONDS: integer(300, 30, 86_400),
  /** An outgoing proxy for Telegram (where it is blocked): http://host:port or socks5://host:port. */
  TELEGRAM_PROXY: z.url({ protocol: /^(https?|socks[45]?h?)$/, error: 'must be a proxy URL such as http://10.0.0.1:3128 or socks5://127.0.0.1:1080' }).optional(),
  HTTPS_PROXY: z.url({ protocol: /^(https?|socks[45]?h?)$/, error: 'must be a proxy URL such as http://10.0.0.1:3128' }).optional(),
  ZALO_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{10,}$/, 'must look like 1234567890123456789:AbC… (the token the Zalo Bot Creator gives)')
    .optional(),
  ZALO_API_ROOT: z.url({ protocol: /^https?$/ }).optional(),
  /** polling (development: getUpdates) or webhook (production). */
  ZALO_MODE: z.enum(['polling', 'webhook'], { error: 'must be polling or webhook' }).default('polling'),
  ZALO_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  ZALO_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{8,256}$/, 'must be 8 to 256 letters, digits, "_" or "-"').optional(),
  /** The ward's phone, offered on Zalo when someone sends a document or a sticker the bot cannot read. */
  WARD_PHONE: z.string().regex(/^[0-9 +().-]{8,20}$/, 'must be a phone number such as 024 3838 1234').optional(),
  ADMIN_TELEGRAM_IDS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : []))
    .refine((list) => list.every((item) => /^\d{1,15}$/.test(item)), 'must be a comma-separated list of Telegram user ids (numbers)')
    .transform((list) => list.map(Number)),
  REMINDER_CRON: z.string().default('* * * * *').refine((value) => cron.validate(value), 'must be a cron expression such as "* * * * *"'),
  /** Public holidays skipped by working-day reminders, besides the fixed ones (1/1, 30/4, 1/5, 1/9, 2/9). */
  HOLIDAYS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : [...DEFAULT_LUNAR_HOLIDAYS]))
    .refine((list) => list.every((item) => /^\d{4}-\d{2}-\d{2}$/.test(item)), 'must be a comma-separated list of dates as yyyy-mm-dd'),
  /** Messages per second towards Telegram overall (Telegram allows about 30). */
  SEND_RATE_PER_SECOND: integer(28, 1, 30),
  OUTBOX_CRON: z.string().default('* * * * *').refine((value) => cron.validate(value), 'must be a cron expression such as "* * * * *"'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_PG_PORT: integer(54329, 1024, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DRAFT_TTL_DAYS: integer(30, 1, 365),
  RESUME_AFTER_MINUTES: integer(60, 1, 7 * 24 * 60),
  DRAFT_PURGE_CRON: z.string().default('17 3 * * *').refine((value) => cron.validate(value), 'must be a cron expression such as "17 3 * * *"'),
  DEED_CATEGORIES: z
    .string()
    .optional()
    .transform((value) => (value ? [...new Set(value.split(',').map((item) => item.trim()).filter(Boolean))] : [...DEFAULT_DEED_CATEGORIES]))
    .refine((list) => list.length > 0 && list.every((item) => (DEFAULT_DEED_CATEGORIES as readonly string[]).includes(item)), {
      message: `must be a comma-separated list of: ${DEFAULT_DEED_CATEGORIES.join(', ')}`,
    }),
  CONSENT_TEXT_VERSION: integer(1, 1, 1000),
  MAX_ATTACHMENTS: integer(10, 0, 50),
  MAX_FILE_MB: integer(20, 1, 20),
  DESCRIPTION_MIN_CHARS: integer(30, 1, 500),
  DESCRIPTION_MAX_CHARS: integer(2000, 100, 3000),
  MAX_DEED_AGE_YEARS: integer(5, 1, 50),
  /** Titles units may propose in yearly campaigns (thường xuyên, tổng kết) and in the others (chuyên đề, theo đợt, sơ kết). */
  PROPOSAL_TITLES_YEARLY: titleList(YEARLY_TITLES),
  PROPOSAL_TITLES_THEMATIC: titleList(THEMATIC_TITLES),
  /**
   * Proportion rules checked on a unit's list, e.g. "chien-si-thi-dua-co-so<=15%lao-dong-tien-tien".
   * Off by default: the share in force under Nghị định 152/2025/NĐ-CP could not be confirmed.
   */
  PROPORTION_RULES: z
    .string()
    .default('')
    .transform((value, context) => {
      const parsed = parseProportionRules(value);
      if (parsed.ok) return parsed.rules;
      context.addIssue({ code: 'custom', message: `cannot read "${parsed.item}": write title<=percent%base, e.g. chien-si-thi-dua-co-so<=15%lao-dong-tien-tien` });
      return z.NEVER;
    }),
  /** Whether a list without the meeting minutes (biên bản họp bình xét) gets a warning. */
  MINUTES_REQUIRED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((value) => value === 'true'),
  ACHIEVEMENT_MIN_CHARS: integer(20, 1, 500),
  ACHIEVEMENT_MAX_CHARS: integer(1500, 100, 3000),
}).superRefine((config, context) => {
  if (config.ZALO_MODE === 'webhook' && config.ZALO_BOT_TOKEN) {
    if (!config.ZALO_WEBHOOK_URL) context.addIssue({ code: 'custom', path: ['ZALO_WEBHOOK_URL'], message: 'is required with ZALO_MODE=webhook (the public https URL Zalo posts to)' });
    if (!config.ZALO_WEBHOOK_SECRET) context.addIssue({ code: 'custom', path: ['ZALO_WEBHOOK_SECRET'], message: 'is required with ZALO_MODE=webhook (8 to 256 characters)' });
  }
  if (config.BOT_MODE === 'webhook' && config.BOT_TOKEN) {
    if (!config.WEBHOOK_URL) context.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'is required with BOT_MODE=webhook (the public https URL Telegram posts to)' });
    if (!config.WEBHOOK_SECRET) context.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required with BOT_MODE=webhook (16 to 256 letters, digits, "_" or "-")' });
  }
  // One HTTP server serves both webhooks, /healthz and /metrics: their paths must differ.
  const telegramPath = config.WEBHOOK_URL ? new URL(config.WEBHOOK_URL).pathname : undefined;
  const zaloPath = config.ZALO_WEBHOOK_URL ? new URL(config.ZALO_WEBHOOK_URL).pathname : undefined;
  for (const [key, path] of [['WEBHOOK_URL', telegramPath], ['ZALO_WEBHOOK_URL', zaloPath]] as const) {
    if (path === '/healthz') context.addIssue({ code: 'custom', path: [key], message: 'must not end in /healthz (that path answers health checks)' });
    if (path === '/metrics') context.addIssue({ code: 'custom', path: [key], message: 'must not end in /metrics (that path answers monitoring)' });
  }
  if (telegramPath && telegramPath === zaloPath) context.addIssue({ code: 'custom', path: ['ZALO_WEBHOOK_URL'], message: `must have another path than WEBHOOK_URL (both are ${telegramPath}), e.g. /zalo and /telegram` });
  if (config.DESCRIPTION_MIN_CHARS > config.DESCRIPTION_MAX_CHARS) {
    context.addIssue({ code: 'custom', path: ['DESCRIPTION_MIN_CHARS'], message: `must not be larger than DESCRIPTION_MAX_CHARS (${config.DESCRIPTION_MAX_CHARS})` });
  }
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Reads and checks the configuration; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? 'configuration');
  throw new ConfigError(`Configuration error: ${name} ${issue.message.replace(/^Invalid input: /, '')}`);
}
