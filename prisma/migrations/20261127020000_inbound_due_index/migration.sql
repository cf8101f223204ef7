-- CreateIndex
CREATE INDEX "inbound_updates_available_at_idx" ON "inbound_updates"("available_at");
