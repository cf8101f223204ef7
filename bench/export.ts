/**
 * `npm run bench:export`: 100,000 nominations seeded in PostgreSQL, exported to XLSX and to CSV by
 * the real exporter, next to a bare exceljs / csv-stringify write of the same rows in the same run.
 * Each run is a separate process, so its peak RSS is its own. Options: --rows N (default 100000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SEED_UNITS, upsertUnits } from '../src/infra/seed/units.js';
import { openDatabase } from '../src/infra/db/client.js';
import { benchDatabase } from './support.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const ROWS = Number(values.rows);
const here = path.dirname(fileURLToPath(import.meta.url));

const database = await benchDatabase(54393);
const outDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-bench-export-'));
try {
  const connection = openDatabase(database.url);
  await upsertUnits(connection.db, SEED_UNITS);
  await connection.close();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const seeded = Date.now();
  // Realistic rows: Vietnamese names, units across the seed, every status, long descriptions.
  await client.query(`
    INSERT INTO users (channel, external_id, chat_id, updated_at) VALUES ('telegram', 'bench', 'bench', now());
    INSERT INTO nominations (code, draft_id, user_id, unit_id, status, nominee_kind, nominee_name, nominee_name_key, nominee_birth_year, nominee_role,
      deed_category, deed_date, deed_place, description, nominator_name, nominator_phone, nominator_relation, pledged_at, locale, form_version, submitted_at, updated_at)
    SELECT 'NTV-2026-' || lpad(g::text, 6, '0'), gen_random_uuid(), (SELECT id FROM users LIMIT 1),
      (SELECT id FROM units ORDER BY id OFFSET (g % (SELECT count(*) FROM units)) LIMIT 1),
      (ARRAY['received','verifying','needs-info','proposed','decided','awarded','rejected'])[1 + g % 7],
      (ARRAY['individual','individual','individual','collective','household'])[1 + g % 5],
      (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Đỗ','Vũ','Đặng'])[1 + g % 8] || ' ' || (ARRAY['Văn','Thị','Minh','Thu','Đức'])[1 + g % 5] || ' ' || (ARRAY['An','Bình','Cúc','Dũng','Giang','Hòa','Lan','Ánh','Ước','Đạt'])[1 + g % 10],
      '', 1950 + g % 60, 'Giáo viên',
      (ARRAY['lost-property','rescue','charity','environment','other'])[1 + g % 5], DATE '2026-01-01' + (g % 300), NULL,
      'Nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tùy thân tại cổng chợ, đã mang đến Công an phường để trả lại người mất. Hồ sơ số ' || g,
      'Trần Thị Hoa', '+84912345678', 'neighbour', now(), 'vi', 1, now() - (g || ' minutes')::interval, now()
    FROM generate_series(1, ${ROWS}) AS g`);
  await client.end();
  console.log(`\nbench:export — ${ROWS} nominations seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s; Node ${process.version}`);

  const results: { phase: string; seconds: number; maxRssMb: number; rows: number; fileMb: number }[] = [];
  for (const phase of ['app-xlsx', 'bare-xlsx', 'app-csv', 'bare-csv']) {
    const out = path.join(outDir, `${phase}.${phase.endsWith('csv') ? 'csv' : 'xlsx'}`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'export-phase.ts'), phase, database.url, out], { encoding: 'utf8', env: process.env });
    if (child.status !== 0) throw new Error(`${phase} failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { seconds: number; maxRssMb: number; rows: number };
    results.push({ phase, ...result, fileMb: Number(((await stat(out)).size / 1048576).toFixed(1)) });
  }
  console.table(results);
  const by = (phase: string) => results.find((result) => result.phase === phase)!;
  const ratio = (a: string, b: string) => (by(a).seconds / by(b).seconds).toFixed(2);
  console.log(`XLSX: ${by('app-xlsx').seconds} s (target ≤ 5 s), ${ratio('app-xlsx', 'bare-xlsx')}× the bare writer (target ≤ 1.5×), peak RSS ${by('app-xlsx').maxRssMb} MB (target ≤ 250 MB)`);
  console.log(`CSV:  ${by('app-csv').seconds} s (target ≤ 2 s), ${ratio('app-csv', 'bare-csv')}× the bare writer (target ≤ 1.5×), peak RSS ${by('app-csv').maxRssMb} MB (target ≤ 250 MB)`);
} finally {
  await rm(outDir, { recursive: true, force: true });
  await database.stop();
}
