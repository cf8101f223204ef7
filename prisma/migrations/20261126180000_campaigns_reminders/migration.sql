-- AlterTable
ALTER TABLE "users" ADD COLUMN     "unreachable_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "nominations" ADD COLUMN     "campaign_id" INTEGER;

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "group_key" TEXT;

-- CreateTable
CREATE TABLE "campaigns" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "opens_on" DATE NOT NULL,
    "closes_on" DATE NOT NULL,
    "deadline" DATE NOT NULL,
    "reminder_days" INTEGER[] DEFAULT ARRAY[7, 3, 1, 0]::INTEGER[],
    "reminder_time" TEXT NOT NULL DEFAULT '08:00',
    "working_days_only" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_units" (
    "campaign_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "deadline_override" DATE,
    "reported_at" TIMESTAMP(3),
    "report_kind" TEXT,
    "reported_by" INTEGER,

    CONSTRAINT "campaign_units_pkey" PRIMARY KEY ("campaign_id","unit_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "campaigns_code_key" ON "campaigns"("code");

-- CreateIndex
CREATE INDEX "campaign_units_unit_id_idx" ON "campaign_units"("unit_id");

-- CreateIndex
CREATE INDEX "notifications_group_key_idx" ON "notifications"("group_key");

-- AddForeignKey
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_units" ADD CONSTRAINT "campaign_units_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_units" ADD CONSTRAINT "campaign_units_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
