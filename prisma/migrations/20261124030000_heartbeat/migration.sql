-- CreateTable
CREATE TABLE "Heartbeat" (
    "holder" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL
);

