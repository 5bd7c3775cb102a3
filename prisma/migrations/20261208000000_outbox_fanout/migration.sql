-- CreateTable
CREATE TABLE "OutboxFanout" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "groupKey" TEXT,
    "plannedAt" DATETIME NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxFanout_meetingId_key" ON "OutboxFanout"("meetingId");

-- CreateIndex
CREATE INDEX "OutboxFanout_status_id_idx" ON "OutboxFanout"("status", "id");

-- CreateIndex
CREATE INDEX "OutboxFanout_groupKey_idx" ON "OutboxFanout"("groupKey");
