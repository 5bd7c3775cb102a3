-- CreateIndex
CREATE INDEX "Outbox_chatId_externalId_idx" ON "Outbox"("chatId", "externalId");

