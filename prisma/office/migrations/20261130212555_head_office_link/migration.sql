-- AlterTable
ALTER TABLE "Service" ADD COLUMN "catalogCode" TEXT;

-- CreateTable
CREATE TABLE "LinkState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "lastAppliedSeq" INTEGER NOT NULL DEFAULT 0,
    "lastAppliedAt" DATETIME,
    "configVersion" INTEGER NOT NULL DEFAULT 0,
    "staffVersion" INTEGER NOT NULL DEFAULT 0,
    "hqSettings" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "ConfigAudit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "linkSeq" INTEGER
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "counterId" TEXT,
    "managedBy" TEXT NOT NULL DEFAULT 'office',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_User" ("active", "counterId", "createdAt", "displayName", "id", "passwordHash", "role", "username") SELECT "active", "counterId", "createdAt", "displayName", "id", "passwordHash", "role", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ConfigAudit_at_idx" ON "ConfigAudit"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Service_catalogCode_key" ON "Service"("catalogCode");
