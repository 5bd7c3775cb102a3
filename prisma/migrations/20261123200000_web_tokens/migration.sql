-- CreateTable
CREATE TABLE "WebToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "WebToken_tokenHash_key" ON "WebToken"("tokenHash");

-- CreateIndex
CREATE INDEX "WebToken_memberId_idx" ON "WebToken"("memberId");

