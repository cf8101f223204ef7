/**
 * The admin CLI's logic, callable in-process: `runAdmin(argv, io)` parses the command line, checks
 * the arguments before the database is needed, runs the command and returns the exit code
 * (0 done, 1 error, 2 wrong usage). Nothing here exits the process or reads process.env.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Db } from '../infra/db/client.js';
import { CAMPAIGN_COMMANDS } from './admin-campaigns.js';
import { GENERAL_COMMANDS } from './admin-commands.js';
import { HELP } from './admin-help.js';
import { oneLine, UsageError, type Command, type Values } from './admin-kit.js';

export interface AdminIo {
  /** The database, or a function opening it the first time a command needs it (so --help and wrong usage never start it). */
  db: Db | (() => Promise<Db>);
  /** One line of standard output (without its newline). */
  out: (line: string) => void;
  /** One line of standard error (without its newline). */
  err: (line: string) => void;
  /** The environment: configuration (BOT_TOKEN, TELEGRAM_API_ROOT, HOLIDAYS…) and BOT_USERNAME. */
  env: Record<string, string | undefined>;
  /** The clock (default: the real one). */
  now?: () => Date;
}

export const COMMANDS: Command[] = [...GENERAL_COMMANDS, ...CAMPAIGN_COMMANDS];

const lines = (text: string) => text.replace(/\n$/, '').split('\n');

export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    const usage = error instanceof UsageError;
    io.err(`${usage ? 'Usage error' : 'Error'}: ${oneLine(error)}${usage ? ' (see: npm run admin -- --help)' : ''}`);
    return usage ? 2 : 1;
  }
}

async function run(argv: string[], io: AdminIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    for (const line of lines(HELP)) io.out(line);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.words.every((word, index) => argv[index] === word));
  if (!command) {
    io.err(argv.length === 0 ? 'No command given.' : `Unknown command: ${argv.join(' ')}`);
    io.err('');
    for (const line of lines(HELP)) io.err(line);
    return 2;
  }
  const name = command.words.join(' ');
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv.slice(command.words.length), options: command.options ?? {}, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] });
  } catch (error) {
    throw new UsageError(`${name}: ${oneLine(error).replace(/\. To specify a positional argument.*$/, '')}`);
  }
  const expected = command.positionals ?? [];
  if (positionals.length !== expected.length) {
    throw new UsageError(`${name}: ${expected.length === 0 ? `unexpected argument "${positionals[0]}"` : `expected ${expected.map((item) => `<${item}>`).join(' ')}`}`);
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 2;
  }
  const print = (line = '') => io.out(line);
  const work = await command.prepare(values, positionals, { config, env: io.env, now: io.now ?? (() => new Date()), print });
  await work(typeof io.db === 'function' ? await io.db() : io.db);
  return 0;
}
