/**
 * Invitation codes: random, shown once, stored only as their SHA-256. A code travels as the
 * payload of a Telegram deep link (t.me/<bot>?start=<code>), which allows at most 64 characters
 * of A–Z, a–z, 0–9, _ and -.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 24 random bytes (192 bits) → 32 base64url characters. */
const CODE_BYTES = 24;

export function newInvitationCode(): string {
  return randomBytes(CODE_BYTES).toString('base64url');
}

/** The form stored and looked up: the SHA-256 of the code, in hex. */
export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** A Telegram bot username as @BotFather allows it (the leading @ is dropped). */
export function normalizeBotUsername(value: string): string {
  const username = value.trim().replace(/^@/, '');
  if (!/^[A-Za-z][A-Za-z0-9_]{2,31}$/.test(username)) throw new Error(`"${value}" is not a Telegram bot username (letters, digits and _, e.g. my_ward_bot)`);
  return username;
}

export function deepLink(botUsername: string, code: string): string {
  return `https://t.me/${normalizeBotUsername(botUsername)}?start=${encodeURIComponent(code)}`;
}

const UNIT_MS = { d: 24 * 60 * 60 * 1000, h: 60 * 60 * 1000, m: 60 * 1000 } as const;

/** "7d", "12h", "30m" → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d{1,6})\s*([dhm])\s*$/i.exec(text);
  const amount = match ? Number(match[1]) : 0;
  if (!match || amount <= 0) throw new Error(`invalid duration "${text}": use a positive number followed by d, h or m (e.g. 7d, 12h, 30m)`);
  return amount * UNIT_MS[match[2]!.toLowerCase() as keyof typeof UNIT_MS];
}

/** The bot's username from the Bot API's getMe (the token is never part of an error message). */
export async function botUsernameFromTelegram(token: string, apiRoot = 'https://api.telegram.org'): Promise<string> {
  const url = `${apiRoot.replace(/\/+$/, '')}/bot${token}/getMe`;
  let body: { ok?: boolean; description?: string; result?: { username?: string } };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    body = (await response.json()) as typeof body;
    if (!response.ok || !body.ok) throw new Error(body.description ?? `HTTP ${response.status}`);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split(token).join('<token>');
    throw new Error(`could not ask Telegram for the bot's username (getMe: ${reason}); pass --bot <username>`);
  }
  if (!body.result?.username) throw new Error("Telegram's getMe returned no username; pass --bot <username>");
  return body.result.username;
}
