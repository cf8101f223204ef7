/**
 * Prisma's WebAssembly schema engine, driven through the pg driver adapter.
 *
 * The Prisma 7 CLI downloads a native schema-engine binary on every migrate command, from a host
 * that production and CI machines may not reach. The same engine is published on npm as
 * WebAssembly (@prisma/schema-engine-wasm, pinned to the build that matches the installed
 * prisma), so we load it ourselves. It keeps the standard `_prisma_migrations` table, so
 * `prisma migrate deploy` stays interchangeable wherever the binary is available.
 * See docs/decisions/002-migrations-without-native-engine.md.
 */
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';

const require = createRequire(import.meta.url);

let lastPanicMessage: string | undefined;

let loaded: Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> | undefined;

/** Node's WebAssembly global (its types live in lib.dom, which this project does not load). */
function wasmRuntime() {
  return (
    globalThis as unknown as {
      WebAssembly: {
        instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
      };
    }
  ).WebAssembly;
}

/** Instantiates the wasm module once per process (the package targets bundlers, so we wire it by hand). */
async function loadBindings() {
  loaded ??= (async () => {
    // The engine reports a Rust panic's message here before throwing.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => {
        lastPanicMessage = message;
      },
    };
    const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    // The wasm file is not in the package's exports map: resolve the package folder instead.
    const packageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(path.join(packageDir, 'schema_engine_bg.wasm'));
    const { instance } = await wasmRuntime().instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loaded;
}

/**
 * Runs `work` with a schema engine on the database at `connectionString`, then frees the engine
 * and closes its connections (the engine does not close the pool it was given). Commands that
 * need a shadow database or introspection are not supported here; see the decision record.
 */
export async function withSchemaEngine<T>(
  connectionString: string,
  datamodel: { path: string; content: string } | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const bindings = await loadBindings();
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', () => {}); // an idle client dropped by the server must not crash the process
  try {
    const adapter = new PrismaPg(pool);
    const factory = bindMigrationAwareSqlAdapterFactory({
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      connect: () => adapter.connect(),
      connectToShadowDb: () => Promise.reject(new Error('shadow databases are not used by this project')),
    });
    const engine = await bindings.SchemaEngine.new(
      { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
      () => {},
      factory,
    );
    try {
      return await work(engine);
    } catch (error) {
      // A Rust panic surfaces as "unreachable"; its message was handed to the registry above.
      if (lastPanicMessage) {
        const message = lastPanicMessage;
        lastPanicMessage = undefined;
        throw new Error(`schema engine panicked: ${message}`, { cause: error });
      }
      throw error;
    } finally {
      engine.free();
    }
  } finally {
    await pool.end();
  }
}

/** Reads prisma/migrations the way the Prisma CLI hands it to the engine. */
export async function readMigrationList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const entries = (await readdir(baseDir, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    entries.map(async (name) => {
      const content = await readFile(path.join(baseDir, name, 'migration.sql'), 'utf8').then(
        (text) => ({ tag: 'ok' as const, value: text }),
        (error: Error) => ({ tag: 'error' as const, value: error.message }),
      );
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockContent = await readFile(path.join(baseDir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}
