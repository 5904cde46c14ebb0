-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "end" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "idNumberHash" TEXT,
    "signedCode" TEXT,
    "ticketId" TEXT,
    "checkedInAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "deleteAfter" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Rating" (
    "ticketId" TEXT NOT NULL PRIMARY KEY,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "serviceId" TEXT NOT NULL,
    "counterId" TEXT,
    "agentId" TEXT,
    "source" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SelfServiceTransaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "dueDate" TEXT,
    "gs1" TEXT,
    "deviceId" TEXT,
    "printState" TEXT NOT NULL DEFAULT 'not_requested',
    "at" DATETIME NOT NULL
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
    "appointmentSettings" TEXT NOT NULL DEFAULT '{}',
    "remoteQueueSettings" TEXT NOT NULL DEFAULT '{}',
    "bookingPublicKey" TEXT,
    "selfServiceSettings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Office" ("acceptingTickets", "agentsChooseServices", "announcementLanguage", "announcementVoice", "code", "consentPolicyVersion", "consentTextEn", "consentTextEs", "createdAt", "holidayCountry", "holidays", "id", "keepQueueOvernight", "kioskWelcomeEn", "kioskWelcomeEs", "name", "openingHours", "overdueFirst", "preferentialPerGeneral", "ticker", "ticketFooter", "ticketLogo", "timeZone") SELECT "acceptingTickets", "agentsChooseServices", "announcementLanguage", "announcementVoice", "code", "consentPolicyVersion", "consentTextEn", "consentTextEs", "createdAt", "holidayCountry", "holidays", "id", "keepQueueOvernight", "kioskWelcomeEn", "kioskWelcomeEs", "name", "openingHours", "overdueFirst", "preferentialPerGeneral", "ticker", "ticketFooter", "ticketLogo", "timeZone" FROM "Office";
DROP TABLE "Office";
ALTER TABLE "new_Office" RENAME TO "Office";
CREATE UNIQUE INDEX "Office_code_key" ON "Office"("code");
CREATE TABLE "new_Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "issuedServiceId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "counterId" TEXT,
    "directedCounterId" TEXT,
    "calledAt" DATETIME,
    "firstCalledAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "recallCount" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "printState" TEXT NOT NULL DEFAULT 'not_requested',
    "issuedByDeviceId" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'walk_in',
    "slotAt" DATETIME,
    "present" BOOLEAN NOT NULL DEFAULT true,
    "bookingId" TEXT,
    CONSTRAINT "Ticket_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Ticket" ("calledAt", "category", "code", "counterId", "day", "directedCounterId", "finishedAt", "firstCalledAt", "id", "issuedAt", "issuedByDeviceId", "issuedServiceId", "number", "outcome", "printState", "recallCount", "serviceId", "startedAt", "status") SELECT "calledAt", "category", "code", "counterId", "day", "directedCounterId", "finishedAt", "firstCalledAt", "id", "issuedAt", "issuedByDeviceId", "issuedServiceId", "number", "outcome", "printState", "recallCount", "serviceId", "startedAt", "status" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE INDEX "Ticket_status_issuedAt_idx" ON "Ticket"("status", "issuedAt");
CREATE INDEX "Ticket_status_finishedAt_idx" ON "Ticket"("status", "finishedAt");
CREATE INDEX "Ticket_day_idx" ON "Ticket"("day");
CREATE UNIQUE INDEX "Ticket_issuedServiceId_day_number_key" ON "Ticket"("issuedServiceId", "day", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Booking_code_key" ON "Booking"("code");

-- CreateIndex
CREATE INDEX "Booking_start_idx" ON "Booking"("start");

-- CreateIndex
CREATE INDEX "Booking_idNumberHash_idx" ON "Booking"("idNumberHash");

-- CreateIndex
CREATE INDEX "Booking_deleteAfter_idx" ON "Booking"("deleteAfter");

-- CreateIndex
CREATE INDEX "Rating_at_idx" ON "Rating"("at");

-- CreateIndex
CREATE INDEX "Rating_agentId_at_idx" ON "Rating"("agentId", "at");

-- CreateIndex
CREATE INDEX "SelfServiceTransaction_at_idx" ON "SelfServiceTransaction"("at");
