-- CreateTable
CREATE TABLE "hq_config_template" (
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hq_config_template_pkey" PRIMARY KEY ("kind","name")
);
