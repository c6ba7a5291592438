-- CreateEnum
CREATE TYPE "CorrectionStatus" AS ENUM ('PENDING', 'APPLIED', 'REFUSED');

-- CreateTable
CREATE TABLE "BillCorrection" (
    "id" UUID NOT NULL,
    "billId" UUID NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestKey" TEXT,
    "changes" JSONB NOT NULL,
    "status" "CorrectionStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "BillCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillCorrection_requestKey_key" ON "BillCorrection"("requestKey");

-- CreateIndex
CREATE INDEX "BillCorrection_billId_createdAt_idx" ON "BillCorrection"("billId", "createdAt");

-- AddForeignKey
ALTER TABLE "BillCorrection" ADD CONSTRAINT "BillCorrection_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
