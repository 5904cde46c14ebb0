-- AlterTable
ALTER TABLE "hq_service" ADD COLUMN     "catalog_code" TEXT;

-- CreateTable
CREATE TABLE "hq_catalog_service" (
    "code" TEXT NOT NULL,
    "name_es" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "target_wait_minutes" INTEGER NOT NULL,
    "color" TEXT NOT NULL,
    "icon" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hq_catalog_service_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "hq_office_service" (
    "office_id" INTEGER NOT NULL,
    "catalog_code" TEXT NOT NULL,
    "prefix" TEXT,
    "target_wait_minutes" INTEGER,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "hq_office_service_pkey" PRIMARY KEY ("office_id","catalog_code")
);

-- CreateTable
CREATE TABLE "hq_office_settings" (
    "office_id" INTEGER NOT NULL,
    "settings" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_office_settings_pkey" PRIMARY KEY ("office_id")
);

-- CreateTable
CREATE TABLE "hq_config_version" (
    "office_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "published_at" TIMESTAMP(3) NOT NULL,
    "published_by" TEXT NOT NULL,

    CONSTRAINT "hq_config_version_pkey" PRIMARY KEY ("office_id","version")
);

-- CreateTable
CREATE TABLE "hq_link_message" (
    "office_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_link_message_pkey" PRIMARY KEY ("office_id","seq")
);

-- CreateTable
CREATE TABLE "hq_link_state" (
    "office_id" INTEGER NOT NULL,
    "head_seq" INTEGER NOT NULL DEFAULT 0,
    "config_version" INTEGER NOT NULL DEFAULT 0,
    "roster_version" INTEGER NOT NULL DEFAULT 0,
    "applied_seq" INTEGER NOT NULL DEFAULT 0,
    "applied_version" INTEGER NOT NULL DEFAULT 0,
    "refused_version" INTEGER,
    "refused_reason" TEXT,
    "last_seen_at" TIMESTAMP(3),

    CONSTRAINT "hq_link_state_pkey" PRIMARY KEY ("office_id")
);

-- CreateTable
CREATE TABLE "hq_config_audit" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "hq_config_audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hq_staff" (
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "password_hash" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_staff_pkey" PRIMARY KEY ("username")
);

-- CreateTable
CREATE TABLE "hq_staff_office" (
    "username" TEXT NOT NULL,
    "office_id" INTEGER NOT NULL,

    CONSTRAINT "hq_staff_office_pkey" PRIMARY KEY ("username","office_id")
);

-- CreateIndex
CREATE INDEX "hq_office_service_catalog_code_idx" ON "hq_office_service"("catalog_code");

-- CreateIndex
CREATE INDEX "hq_config_audit_at_idx" ON "hq_config_audit"("at");

-- CreateIndex
CREATE INDEX "hq_config_audit_target_idx" ON "hq_config_audit"("target");

-- CreateIndex
CREATE INDEX "hq_staff_office_office_id_idx" ON "hq_staff_office"("office_id");
