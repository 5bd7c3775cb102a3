-- CreateTable
CREATE TABLE "OutboxFanout" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "groupKey" TEXT,
    "shapes" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "notBefore" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxFanout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxFanout_key_key" ON "OutboxFanout"("key");

-- CreateIndex
CREATE INDEX "OutboxFanout_status_id_idx" ON "OutboxFanout"("status", "id");

-- CreateIndex
CREATE INDEX "OutboxFanout_groupKey_idx" ON "OutboxFanout"("groupKey");
