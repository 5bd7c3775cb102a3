-- CreateTable
CREATE TABLE "Survey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdBy" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "audience" TEXT NOT NULL,
    "template" TEXT,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SurveyRecipient" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "surveyId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "state" TEXT NOT NULL DEFAULT '{}',
    "reachable" BOOLEAN NOT NULL DEFAULT true,
    "answeredAt" DATETIME,
    CONSTRAINT "SurveyRecipient_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "answers" TEXT NOT NULL
) WITHOUT ROWID; -- no hidden row number: the physical order of rows says nothing about who answered when

-- CreateIndex
CREATE INDEX "Survey_organisationId_createdAt_idx" ON "Survey"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "SurveyRecipient_memberId_idx" ON "SurveyRecipient"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRecipient_surveyId_memberId_key" ON "SurveyRecipient"("surveyId", "memberId");

-- CreateIndex
CREATE INDEX "SurveyAnswer_surveyId_idx" ON "SurveyAnswer"("surveyId");

