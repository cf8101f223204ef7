/**
 * Linking a head's Zalo account to their Telegram one with a typed code: the roles are held on both,
 * so the reminders reach both; codes are single use, expire, and do not work on the same channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTextCommand, parseWordCommand } from '../../src/channels/text-commands.js';
import { createTestApp } from '../support/db.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const render = (reply: { messages: { parts: unknown[] }[] }) => reply.messages.map((message) => message.parts.map((part) => t.app.translator.render('vi', part as never)).join('\n\n')).join('\n---\n');
const NOW = new Date('2031-12-10T02:00:00Z');

describe('/lienket', () => {
  it('the command reads the same typed on Telegram or as a word on Zalo', () => {
    expect(parseTextCommand('/lienket')).toEqual({ kind: 'menu', action: 'link' });
    expect(parseTextCommand('/lienket ABCD-2345')).toEqual({ kind: 'link', code: 'ABCD-2345' });
    expect(parseWordCommand('liên kết')).toEqual({ kind: 'menu', action: 'link' });
    expect(parseWordCommand('Liên kết abcd-2345')).toEqual({ kind: 'link', code: 'ABCD2345' });
    expect(parseWordCommand('lienket ABCD 2345')).toEqual({ kind: 'link', code: 'ABCD2345' });
  });

  it('a head on Telegram gets a code; typed on Zalo, the Zalo account holds the role and is reminded too', async () => {
    const ward = await t.db.unit.findUniqueOrThrow({ where: { code: 'HN-DAI-MO' } });
    const onTelegram = await t.app.users.identify('telegram', '880001', '880001', 'vi');
    await t.app.roles.grant(onTelegram.id, 'head', ward.id, NOW);
    const head = { ...onTelegram, roles: await t.app.roles.rolesOf(onTelegram.id) };
    const offered = render(await t.app.conversation.respond(head, { kind: 'menu', action: 'link' }, NOW));
    const code = /Mã liên kết của Quý vị: ([A-Z0-9]{4}-[A-Z0-9]{4}) \(dùng một lần, hiệu lực 15 phút\)/.exec(offered)?.[1];
    expect(code, offered).toBeDefined();
    expect(offered).toContain(`xin gõ: /lienket ${code}`);

    // Typed on the same channel, the code is refused (and stays usable).
    expect(render(await t.app.conversation.respond(head, { kind: 'link', code: code! }, NOW))).toContain('được tạo trên chính kênh này');

    const onZalo = await t.app.users.identify('zalo', 'zl-880001', 'zl-880001', 'vi');
    const linked = render(await t.app.conversation.respond(onZalo, parseWordCommand(`lien ket ${code!.toLowerCase()}`)!, NOW));
    expect(linked).toContain('Đã liên kết với tài khoản Telegram của Quý vị');
    expect(await t.app.roles.rolesOf(onZalo.id)).toMatchObject([{ role: 'head', unitId: ward.id }]);
    const recipients = await t.app.roles.recipients(['head', 'officer'], [ward.id]);
    expect(recipients.map((recipient) => recipient.channel).sort()).toEqual(['telegram', 'zalo']);

    const again = await t.app.users.identify('zalo', 'zl-880002', 'zl-880002', 'vi');
    expect(render(await t.app.conversation.respond(again, { kind: 'link', code: code! }, NOW))).toContain('đã được dùng');

    // A second code cannot hand the same role to a third account; revoking the original revokes the copy.
    const second = render(await t.app.conversation.respond(head, { kind: 'menu', action: 'link' }, NOW));
    const other = await t.app.users.identify('zalo', 'zl-880003', 'zl-880003', 'vi');
    expect(render(await t.app.conversation.respond(other, { kind: 'link', code: /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(second)![1]! }, NOW))).toContain('Không có vai trò nào để liên kết thêm');
    expect(await t.app.roles.rolesOf(other.id)).toEqual([]);
    const [original] = await t.app.roles.list({ userId: onTelegram.id });
    expect(await t.app.roles.revoke(original!.id, NOW)).toBe(true);
    expect(await t.app.roles.rolesOf(onZalo.id)).toEqual([]);
  });

  it('a resident gets no code; an expired or wrong code is refused; guessing is slowed down', async () => {
    const resident = await t.app.users.identify('telegram', '880010', '880010', 'vi');
    expect(render(await t.app.conversation.respond(resident, { kind: 'menu', action: 'link' }, NOW))).toContain('dành cho cán bộ đã được giao vai trò');

    const council = await t.app.users.identify('telegram', '880011', '880011', 'vi');
    await t.app.roles.grant(council.id, 'council', null, NOW);
    const offered = render(await t.app.conversation.respond({ ...council, roles: await t.app.roles.rolesOf(council.id) }, { kind: 'menu', action: 'link' }, NOW));
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(offered)![1]!;
    const later = new Date(NOW.getTime() + 16 * 60_000);
    const zalo = await t.app.users.identify('zalo', 'zl-880011', 'zl-880011', 'vi');
    expect(render(await t.app.conversation.respond(zalo, { kind: 'link', code }, later))).toContain('đã hết hạn');

    const guesser = await t.app.users.identify('zalo', 'zl-880012', 'zl-880012', 'vi');
    for (let attempt = 0; attempt < 5; attempt += 1) expect(render(await t.app.conversation.respond(guesser, { kind: 'link', code: `ZZZZ-ZZZ${attempt + 2}` }, NOW))).toContain('không đúng');
    expect(render(await t.app.conversation.respond(guesser, { kind: 'link', code }, NOW))).toContain('sau một giờ');
    expect(await t.app.roles.rolesOf(guesser.id)).toEqual([]);
  });
});
