/**
 * `npm run db:migrate`: applies pending migrations to the configured database (the bot also does
 * this at start). Works without Prisma's native engine.
 */
import { openConfiguredDatabase } from '../infra/db/bootstrap.js';
import { createLogger } from '../infra/logger.js';
import { configOrExit } from '../runtime.js';

const config = configOrExit();
const database = await openConfiguredDatabase(config, createLogger('info'));
await database.stop();
