-- AlterTable
ALTER TABLE "users" ADD COLUMN     "numbered_choices" JSONB;
