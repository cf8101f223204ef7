-- CreateIndex
CREATE INDEX "users_channel_chat_id_idx" ON "users"("channel", "chat_id");
