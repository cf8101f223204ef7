/**
 * `npm run export` as an operator runs it: the real entry (`node --import tsx src/cli/export.ts …`)
 * as a child process on a test database, three times (each start is slow): the help, a real export,
 * and a selection that matches nothing (exit code 1 and no file).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/client.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUN_TIMEOUT = 90_000;

let database: TestDatabase;
let folder: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real entry with the test database and nothing else from this process's environment. */
function exportProcess(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: database.url, DATA_DIR: path.join(folder, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  folder = await mkdtemp(path.join(os.tmpdir(), 'export-cli-'));
  const connection = openDatabase(database.url, { max: 2 });
  try {
    const { db } = connection;
    await upsertUnits(db, SEED_UNITS);
    const unit = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).id;
    const nomination = async (code: string, unitId: number, nomineeName: string, submittedAt: string) =>
      db.nomination.create({
        data: {
          code,
          draftId: randomUUID(),
          unitId,
          status: 'received',
          nomineeKind: 'individual',
          nomineeName,
          deedCategory: 'rescue',
          deedDate: new Date('2026-11-15'),
          description: 'Lao xuống hồ cứu một cháu bé bị đuối nước, rồi lặng lẽ rời đi.',
          nominatorName: 'Trần Thị Hoa',
          nominatorPhone: '+84912345678',
          pledgedAt: new Date(submittedAt),
          locale: 'vi',
          formVersion: 1,
          submittedAt: new Date(submittedAt),
        },
      });
    // A residential group below Phường Từ Liêm, and another ward.
    await nomination('NTV-2026-00001', await unit('HN-TU-LIEM-TDP-01'), 'Nguyễn Văn Ánh', '2026-11-25T18:30:00Z');
    await nomination('NTV-2026-00002', await unit('HN-DAI-MO'), 'Phạm Văn Đạt', '2026-11-25T03:00:00Z');
  } finally {
    await connection.close();
  }
});

afterAll(async () => {
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('--help explains the options and exits 0', { timeout: RUN_TIMEOUT }, async () => {
    const run = await exportProcess(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(run.stdout).toContain('Usage: npm run export --');
    for (const option of ['--campaign', '--from', '--unit', '--status', '--format', '--out']) expect(run.stdout).toContain(option);
    expect(run.stderr).toBe('');
  });

  it('exports a ward and the units below it, for a range of Vietnam dates, to a readable XLSX', { timeout: RUN_TIMEOUT }, async () => {
    const out = path.join(folder, 'danh-sach.xlsx');
    const run = await exportProcess(['--unit', 'HN-TU-LIEM', '--from', '26/11/2026', '--to', '26/11/2026', '--format', 'xlsx', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Wrote 1 nomination\\(s\\) to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+\\.\\d s\\.$`, 'm'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets).toHaveLength(2);
    const [summary, sheet] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(summary.name).toBe('Tổng hợp');
    expect(sheet.getCell('A1').value).toBe('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(sheet.getCell('A2').value).toBe('Đề xuất tiếp nhận từ 26/11/2026 đến 26/11/2026');
    expect(sheet.getCell('A3').value).toBe('Tổ dân phố số 1 – Phường Từ Liêm');
    expect(sheet.getCell('D6').value).toBe('Họ và tên / Tên tập thể');
    expect([sheet.getCell('B7').value, sheet.getCell('D7').value, sheet.getCell('L7').value]).toEqual(['NTV-2026-00001', 'Nguyễn Văn Ánh', 'Trần Thị Hoa (0912 345 678)']);
    expect(sheet.getCell('M7').value).toEqual(new Date('2026-11-26T00:00:00Z'));
    expect(sheet.rowCount).toBe(7);
  });

  it('writes no file and exits 1 when nothing matches', { timeout: RUN_TIMEOUT }, async () => {
    const out = path.join(folder, 'empty.xlsx');
    const run = await exportProcess(['--status', 'forwarded', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no nomination matches; no file was written');
    expect(run.stdout).toBe('');
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(folder)).filter((name) => name.startsWith('empty'))).toEqual([]);
  });
});
