-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "hq_user" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "company" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hq_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hq_token" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "principal_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "company" TEXT,
    "office_code" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "hq_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hq_office" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group_name" TEXT NOT NULL DEFAULT 'Grupo',
    "company" TEXT,
    "region" TEXT,
    "time_zone" TEXT NOT NULL DEFAULT 'America/Bogota',
    "acked_seq" INTEGER NOT NULL DEFAULT 0,
    "last_sync_at" TIMESTAMP(3),
    "clock_skew_ms" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hq_office_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hq_event" (
    "office_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "fact" JSONB NOT NULL,

    CONSTRAINT "hq_event_pkey" PRIMARY KEY ("office_id","seq")
);

-- CreateTable
CREATE TABLE "hq_service" (
    "office_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "target_wait_minutes" INTEGER NOT NULL,

    CONSTRAINT "hq_service_pkey" PRIMARY KEY ("office_id","service_code")
);

-- CreateTable
CREATE TABLE "hq_ticket" (
    "office_id" INTEGER NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "service_code" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "target_wait_seconds" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "issued_at" TIMESTAMP(3),
    "first_called_at" TIMESTAMP(3),
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "wait_seconds" INTEGER,
    "service_seconds" INTEGER,
    "counter_id" TEXT,
    "agent_id" TEXT,

    CONSTRAINT "hq_ticket_pkey" PRIMARY KEY ("office_id","ticket_id")
);

-- CreateTable
CREATE TABLE "hq_agent" (
    "office_id" INTEGER NOT NULL,
    "agent_id" TEXT NOT NULL,
    "counter_id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_agent_pkey" PRIMARY KEY ("office_id","agent_id")
);

-- CreateTable
CREATE TABLE "hq_agg_hour" (
    "office_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "called" INTEGER NOT NULL DEFAULT 0,
    "served" INTEGER NOT NULL DEFAULT 0,
    "no_shows" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "walkouts" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,
    "wait_count" INTEGER NOT NULL DEFAULT 0,
    "wait_sum" BIGINT NOT NULL DEFAULT 0,
    "within_target" INTEGER NOT NULL DEFAULT 0,
    "service_count" INTEGER NOT NULL DEFAULT 0,
    "service_sum" BIGINT NOT NULL DEFAULT 0,
    "w00" INTEGER NOT NULL DEFAULT 0,
    "w01" INTEGER NOT NULL DEFAULT 0,
    "w02" INTEGER NOT NULL DEFAULT 0,
    "w03" INTEGER NOT NULL DEFAULT 0,
    "w04" INTEGER NOT NULL DEFAULT 0,
    "w05" INTEGER NOT NULL DEFAULT 0,
    "w06" INTEGER NOT NULL DEFAULT 0,
    "w07" INTEGER NOT NULL DEFAULT 0,
    "w08" INTEGER NOT NULL DEFAULT 0,
    "w09" INTEGER NOT NULL DEFAULT 0,
    "w10" INTEGER NOT NULL DEFAULT 0,
    "w11" INTEGER NOT NULL DEFAULT 0,
    "w12" INTEGER NOT NULL DEFAULT 0,
    "w13" INTEGER NOT NULL DEFAULT 0,
    "w14" INTEGER NOT NULL DEFAULT 0,
    "w15" INTEGER NOT NULL DEFAULT 0,
    "w16" INTEGER NOT NULL DEFAULT 0,
    "w17" INTEGER NOT NULL DEFAULT 0,
    "w18" INTEGER NOT NULL DEFAULT 0,
    "w19" INTEGER NOT NULL DEFAULT 0,
    "w20" INTEGER NOT NULL DEFAULT 0,
    "w21" INTEGER NOT NULL DEFAULT 0,
    "w22" INTEGER NOT NULL DEFAULT 0,
    "w23" INTEGER NOT NULL DEFAULT 0,
    "w24" INTEGER NOT NULL DEFAULT 0,
    "w25" INTEGER NOT NULL DEFAULT 0,
    "w26" INTEGER NOT NULL DEFAULT 0,
    "w27" INTEGER NOT NULL DEFAULT 0,
    "w28" INTEGER NOT NULL DEFAULT 0,
    "w29" INTEGER NOT NULL DEFAULT 0,
    "s00" INTEGER NOT NULL DEFAULT 0,
    "s01" INTEGER NOT NULL DEFAULT 0,
    "s02" INTEGER NOT NULL DEFAULT 0,
    "s03" INTEGER NOT NULL DEFAULT 0,
    "s04" INTEGER NOT NULL DEFAULT 0,
    "s05" INTEGER NOT NULL DEFAULT 0,
    "s06" INTEGER NOT NULL DEFAULT 0,
    "s07" INTEGER NOT NULL DEFAULT 0,
    "s08" INTEGER NOT NULL DEFAULT 0,
    "s09" INTEGER NOT NULL DEFAULT 0,
    "s10" INTEGER NOT NULL DEFAULT 0,
    "s11" INTEGER NOT NULL DEFAULT 0,
    "s12" INTEGER NOT NULL DEFAULT 0,
    "s13" INTEGER NOT NULL DEFAULT 0,
    "s14" INTEGER NOT NULL DEFAULT 0,
    "s15" INTEGER NOT NULL DEFAULT 0,
    "s16" INTEGER NOT NULL DEFAULT 0,
    "s17" INTEGER NOT NULL DEFAULT 0,
    "s18" INTEGER NOT NULL DEFAULT 0,
    "s19" INTEGER NOT NULL DEFAULT 0,
    "s20" INTEGER NOT NULL DEFAULT 0,
    "s21" INTEGER NOT NULL DEFAULT 0,
    "s22" INTEGER NOT NULL DEFAULT 0,
    "s23" INTEGER NOT NULL DEFAULT 0,
    "s24" INTEGER NOT NULL DEFAULT 0,
    "s25" INTEGER NOT NULL DEFAULT 0,
    "s26" INTEGER NOT NULL DEFAULT 0,
    "s27" INTEGER NOT NULL DEFAULT 0,
    "s28" INTEGER NOT NULL DEFAULT 0,
    "s29" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "hq_agg_hour_pkey" PRIMARY KEY ("office_id","service_code","day","hour")
);

-- CreateTable
CREATE TABLE "hq_agg_day" (
    "office_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "called" INTEGER NOT NULL DEFAULT 0,
    "served" INTEGER NOT NULL DEFAULT 0,
    "no_shows" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "walkouts" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,
    "wait_count" INTEGER NOT NULL DEFAULT 0,
    "wait_sum" BIGINT NOT NULL DEFAULT 0,
    "within_target" INTEGER NOT NULL DEFAULT 0,
    "service_count" INTEGER NOT NULL DEFAULT 0,
    "service_sum" BIGINT NOT NULL DEFAULT 0,
    "w00" INTEGER NOT NULL DEFAULT 0,
    "w01" INTEGER NOT NULL DEFAULT 0,
    "w02" INTEGER NOT NULL DEFAULT 0,
    "w03" INTEGER NOT NULL DEFAULT 0,
    "w04" INTEGER NOT NULL DEFAULT 0,
    "w05" INTEGER NOT NULL DEFAULT 0,
    "w06" INTEGER NOT NULL DEFAULT 0,
    "w07" INTEGER NOT NULL DEFAULT 0,
    "w08" INTEGER NOT NULL DEFAULT 0,
    "w09" INTEGER NOT NULL DEFAULT 0,
    "w10" INTEGER NOT NULL DEFAULT 0,
    "w11" INTEGER NOT NULL DEFAULT 0,
    "w12" INTEGER NOT NULL DEFAULT 0,
    "w13" INTEGER NOT NULL DEFAULT 0,
    "w14" INTEGER NOT NULL DEFAULT 0,
    "w15" INTEGER NOT NULL DEFAULT 0,
    "w16" INTEGER NOT NULL DEFAULT 0,
    "w17" INTEGER NOT NULL DEFAULT 0,
    "w18" INTEGER NOT NULL DEFAULT 0,
    "w19" INTEGER NOT NULL DEFAULT 0,
    "w20" INTEGER NOT NULL DEFAULT 0,
    "w21" INTEGER NOT NULL DEFAULT 0,
    "w22" INTEGER NOT NULL DEFAULT 0,
    "w23" INTEGER NOT NULL DEFAULT 0,
    "w24" INTEGER NOT NULL DEFAULT 0,
    "w25" INTEGER NOT NULL DEFAULT 0,
    "w26" INTEGER NOT NULL DEFAULT 0,
    "w27" INTEGER NOT NULL DEFAULT 0,
    "w28" INTEGER NOT NULL DEFAULT 0,
    "w29" INTEGER NOT NULL DEFAULT 0,
    "s00" INTEGER NOT NULL DEFAULT 0,
    "s01" INTEGER NOT NULL DEFAULT 0,
    "s02" INTEGER NOT NULL DEFAULT 0,
    "s03" INTEGER NOT NULL DEFAULT 0,
    "s04" INTEGER NOT NULL DEFAULT 0,
    "s05" INTEGER NOT NULL DEFAULT 0,
    "s06" INTEGER NOT NULL DEFAULT 0,
    "s07" INTEGER NOT NULL DEFAULT 0,
    "s08" INTEGER NOT NULL DEFAULT 0,
    "s09" INTEGER NOT NULL DEFAULT 0,
    "s10" INTEGER NOT NULL DEFAULT 0,
    "s11" INTEGER NOT NULL DEFAULT 0,
    "s12" INTEGER NOT NULL DEFAULT 0,
    "s13" INTEGER NOT NULL DEFAULT 0,
    "s14" INTEGER NOT NULL DEFAULT 0,
    "s15" INTEGER NOT NULL DEFAULT 0,
    "s16" INTEGER NOT NULL DEFAULT 0,
    "s17" INTEGER NOT NULL DEFAULT 0,
    "s18" INTEGER NOT NULL DEFAULT 0,
    "s19" INTEGER NOT NULL DEFAULT 0,
    "s20" INTEGER NOT NULL DEFAULT 0,
    "s21" INTEGER NOT NULL DEFAULT 0,
    "s22" INTEGER NOT NULL DEFAULT 0,
    "s23" INTEGER NOT NULL DEFAULT 0,
    "s24" INTEGER NOT NULL DEFAULT 0,
    "s25" INTEGER NOT NULL DEFAULT 0,
    "s26" INTEGER NOT NULL DEFAULT 0,
    "s27" INTEGER NOT NULL DEFAULT 0,
    "s28" INTEGER NOT NULL DEFAULT 0,
    "s29" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "hq_agg_day_pkey" PRIMARY KEY ("office_id","service_code","day")
);

-- CreateTable
CREATE TABLE "hq_agent_hour" (
    "office_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "signed_in_seconds" BIGINT NOT NULL DEFAULT 0,
    "paused_seconds" BIGINT NOT NULL DEFAULT 0,
    "serving_seconds" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "hq_agent_hour_pkey" PRIMARY KEY ("office_id","day","hour")
);

-- CreateIndex
CREATE UNIQUE INDEX "hq_user_username_key" ON "hq_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "hq_token_token_hash_key" ON "hq_token"("token_hash");

-- CreateIndex
CREATE INDEX "hq_token_principal_id_idx" ON "hq_token"("principal_id");

-- CreateIndex
CREATE UNIQUE INDEX "hq_office_code_key" ON "hq_office"("code");

-- CreateIndex
CREATE INDEX "hq_office_company_region_idx" ON "hq_office"("company", "region");

-- CreateIndex
CREATE INDEX "hq_ticket_office_id_status_idx" ON "hq_ticket"("office_id", "status");

-- CreateIndex
CREATE INDEX "hq_agg_hour_day_idx" ON "hq_agg_hour"("day");

-- CreateIndex
CREATE INDEX "hq_agg_day_day_idx" ON "hq_agg_day"("day");

-- CreateIndex
CREATE INDEX "hq_agent_hour_day_idx" ON "hq_agent_hour"("day");
