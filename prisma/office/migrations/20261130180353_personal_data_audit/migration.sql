-- CreateTable
CREATE TABLE "PersonalDataAudit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectMasked" TEXT NOT NULL,
    "records" INTEGER NOT NULL
);

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
    "consentPolicyVersion" TEXT NOT NULL DEFAULT '2025-01',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Office" ("acceptingTickets", "agentsChooseServices", "code", "createdAt", "id", "keepQueueOvernight", "name", "overdueFirst", "preferentialPerGeneral", "ticker", "ticketFooter", "timeZone") SELECT "acceptingTickets", "agentsChooseServices", "code", "createdAt", "id", "keepQueueOvernight", "name", "overdueFirst", "preferentialPerGeneral", "ticker", "ticketFooter", "timeZone" FROM "Office";
DROP TABLE "Office";
ALTER TABLE "new_Office" RENAME TO "Office";
CREATE UNIQUE INDEX "Office_code_key" ON "Office"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PersonalDataAudit_at_idx" ON "PersonalDataAudit"("at");
