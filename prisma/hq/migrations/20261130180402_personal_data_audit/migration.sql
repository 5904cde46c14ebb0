-- CreateTable
CREATE TABLE "hq_personal_data_audit" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_masked" TEXT NOT NULL,
    "records" INTEGER NOT NULL,

    CONSTRAINT "hq_personal_data_audit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "hq_personal_data_audit_at_idx" ON "hq_personal_data_audit"("at");
