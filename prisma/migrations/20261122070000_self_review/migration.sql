-- CreateTable
CREATE TABLE "ReviewCampaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "deadline" DATETIME NOT NULL,
    "split" TEXT NOT NULL,
    "quotaShare" REAL NOT NULL DEFAULT 0.2,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SelfReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "form" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "total" INTEGER,
    "proposedLevel" TEXT,
    "finalLevel" TEXT,
    "finalBy" TEXT,
    "finalAt" DATETIME,
    "submittedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SelfReview_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "branchId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "phone" TEXT,
    "status" TEXT NOT NULL DEFAULT 'official',
    "role" TEXT NOT NULL DEFAULT 'member',
    "feeGroup" TEXT,
    "exemption" TEXT NOT NULL DEFAULT 'none',
    "exemptFrom" DATETIME,
    "exemptUntil" DATETIME,
    "leftAt" DATETIME,
    "preferredChannel" TEXT,
    "feeBase" INTEGER,
    "feesFromMonth" TEXT,
    "formKind" TEXT NOT NULL DEFAULT '2C',
    "admittedAt" DATETIME,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Member_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("branchId", "createdAt", "exemptFrom", "exemptUntil", "exemption", "feeBase", "feeGroup", "feesFromMonth", "fullName", "id", "leftAt", "phone", "preferredChannel", "role", "status", "updatedAt") SELECT "branchId", "createdAt", "exemptFrom", "exemptUntil", "exemption", "feeBase", "feeGroup", "feesFromMonth", "fullName", "id", "leftAt", "phone", "preferredChannel", "role", "status", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_branchId_idx" ON "Member"("branchId");
CREATE INDEX "Member_phone_idx" ON "Member"("phone");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ReviewCampaign_branchId_year_key" ON "ReviewCampaign"("branchId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "SelfReview_campaignId_memberId_key" ON "SelfReview"("campaignId", "memberId");

