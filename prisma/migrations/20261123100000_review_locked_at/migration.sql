-- AlterTable
ALTER TABLE "ReviewCampaign" ADD COLUMN "lockedAt" DATETIME;

