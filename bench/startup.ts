/**
 * `npm run bench:startup`: how long `node --import tsx src/main.ts` takes from spawn to ready, and
 * how much memory it holds once idle, with an external PostgreSQL (a throw-away embedded server
 * started here, given as DATABASE_URL, its migrations already applied: the bot connects and finds
 * nothing to apply) and a fake Telegram (test/support/fake-bot-api.ts).
 *
 * Ready is the `bot.started` log line (database connected, migrations checked, Telegram's getMe,
 * commands and deleteWebhook done, the inbound worker started); the first getUpdates the fake sees
 * is reported too, and so are the bot's first PostgreSQL connection (bench/startup-probe.mjs, which
 * marks the end of module loading) and `db.migrated`, to show where the time goes. RSS is read
 * from /proc/<pid>/status (VmRSS, and the peak VmHWM) after the bot has idled for --idle seconds
 * (default 5). Each variant runs --runs times (default 5), the variants
 * taking turns; min/median/max are printed, and the machine's load average (other work on it skews
 * every figure).
 *
 * Variants (--variants, default all):
 *   tsx           `node --import tsx src/main.ts`, tsx's transpile cache warm (as after a first start)
 *   tsx-no-cache  the same with TSX_DISABLE_CACHE=1: every file transpiled at start
 *   js            `node dist/main.js` after `npm run build` (tsc into dist/): how production
 *                 starts (`npm run start:prod`), without tsx
 * tsx's cost is the difference between `tsx` and `js`. Targets: ready ≤ 1.5 s, idle RSS ≤ 150 MB.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FakeBotApi } from '../test/support/fake-bot-api.js';
import { benchDatabase } from './support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    idle: { type: 'string', default: '5' },
    variants: { type: 'string', default: 'tsx,tsx-no-cache,js' },
  },
});
const RUNS = Number(values.runs);
const IDLE_MS = Number(values.idle) * 1000;
type Variant = 'tsx' | 'tsx-no-cache' | 'js';
const VARIANTS = values.variants.split(',') as Variant[];

interface Sample {
  /** ms from spawn to each milestone */
  connect?: number;
  migrated?: number;
  telegram?: number;
  ready: number;
  getUpdates?: number;
  rssMb: number;
  peakMb: number;
  stopMs: number;
}

/** `npm run build`: the production build in dist/ (what `npm run start:prod` runs). */
async function compileSources(): Promise<number> {
  const started = performance.now();
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  return performance.now() - started;
}

function vm(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

async function startOnce(variant: Variant, databaseUrl: string, dataDir: string): Promise<Sample> {
  const fake = await FakeBotApi.start();
  const cwd = ROOT;
  const probe = ['--import', pathToFileURL(path.join(ROOT, 'bench', 'startup-probe.mjs')).href];
  const args = variant === 'js' ? [...probe, 'dist/main.js'] : [...probe, '--import', 'tsx', 'src/main.ts'];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...(variant === 'tsx-no-cache' ? { TSX_DISABLE_CACHE: '1' } : {}),
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  let output = '';
  const seen = new Map<string, number>();
  let onReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  /** Reads JSON lines (the bot's log on stdout, the probe's line on stderr) and notes when each event first arrived. */
  const reader = () => {
    let buffer = '';
    return (chunk: Buffer) => {
      const at = performance.now() - t0;
      output += chunk.toString();
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const parsed = JSON.parse(line) as { event?: string; probe?: string };
          const event = parsed.event ?? parsed.probe;
          if (event && !seen.has(event)) seen.set(event, at);
          if (event === 'bot.started') onReady?.();
        } catch {
          // not a JSON line
        }
      }
    };
  };
  child.stdout!.on('data', reader());
  child.stderr!.on('data', reader());
  // The fake's first getUpdates, to the millisecond.
  let getUpdates: number | undefined;
  const watch = setInterval(() => {
    if (getUpdates === undefined && fake.stats.getUpdates > 0) getUpdates = performance.now() - t0;
  }, 1);
  try {
    await Promise.race([
      ready,
      exited.then(([code]) => {
        throw new Error(`bot exited with ${String(code)} before bot.started:\n${output}`);
      }),
      sleep(30_000).then(() => {
        throw new Error(`no bot.started within 30 s:\n${output}`);
      }),
    ]);
    const readyAt = seen.get('bot.started')!;
    const until = performance.now() + 2_000;
    while (getUpdates === undefined && performance.now() < until) await sleep(1);
    await sleep(IDLE_MS);
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    const stopStarted = performance.now();
    child.kill('SIGTERM');
    await exited;
    return {
      connect: seen.get('pg.connect'),
      migrated: seen.get('db.migrated'),
      telegram: seen.get('telegram.started'),
      ready: readyAt,
      getUpdates,
      rssMb: vm(status, 'VmRSS'),
      peakMb: vm(status, 'VmHWM'),
      stopMs: performance.now() - stopStarted,
    };
  } finally {
    clearInterval(watch);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await fake.stop();
  }
}

/** ms from spawn to exit of `node <args>` (run in the repo, so `--import tsx` resolves). */
async function timeExit(args: string[]): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  await once(child, 'exit');
  return performance.now() - t0;
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const spread = (list: (number | undefined)[], digits = 0) => {
  const known = list.filter((value): value is number => value !== undefined && Number.isFinite(value));
  if (!known.length) return '—';
  const f = (value: number) => value.toFixed(digits);
  return `${f(Math.min(...known))} / ${f(median(known))} / ${f(Math.max(...known))}`;
};

const cpus = os.cpus();
console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}; load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);

const database = await benchDatabase(54393);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-bench-startup-'));
try {
  console.log('database: external to the bot (an embedded PostgreSQL started by the bench, passed as DATABASE_URL; migrations already applied)');
  if (VARIANTS.includes('js')) console.log(`js variant: npm run build (tsc into dist/) in ${((await compileSources()) / 1000).toFixed(1)} s (not counted)`);
  // One start not counted: tsx's cache filled, files in the page cache.
  if (VARIANTS.some((variant) => variant !== 'js')) await startOnce('tsx', database.url, dataDir);
  if (VARIANTS.includes('js')) await startOnce('js', database.url, dataDir);

  const table: Record<string, string>[] = [];
  const medians = new Map<Variant, { ready: number; rss: number; minReady: number; minRss: number }>();
  const phases: Record<string, string | number>[] = [];
  // Variants take turns (tsx, tsx-no-cache, js, tsx, …) so that other load on the machine falls on all alike.
  const samplesOf = new Map<Variant, Sample[]>(VARIANTS.map((variant) => [variant, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const variant of VARIANTS) {
      const sample = await startOnce(variant, database.url, dataDir);
      samplesOf.get(variant)!.push(sample);
      process.stderr.write(`  ${variant} #${run + 1}: ready ${sample.ready.toFixed(0)} ms, RSS ${sample.rssMb.toFixed(0)} MB, load average ${os.loadavg()[0]!.toFixed(1)}\n`);
    }
  }
  for (const variant of VARIANTS) {
    const samples = samplesOf.get(variant)!;
    medians.set(variant, {
      ready: median(samples.map((sample) => sample.ready)),
      rss: median(samples.map((sample) => sample.rssMb)),
      minReady: Math.min(...samples.map((sample) => sample.ready)),
      minRss: Math.min(...samples.map((sample) => sample.rssMb)),
    });
    const known = samples.filter((sample) => sample.connect !== undefined && sample.migrated !== undefined);
    if (known.length) {
      phases.push({
        variant,
        'node + modules (spawn → 1st DB connect)': Math.round(median(known.map((sample) => sample.connect!))),
        'DB connect + migrations checked': Math.round(median(known.map((sample) => sample.migrated! - sample.connect!))),
        'Telegram init, worker, → bot.started': Math.round(median(known.map((sample) => sample.ready - sample.migrated!))),
      });
    }
    table.push({
      variant,
      runs: String(samples.length),
      'modules loaded (1st DB connect) ms': spread(samples.map((sample) => sample.connect)),
      'db.migrated ms': spread(samples.map((sample) => sample.migrated)),
      'ready (bot.started) ms': spread(samples.map((sample) => sample.ready)),
      'first getUpdates ms': spread(samples.map((sample) => sample.getUpdates)),
      [`RSS after ${IDLE_MS / 1000} s idle, MB`]: spread(samples.map((sample) => sample.rssMb)),
      'peak RSS MB': spread(samples.map((sample) => sample.peakMb)),
      'SIGTERM → exit ms': spread(samples.map((sample) => sample.stopMs)),
    });
  }
  console.log('\nbench:startup — min / median / max, times from spawn');
  console.table(table);
  console.log('where the time goes (medians, ms):');
  console.table(phases);
  const reference: Record<string, string>[] = [];
  for (const [label, args] of [
    ['node -e 0', ['-e', '0']],
    ['node --import tsx -e 0', ['--import', 'tsx', '-e', '0']],
  ] as const) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await timeExit([...args]));
    reference.push({ command: label, 'spawn → exit ms (min / median / max)': spread(times) });
  }
  console.log('for reference, an empty program:');
  console.table(reference);
  const tsx = medians.get('tsx');
  const js = medians.get('js');
  const noCache = medians.get('tsx-no-cache');
  if (tsx && js) {
    console.log(`tsx's share, medians: ${(tsx.ready - js.ready).toFixed(0)} ms of ${tsx.ready.toFixed(0)} ms to ready, ${(tsx.rss - js.rss).toFixed(0)} MB of ${tsx.rss.toFixed(0)} MB RSS`);
    console.log(`tsx's share, best runs: ${(tsx.minReady - js.minReady).toFixed(0)} ms of ${tsx.minReady.toFixed(0)} ms to ready, ${(tsx.minRss - js.minRss).toFixed(0)} MB of ${tsx.minRss.toFixed(0)} MB RSS`);
  }
  if (tsx && noCache) console.log(`transpiling every file (tsx cache cold or disabled) adds ${(noCache.ready - tsx.ready).toFixed(0)} ms (medians), ${(noCache.minReady - tsx.minReady).toFixed(0)} ms (best runs)`);
  // The targets concern production, which starts the build (`npm run start:prod`); tsx is for development.
  for (const [label, figures] of [['production build, `node dist/main.js`', js], ['development, tsx', tsx]] as const) {
    if (!figures) continue;
    console.log(`target: ready ≤ 1500 ms (${label}, median) → ${figures.ready <= 1500 ? 'met' : 'NOT met'} (${figures.ready.toFixed(0)} ms)`);
    console.log(`target: idle RSS ≤ 150 MB (${label}, median) → ${figures.rss <= 150 ? 'met' : 'NOT met'} (${figures.rss.toFixed(0)} MB)`);
  }
  console.log(`load average after: ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
} finally {
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
