-- AlterTable
ALTER TABLE "LinePayment" ADD COLUMN     "lineIndex" INTEGER NOT NULL DEFAULT 0;

-- Backfill: rows posted before this column get distinct positions within their payment.
-- (Their true SVC order was not kept, but line-level adjustments carry serviceLineId.)
UPDATE "LinePayment" AS lp
SET "lineIndex" = numbered.position
FROM (
  SELECT "id", (ROW_NUMBER() OVER (PARTITION BY "paymentId" ORDER BY "id")) - 1 AS position
  FROM "LinePayment"
) AS numbered
WHERE lp."id" = numbered."id";

-- CreateIndex
CREATE UNIQUE INDEX "LinePayment_paymentId_lineIndex_key" ON "LinePayment"("paymentId", "lineIndex");
