-- CreateTable
CREATE TABLE "hq_booking_day" (
    "office_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "service_code" TEXT NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "checked_in" INTEGER NOT NULL DEFAULT 0,
    "no_show" INTEGER NOT NULL DEFAULT 0,
    "late_check_ins" INTEGER NOT NULL DEFAULT 0,
    "punctuality_seconds_sum" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "hq_booking_day_pkey" PRIMARY KEY ("office_id","day","service_code")
);
