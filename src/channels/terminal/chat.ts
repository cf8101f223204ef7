/**
 * `npm run chat`: the same nomination flow in the terminal, through the same core and database,
 * for trying the bot without a Telegram token. Choices are numbered; `/tep <path>` attaches a file.
 */
import { errorFields } from '../../app/logger.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Incoming } from '../../app/conversation.js';
import type { IncomingFile } from '../../core/form/types.js';
import { localeFor, type Locale } from '../../i18n/index.js';
import { configOrExit, startRuntime } from '../../runtime.js';
import { parseTextCommand, parseWordCommand } from '../text-commands.js';
import { readTyped, renderNumbered, TERMINAL_CAPABILITIES, type NumberedChoice } from '../text/render.js';

const TERMINAL = 'terminal';
const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.pdf': 'application/pdf', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.doc': 'application/msword' };

const config = configOrExit();
const runtime = await startRuntime(config, { logLevel: process.env.LOG_LEVEL ?? 'warn' });
const { app } = runtime;
app.evidence.register(TERMINAL, async (file) => createReadStream(file.fileId));

let person = await app.users.identify(TERMINAL, os.userInfo().username, 'local', localeFor(process.env.LANG));
let lastChoices: NumberedChoice[] = [];

async function toIncoming(line: string): Promise<Incoming | string> {
  const attach = /^\/(tep|file)\s+(.+)$/i.exec(line.trim());
  if (attach) {
    const filePath = path.resolve(attach[2]!.trim().replace(/^["']|["']$/g, ''));
    const info = await stat(filePath).catch(() => undefined);
    if (!info?.isFile()) return app.translator.tr(person.locale, 'terminal-file-missing');
    const extension = path.extname(filePath).toLowerCase();
    const isPhoto = extension === '.jpg' || extension === '.jpeg' || extension === '.png';
    const file: IncomingFile = { kind: isPhoto ? 'photo' : 'document', channel: TERMINAL, fileId: filePath, fileUniqueId: `${filePath}:${info.size}:${info.mtimeMs}`, fileName: path.basename(filePath), sizeBytes: info.size };
    const mimeType = MIME[extension];
    if (mimeType) file.mimeType = mimeType;
    return { kind: 'file', file };
  }
  const command = parseTextCommand(line);
  if (command) return command;
  const typed = readTyped(line, lastChoices);
  if (typed.kind === 'choice') return { kind: 'choice', step: typed.step, value: typed.value };
  if (typed.kind === 'out-of-range') return app.translator.tr(person.locale, 'numbered-out-of-range', { last: typed.last });
  if (typed.kind === 'ambiguous') return app.translator.tr(person.locale, 'numbered-ambiguous', { numbers: typed.numbers.join(', ') });
  return parseWordCommand(line) ?? { kind: 'text', text: line };
}

function show(messages: Awaited<ReturnType<typeof app.conversation.respond>>['messages'], locale: Locale) {
  // One numbering across the reply, as on Zalo.
  lastChoices = [];
  for (const message of messages) {
    const rendered = renderNumbered(message, locale, app.translator, { maxLength: TERMINAL_CAPABILITIES.maxTextLength, labelsOf: (label) => app.translator.labels(label), firstNumber: lastChoices.length + 1 });
    lastChoices.push(...rendered.choices);
    console.log(`\n${rendered.texts.join('\n\n')}`);
  }
}

const terminal = createInterface({ input: process.stdin, output: process.stdout, prompt: '\n> ' });
// The iterator is taken at once: lines piped in while the first reply is prepared are queued, not lost.
const lines = terminal[Symbol.asyncIterator]();
console.log(app.translator.tr(person.locale, 'terminal-intro'));
show((await app.conversation.respond(person, { kind: 'start' }, new Date())).messages, person.locale);
terminal.prompt();

// Lines are queued by the async iterator, so pasted or piped input is answered line by line.
for await (const line of { [Symbol.asyncIterator]: () => lines }) {
  if (/^\/(thoat|exit|quit)$/i.test(line.trim())) break;
  if (line.trim()) await answer(line);
  terminal.prompt();
}
terminal.close();
await runtime.close();

async function answer(line: string) {
  const incoming = await toIncoming(line);
  if (typeof incoming === 'string') {
    console.log(incoming);
    return;
  }
  try {
    const reply = await app.conversation.respond(person, incoming, new Date());
    person = { ...person, locale: reply.locale };
    show(reply.messages, reply.locale);
  } catch (error) {
    runtime.log.error({ event: 'terminal.failed', ...errorFields(error) });
    console.log(app.translator.tr(person.locale, 'error-generic'));
  }
}
