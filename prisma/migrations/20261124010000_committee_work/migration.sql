-- CreateTable
CREATE TABLE "OrganisationSetting" (
    "organisationId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("organisationId", "key"),
    CONSTRAINT "OrganisationSetting_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BranchLiaison" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "branchId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "since" DATETIME NOT NULL,
    "until" DATETIME,
    CONSTRAINT "BranchLiaison_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BranchLiaison_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuestResponse" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "answer" TEXT,
    "reason" TEXT,
    "answeredAt" DATETIME,
    "attendance" TEXT,
    "recordedAt" DATETIME,
    CONSTRAINT "GuestResponse_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GuestResponse_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "branchId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "introducer1Id" INTEGER,
    "introducer2Id" INTEGER,
    "introducerUnion" TEXT,
    "helperId" INTEGER,
    "classCertificateAt" TEXT,
    "sympathiserAt" TEXT,
    "fileCompletedAt" TEXT,
    "branchResolutionAt" TEXT,
    "decisionAt" TEXT,
    "decisionReceivedAt" TEXT,
    "ceremonyAt" TEXT,
    "probationReviewsAt" TEXT,
    "officialResolutionAt" TEXT,
    "officialDecisionAt" TEXT,
    "closedAt" TEXT,
    "closedReason" TEXT,
    "memberId" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Candidate_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdmissionTarget" (
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "target" INTEGER NOT NULL,

    PRIMARY KEY ("branchId", "year"),
    CONSTRAINT "AdmissionTarget_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "branchId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'planned',
    "scheduleKey" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "chairName" TEXT,
    "minutesBy" TEXT,
    "content" TEXT NOT NULL DEFAULT '',
    "resolution" TEXT NOT NULL DEFAULT '',
    "delegate" TEXT,
    "speakers" TEXT NOT NULL DEFAULT '[]',
    "prepared" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Meeting_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("agenda", "branchId", "createdAt", "createdById", "id", "kind", "place", "scheduleKey", "startsAt", "status", "updatedAt") SELECT "agenda", "branchId", "createdAt", "createdById", "id", "kind", "place", "scheduleKey", "startsAt", "status", "updatedAt" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_scheduleKey_key" ON "Meeting"("scheduleKey");
CREATE INDEX "Meeting_branchId_startsAt_idx" ON "Meeting"("branchId", "startsAt");
CREATE INDEX "Meeting_startsAt_idx" ON "Meeting"("startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BranchLiaison_branchId_idx" ON "BranchLiaison"("branchId");

-- CreateIndex
CREATE INDEX "BranchLiaison_memberId_idx" ON "BranchLiaison"("memberId");

-- CreateIndex
CREATE INDEX "GuestResponse_memberId_idx" ON "GuestResponse"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "GuestResponse_meetingId_memberId_key" ON "GuestResponse"("meetingId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_memberId_key" ON "Candidate"("memberId");

-- CreateIndex
CREATE INDEX "Candidate_branchId_idx" ON "Candidate"("branchId");

