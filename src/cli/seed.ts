/**
 * `npm run seed`: loads the real units (Hanoi wards replacing Nam Từ Liêm, with residential groups)
 * into the configured database. Idempotent: running it again changes nothing.
 */
import { openDatabase } from '../infra/db/client.js';
import { openConfiguredDatabase } from '../infra/db/bootstrap.js';
import { createLogger } from '../infra/logger.js';
import { SEED_UNITS, upsertUnits } from '../infra/seed/units.js';
import { configOrExit } from '../runtime.js';

const config = configOrExit();
const log = createLogger('warn');
const database = await openConfiguredDatabase(config, log);
const { db, close } = openDatabase(database.url);
try {
  const created = await upsertUnits(db, SEED_UNITS);
  console.log(`Units: ${SEED_UNITS.length} in the seed, ${created} created, ${SEED_UNITS.length - created} already present.`);
} finally {
  await close();
  await database.stop();
}
