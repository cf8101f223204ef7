-- AlterTable
ALTER TABLE "role_grants" ADD COLUMN     "linked_from_id" INTEGER;
