-- CreateIndex
CREATE INDEX "RiskCase_level_score_id_idx" ON "RiskCase"("level", "score", "id");
