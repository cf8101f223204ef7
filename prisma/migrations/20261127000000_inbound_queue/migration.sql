-- CreateTable
CREATE TABLE "inbound_updates" (
    "channel" TEXT NOT NULL,
    "update_id" BIGINT NOT NULL,
    "chat_key" TEXT NOT NULL,
    "position" BIGINT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,

    CONSTRAINT "inbound_updates_pkey" PRIMARY KEY ("channel","update_id")
);

-- CreateTable
CREATE TABLE "chat_pacing" (
    "chat_key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilled_at" TIMESTAMPTZ(3) NOT NULL,
    "warned_at" TIMESTAMPTZ(3),

    CONSTRAINT "chat_pacing_pkey" PRIMARY KEY ("chat_key")
);

-- CreateIndex
CREATE INDEX "inbound_updates_chat_key_position_idx" ON "inbound_updates"("chat_key", "position");
