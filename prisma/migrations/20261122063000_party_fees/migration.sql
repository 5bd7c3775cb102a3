-- AlterTable
ALTER TABLE "Member" ADD COLUMN "feeBase" INTEGER;
ALTER TABLE "Member" ADD COLUMN "feesFromMonth" TEXT;

-- CreateTable
CREATE TABLE "FeeRate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "group" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rateBp" INTEGER,
    "flatAmount" INTEGER,
    "effectiveFrom" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "MinimumWage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "region" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "effectiveFrom" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "FeeAdjustment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "percent" INTEGER,
    "fromMonth" TEXT NOT NULL,
    "toMonth" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FeeEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'payment',
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "batch" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "reversesId" INTEGER,
    "recordedBy" TEXT NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Branch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'residential',
    "scheduleRule" TEXT,
    "scheduleTime" TEXT,
    "schedulePlace" TEXT,
    "reminderLeads" TEXT,
    "nudgeEnabled" BOOLEAN,
    "region" INTEGER NOT NULL DEFAULT 1,
    "feeCollectionDay" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Branch_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Branch" ("code", "createdAt", "id", "kind", "name", "nudgeEnabled", "organisationId", "reminderLeads", "schedulePlace", "scheduleRule", "scheduleTime") SELECT "code", "createdAt", "id", "kind", "name", "nudgeEnabled", "organisationId", "reminderLeads", "schedulePlace", "scheduleRule", "scheduleTime" FROM "Branch";
DROP TABLE "Branch";
ALTER TABLE "new_Branch" RENAME TO "Branch";
CREATE UNIQUE INDEX "Branch_code_key" ON "Branch"("code");
CREATE UNIQUE INDEX "Branch_organisationId_name_key" ON "Branch"("organisationId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "FeeRate_group_effectiveFrom_key" ON "FeeRate"("group", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "MinimumWage_region_effectiveFrom_key" ON "MinimumWage"("region", "effectiveFrom");

-- CreateIndex
CREATE INDEX "FeeAdjustment_memberId_idx" ON "FeeAdjustment"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "FeeEntry_idempotencyKey_key" ON "FeeEntry"("idempotencyKey");

-- CreateIndex
CREATE INDEX "FeeEntry_memberId_month_idx" ON "FeeEntry"("memberId", "month");

-- CreateIndex
CREATE INDEX "FeeEntry_branchId_month_idx" ON "FeeEntry"("branchId", "month");

-- CreateIndex
CREATE INDEX "FeeEntry_batch_idx" ON "FeeEntry"("batch");

