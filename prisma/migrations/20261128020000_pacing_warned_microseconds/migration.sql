-- The enqueue statement that sends a flood warning recognises itself by warned_at = now(). Stored to
-- the millisecond, a second update of the same chat within that millisecond was warned again.
-- (An older instance still running during an upgrade compares with a rounded now() and may skip a
-- warning until it is restarted: a courtesy notice, nothing is lost.)
-- AlterTable
ALTER TABLE "chat_pacing" ALTER COLUMN "warned_at" SET DATA TYPE TIMESTAMPTZ(6);
