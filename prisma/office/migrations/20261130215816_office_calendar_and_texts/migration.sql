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
    "openingHours" TEXT,
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "holidayCountry" TEXT NOT NULL DEFAULT 'CO',
    "kioskWelcomeEs" TEXT NOT NULL DEFAULT '',
    "kioskWelcomeEn" TEXT NOT NULL DEFAULT '',
    "consentTextEs" TEXT NOT NULL DEFAULT '',
    "consentTextEn" TEXT NOT NULL DEFAULT '',
    "announcementLanguage" TEXT NOT NULL DEFAULT 'es-CO',
    "announcementVoice" TEXT,
    "ticketLogo" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Office" ("acceptingTickets", "agentsChooseServices", "code", "consentPolicyVersion", "createdAt", "id", "keepQueueOvernight", "name", "overdueFirst", "preferentialPerGeneral", "ticker", "ticketFooter", "timeZone") SELECT "acceptingTickets", "agentsChooseServices", "code", "consentPolicyVersion", "createdAt", "id", "keepQueueOvernight", "name", "overdueFirst", "preferentialPerGeneral", "ticker", "ticketFooter", "timeZone" FROM "Office";
DROP TABLE "Office";
ALTER TABLE "new_Office" RENAME TO "Office";
CREATE UNIQUE INDEX "Office_code_key" ON "Office"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
