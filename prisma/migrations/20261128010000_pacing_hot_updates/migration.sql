-- Every queued update refills its chat's flood bucket: leave room on each page so that the update
-- of the row is a HOT update (no index entry, no bloat), as for drafts (decision 012).
ALTER TABLE "chat_pacing" SET (fillfactor = 70);
