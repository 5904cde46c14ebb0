-- CreateTable
CREATE TABLE "Office" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "keepQueueOvernight" BOOLEAN NOT NULL DEFAULT false,
    "acceptingTickets" BOOLEAN NOT NULL DEFAULT true,
    "ticker" TEXT NOT NULL DEFAULT '',
    "preferentialPerGeneral" INTEGER NOT NULL DEFAULT 2,
    "overdueFirst" BOOLEAN NOT NULL DEFAULT true,
    "ticketFooter" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nameEs" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "targetWaitMinutes" INTEGER NOT NULL DEFAULT 15,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "color" TEXT NOT NULL DEFAULT '#0057b8',
    "icon" TEXT NOT NULL DEFAULT 'ticket',
    "sortOrder" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Counter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "agentId" TEXT,
    "agentState" TEXT NOT NULL DEFAULT 'signed_out',
    "stateSince" DATETIME,
    "pauseReason" TEXT,
    "preferentialStreak" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "CounterService" (
    "counterId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,

    PRIMARY KEY ("counterId", "serviceId"),
    CONSTRAINT "CounterService_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CounterService_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "counterId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "printerUri" TEXT,
    "serviceIds" TEXT NOT NULL DEFAULT '[]',
    "counterIds" TEXT NOT NULL DEFAULT '[]',
    "printerStatus" TEXT,
    "printerStatusAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuthToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "principalId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TicketCounter" (
    "serviceId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    PRIMARY KEY ("serviceId", "day")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
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
    CONSTRAINT "Ticket_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "counterId" TEXT,
    "serviceId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "data" TEXT,
    CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgentEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "agentId" TEXT NOT NULL,
    "counterId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "CustomerData" (
    "ticketId" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "consentPolicyVersion" TEXT NOT NULL,
    "consentAt" DATETIME NOT NULL,
    "deleteAfter" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "principalId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("principalId", "key")
);

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SyncState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "lastSentSeq" INTEGER NOT NULL DEFAULT 0,
    "lastSuccessAt" DATETIME,
    "lastAttemptAt" DATETIME,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "PrintJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "deviceId" TEXT,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Office_code_key" ON "Office"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Service_prefix_key" ON "Service"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "Counter_name_key" ON "Counter"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Device_name_key" ON "Device"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AuthToken_tokenHash_key" ON "AuthToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AuthToken_principalId_idx" ON "AuthToken"("principalId");

-- CreateIndex
CREATE INDEX "Ticket_status_issuedAt_idx" ON "Ticket"("status", "issuedAt");

-- CreateIndex
CREATE INDEX "Ticket_day_idx" ON "Ticket"("day");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_serviceId_day_number_key" ON "Ticket"("serviceId", "day", "number");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_idx" ON "TicketEvent"("ticketId");

-- CreateIndex
CREATE INDEX "TicketEvent_at_idx" ON "TicketEvent"("at");

-- CreateIndex
CREATE INDEX "AgentEvent_agentId_at_idx" ON "AgentEvent"("agentId", "at");

-- CreateIndex
CREATE INDEX "AgentEvent_at_idx" ON "AgentEvent"("at");

-- CreateIndex
CREATE INDEX "CustomerData_deleteAfter_idx" ON "CustomerData"("deleteAfter");

-- CreateIndex
CREATE INDEX "IdempotencyKey_createdAt_idx" ON "IdempotencyKey"("createdAt");

-- CreateIndex
CREATE INDEX "PrintJob_ticketId_idx" ON "PrintJob"("ticketId");
