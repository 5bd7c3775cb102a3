-- AlterTable
ALTER TABLE "Member" ADD COLUMN "preferredChannel" TEXT;

-- CreateTable
CREATE TABLE "ChoiceMenu" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "choices" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ChoiceMenu_channel_chatId_key" ON "ChoiceMenu"("channel", "chatId");

