-- CreateTable
CREATE TABLE "OutboxFanout" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "groupKey" TEXT,
    "shapes" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "notBefore" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxFanout_key_key" ON "OutboxFanout"("key");

-- CreateIndex
CREATE INDEX "OutboxFanout_status_id_idx" ON "OutboxFanout"("status", "id");

-- CreateIndex
CREATE INDEX "OutboxFanout_groupKey_idx" ON "OutboxFanout"("groupKey");
