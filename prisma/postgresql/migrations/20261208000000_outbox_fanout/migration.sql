-- CreateTable
CREATE TABLE "OutboxFanout" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "groupKey" TEXT,
    "plannedAt" TIMESTAMP(3) NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxFanout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxFanout_meetingId_key" ON "OutboxFanout"("meetingId");

-- CreateIndex
CREATE INDEX "OutboxFanout_status_id_idx" ON "OutboxFanout"("status", "id");

-- CreateIndex
CREATE INDEX "OutboxFanout_groupKey_idx" ON "OutboxFanout"("groupKey");
