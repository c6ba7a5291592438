-- CreateEnum
CREATE TYPE "PaymentStanding" AS ENUM ('STANDING', 'CONFIRMING', 'PENDING_REVIEW', 'SET_ASIDE');

-- AlterEnum
ALTER TYPE "PaymentSource" ADD VALUE 'REVERSAL';

-- AlterTable
ALTER TABLE "Bill" ADD COLUMN     "holdNextClaim" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "openFlags" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "relatedPaymentId" UUID,
ADD COLUMN     "reversalReason" TEXT,
ADD COLUMN     "standing" "PaymentStanding" NOT NULL DEFAULT 'STANDING';

-- AlterTable
ALTER TABLE "UnmatchedEraClaim" ADD COLUMN     "matchSourceKey" TEXT,
ADD COLUMN     "matchedPaymentId" UUID,
ADD COLUMN     "overrideReason" TEXT,
ADD COLUMN     "priorPayerClaimControlNumber" TEXT;

-- CreateIndex
CREATE INDEX "Payment_relatedPaymentId_idx" ON "Payment"("relatedPaymentId");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_relatedPaymentId_fkey" FOREIGN KEY ("relatedPaymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
