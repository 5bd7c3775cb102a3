-- A pressed button finds the message it was on by (chatId, externalId), and only a sent message has an externalId:
-- the index keeps sent messages alone, so a queued reminder adds no entry to it. Prisma's schema language cannot
-- state a partial index; schema.prisma keeps the plain @@index and this migration narrows it.
DROP INDEX "Outbox_chatId_externalId_idx";
CREATE INDEX "Outbox_chatId_externalId_idx" ON "Outbox"("chatId", "externalId") WHERE "externalId" IS NOT NULL;
