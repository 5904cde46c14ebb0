-- AlterTable
ALTER TABLE "hq_office" ADD COLUMN     "city" TEXT,
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "hq_booking" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "office_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "id_number" TEXT,
    "contact_key" TEXT NOT NULL,
    "consent_version" TEXT NOT NULL,
    "consent_at" TIMESTAMP(3) NOT NULL,
    "signed_code" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "cancelled_at" TIMESTAMP(3),
    "checked_in_at" TIMESTAMP(3),
    "request_key" TEXT,
    "delete_after" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hq_remote_ticket" (
    "ticket_id" TEXT NOT NULL,
    "office_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "public_id" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "contact_key" TEXT NOT NULL,
    "consent_version" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "position" INTEGER,
    "estimated_wait_minutes" INTEGER,
    "counter_name" TEXT,
    "notified_next_at" TIMESTAMP(3),
    "notified_called_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "delete_after" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_remote_ticket_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateTable
CREATE TABLE "hq_contact_record" (
    "contact_key" TEXT NOT NULL,
    "no_shows" INTEGER NOT NULL DEFAULT 0,
    "last_seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_contact_record_pkey" PRIMARY KEY ("contact_key")
);

-- CreateTable
CREATE TABLE "hq_notification" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "company" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'es-CO',
    "params" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL,
    "last_error" TEXT,
    "provider_id" TEXT,
    "sent_at" TIMESTAMP(3),
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "delete_after" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hq_rating" (
    "office_id" INTEGER NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "counter_id" TEXT,
    "agent_id" TEXT,
    "day" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "wait_seconds" INTEGER,

    CONSTRAINT "hq_rating_pkey" PRIMARY KEY ("office_id","ticket_id")
);

-- CreateTable
CREATE TABLE "hq_self_service_day" (
    "office_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "hq_self_service_day_pkey" PRIMARY KEY ("office_id","day","kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "hq_booking_code_key" ON "hq_booking"("code");

-- CreateIndex
CREATE UNIQUE INDEX "hq_booking_request_key_key" ON "hq_booking"("request_key");

-- CreateIndex
CREATE INDEX "hq_booking_office_id_service_code_start_idx" ON "hq_booking"("office_id", "service_code", "start");

-- CreateIndex
CREATE INDEX "hq_booking_contact_key_idx" ON "hq_booking"("contact_key");

-- CreateIndex
CREATE INDEX "hq_booking_delete_after_idx" ON "hq_booking"("delete_after");

-- CreateIndex
CREATE UNIQUE INDEX "hq_remote_ticket_public_id_key" ON "hq_remote_ticket"("public_id");

-- CreateIndex
CREATE INDEX "hq_remote_ticket_contact_key_status_idx" ON "hq_remote_ticket"("contact_key", "status");

-- CreateIndex
CREATE INDEX "hq_remote_ticket_office_id_status_idx" ON "hq_remote_ticket"("office_id", "status");

-- CreateIndex
CREATE INDEX "hq_remote_ticket_delete_after_idx" ON "hq_remote_ticket"("delete_after");

-- CreateIndex
CREATE UNIQUE INDEX "hq_notification_dedupe_key_key" ON "hq_notification"("dedupe_key");

-- CreateIndex
CREATE INDEX "hq_notification_status_next_attempt_at_idx" ON "hq_notification"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "hq_notification_delete_after_idx" ON "hq_notification"("delete_after");

-- CreateIndex
CREATE INDEX "hq_rating_office_id_day_idx" ON "hq_rating"("office_id", "day");
