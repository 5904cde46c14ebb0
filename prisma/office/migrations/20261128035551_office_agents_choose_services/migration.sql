-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Office" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "keepQueueOvernight" BOOLEAN NOT NULL DEFAULT false,
    "acceptingTickets" BOOLEAN NOT NULL DEFAULT true,
    "ticker" TEXT NOT NULL DEFAULT '',
    "preferentialPerGeneral" INTEGER NOT NULL DEFAULT 2,
    "overdueFirst" BOOLEAN NOT NULL DEFAULT true,
    "agentsChooseServices" BOOLEAN NOT NULL DEFAULT false,
    "ticketFooter" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Office" ("acceptingTickets", "code", "createdAt", "id", "keepQueueOvernight", "name", "overdueFirst", "preferentialPerGeneral", "ticker", "ticketFooter", "timeZone") SELECT "acceptingTickets", "code", "createdAt", "id", "keepQueueOvernight", "name", "overdueFirst", "preferentialPerGeneral", "ticker", "ticketFooter", "timeZone" FROM "Office";
DROP TABLE "Office";
ALTER TABLE "new_Office" RENAME TO "Office";
CREATE UNIQUE INDEX "Office_code_key" ON "Office"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
