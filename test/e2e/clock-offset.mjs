// Preloaded into the bot process (NODE_OPTIONS=--import) by test/e2e/reminders.e2e.test.ts when the
// real time in Vietnam is in or near the quiet hours (21:00–07:00), during which no reminder is
// ever owed: moves the process clock by NTVT_TEST_CLOCK_OFFSET_MS (whole hours) so that the bot
// lives in the daytime. Only `new Date()` and `Date.now()` move; dates built from a value do not,
// and timers are untouched. Not used by the application itself.
const offset = Number(process.env.NTVT_TEST_CLOCK_OFFSET_MS ?? '0');
if (Number.isFinite(offset) && offset !== 0) {
  const RealDate = globalThis.Date;
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return now;
      return Reflect.get(target, property, receiver);
    },
  });
}
