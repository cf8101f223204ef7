-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN     "titles" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "proposals" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submissions" INTEGER NOT NULL DEFAULT 0,
    "submitted_at" TIMESTAMP(3),
    "submitted_by" INTEGER,
    "return_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "proposals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proposal_entries" (
    "id" SERIAL NOT NULL,
    "proposal_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT,
    "birth_year" INTEGER,
    "role" TEXT,
    "workplace" TEXT,
    "title" TEXT,
    "summary" TEXT NOT NULL,
    "nomination_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "return_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "proposal_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proposal_files" (
    "id" SERIAL NOT NULL,
    "proposal_id" INTEGER NOT NULL,
    "entry_id" INTEGER,
    "purpose" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "file_id" TEXT NOT NULL,
    "file_unique_id" TEXT NOT NULL,
    "file_name" TEXT,
    "mime_type" TEXT,
    "size_bytes" INTEGER,
    "sha256" TEXT,
    "storage_key" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "proposal_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proposal_events" (
    "id" SERIAL NOT NULL,
    "proposal_id" INTEGER NOT NULL,
    "entry_id" INTEGER,
    "action" TEXT NOT NULL,
    "actor_user_id" INTEGER,
    "actor_role" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "proposal_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "proposals_unit_id_idx" ON "proposals"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "proposals_campaign_id_unit_id_key" ON "proposals"("campaign_id", "unit_id");

-- CreateIndex
CREATE INDEX "proposal_entries_proposal_id_position_idx" ON "proposal_entries"("proposal_id", "position");

-- CreateIndex
CREATE INDEX "proposal_entries_nomination_id_idx" ON "proposal_entries"("nomination_id");

-- CreateIndex
CREATE INDEX "proposal_files_proposal_id_idx" ON "proposal_files"("proposal_id");

-- CreateIndex
CREATE INDEX "proposal_files_entry_id_idx" ON "proposal_files"("entry_id");

-- CreateIndex
CREATE INDEX "proposal_events_proposal_id_at_idx" ON "proposal_events"("proposal_id", "at");

-- AddForeignKey
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_entries" ADD CONSTRAINT "proposal_entries_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_entries" ADD CONSTRAINT "proposal_entries_nomination_id_fkey" FOREIGN KEY ("nomination_id") REFERENCES "nominations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_files" ADD CONSTRAINT "proposal_files_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_files" ADD CONSTRAINT "proposal_files_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "proposal_entries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE CASCADE;
