-- CreateTable
CREATE TABLE "ScoreIndicator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "group" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "target" REAL NOT NULL,
    "weight" REAL NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScoreIndicator_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScoreValue" (
    "indicatorId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("indicatorId", "branchId", "year"),
    CONSTRAINT "ScoreValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "ScoreIndicator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ScoreValue_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BranchRating" (
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "conditions" TEXT NOT NULL DEFAULT '{}',
    "proposedLevel" TEXT NOT NULL,
    "proposedAt" DATETIME NOT NULL,
    "proposedBy" TEXT NOT NULL,
    "decidedLevel" TEXT,
    "decidedAt" DATETIME,
    "decidedBy" TEXT,
    "note" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("branchId", "year"),
    CONSTRAINT "BranchRating_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ScoreIndicator_organisationId_idx" ON "ScoreIndicator"("organisationId");

