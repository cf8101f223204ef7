// Preloaded by bench/startup.ts (`node --import ./bench/startup-probe.mjs …`): writes one line to
// stderr when the bot opens its first PostgreSQL connection. main.ts's static imports have all been
// loaded by then, so it marks the end of module loading (and, with tsx, transpiling).
import { createRequire } from 'node:module';

const pg = createRequire(import.meta.url)('pg');
const connect = pg.Client.prototype.connect;
let first = true;
pg.Client.prototype.connect = function (...args) {
  if (first) {
    first = false;
    process.stderr.write(`${JSON.stringify({ probe: 'pg.connect' })}\n`);
  }
  return connect.apply(this, args);
};
