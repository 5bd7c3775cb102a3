-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WebSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "csrf" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_WebSession" ("createdAt", "csrf", "id", "idHash", "lastSeenAt", "memberId") SELECT "createdAt", "csrf", "id", "idHash", "lastSeenAt", "memberId" FROM "WebSession";
DROP TABLE "WebSession";
ALTER TABLE "new_WebSession" RENAME TO "WebSession";
CREATE UNIQUE INDEX "WebSession_idHash_key" ON "WebSession"("idHash");
CREATE INDEX "WebSession_memberId_idx" ON "WebSession"("memberId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

