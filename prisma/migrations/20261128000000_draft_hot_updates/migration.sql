-- Saves of a draft (one per message) become HOT updates: no index covers a column they change,
-- and a page keeps room for the new row version. Before, every save added an entry to three
-- indexes and the table bloated faster than autovacuum reclaimed it (decision 012).
-- DropIndex
DROP INDEX "drafts_updated_at_idx";

-- Room on each page for the next version of its rows (applies to pages written from now on).
ALTER TABLE "drafts" SET (fillfactor = 70);
