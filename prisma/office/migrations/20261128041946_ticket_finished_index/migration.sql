-- CreateIndex
CREATE INDEX "Ticket_status_finishedAt_idx" ON "Ticket"("status", "finishedAt");
