/**
 * kill -9 at random moments while 100 residents fill in the form at once, then restart: every
 * nomination stored exactly once, every form finished, nobody gets another person's messages.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/client.js';
import { ChatDriver, nominate, photoOf } from './support.js';
import { restartable, seededDatabase, startFake, tempDir } from './faults-support.js';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nam'];
/** 100 distinct nominees ("Nguyễn Hữu An" … "Đỗ Ngọc Nam"), none a prefix of another nor a name in the prompts' examples. */
const nomineeOf = (index: number) => `${FAMILY[Math.floor(index / 10)]} ${index % 2 ? 'Ngọc' : 'Hữu'} ${GIVEN[index % 10]}`;

describe('kill -9 while 100 residents fill in the form', () => {
  it('every nomination is stored once, every form is finished after restarts, and nobody gets another person\'s messages', async () => {
    const fake = await startFake('123456789:AAtest-token-for-faults_abcdefgh');
    const database = await seededDatabase();
    const bot = restartable(fake, { DATABASE_URL: database.url, DATA_DIR: await tempDir('ntvt-e2e-faults-') });
    await bot.start();

    const residents = Array.from({ length: 100 }, (_, index) => ({
      chat: new ChatDriver(fake, { id: 7_000 + index, first_name: `Cư dân ${index}`, language_code: 'vi' }, 60_000),
      nominee: nomineeOf(index),
      // Every fifth one with a photo: a kill may land during a download too.
      ...(index % 5 === 0 ? { photo: photoOf(`faults-${index}`) } : {}),
    }));
    const codes = Promise.all(
      residents.map(async (resident, index) => {
        await sleep(index * 15); // people do not all start in the same millisecond
        return nominate(resident.chat, { nominee: resident.nominee.toLowerCase(), nominator: 'ngô quang huy', phone: `0912 345 ${String(index).padStart(3, '0')}`, ...(resident.photo ? { photo: resident.photo } : {}) });
      }),
    );

    // Three kills at random moments while the forms are being filled in.
    let kills = 0;
    const killer = (async () => {
      for (; kills < 3; kills++) {
        await sleep(1_500 + Math.random() * 2_000);
        await bot.kill();
        await sleep(Math.random() * 500);
        await bot.start();
      }
    })();
    const received = await codes;
    await killer;
    expect(kills).toBe(3);

    expect(new Set(received).size).toBe(100);
    const check = openDatabase(database.url);
    try {
      const nominations = await check.db.nomination.findMany({ select: { code: true, nomineeName: true } });
      expect(nominations).toHaveLength(100);
      expect(new Set(nominations.map((nomination) => nomination.nomineeName)).size).toBe(100);
      expect(nominations.map((nomination) => nomination.code).sort()).toEqual([...received].sort());
      expect(await check.db.draft.count()).toBe(0);
      await expect.poll(() => check.db.inboundUpdate.count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await check.close();
    }
    // Each person's chat only ever named their own nominee.
    for (const resident of residents) {
      const others = residents.filter((other) => other !== resident).map((other) => other.nominee);
      for (const message of fake.sentMessages(resident.chat.user.id)) {
        const leaked = others.find((name) => message.text?.includes(name));
        expect(leaked, `chat ${resident.chat.user.id} was shown ${leaked}`).toBeUndefined();
      }
    }
    expect(await bot.process?.stop()).toBe(0);
  }, 240_000);
});
