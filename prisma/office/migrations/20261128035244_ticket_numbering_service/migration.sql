-- A transfer moves a ticket to another service but its number stays the one its first
-- service gave it: numbering is unique per issuing service, not per current service.
-- Existing rows were numbered by their current service (transfers could not collide before).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    CONSTRAINT "Ticket_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Ticket" ("calledAt", "category", "code", "counterId", "day", "directedCounterId", "finishedAt", "firstCalledAt", "id", "issuedAt", "issuedByDeviceId", "number", "outcome", "printState", "recallCount", "serviceId", "issuedServiceId", "startedAt", "status") SELECT "calledAt", "category", "code", "counterId", "day", "directedCounterId", "finishedAt", "firstCalledAt", "id", "issuedAt", "issuedByDeviceId", "number", "outcome", "printState", "recallCount", "serviceId", "serviceId", "startedAt", "status" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE INDEX "Ticket_status_issuedAt_idx" ON "Ticket"("status", "issuedAt");
CREATE INDEX "Ticket_day_idx" ON "Ticket"("day");
CREATE UNIQUE INDEX "Ticket_issuedServiceId_day_number_key" ON "Ticket"("issuedServiceId", "day", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
