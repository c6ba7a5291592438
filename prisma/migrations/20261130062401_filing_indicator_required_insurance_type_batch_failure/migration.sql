-- AlterTable
ALTER TABLE "Payer" ALTER COLUMN "claimFilingIndicator" DROP DEFAULT;

-- AlterTable
ALTER TABLE "InsurancePolicy" ADD COLUMN     "insuranceTypeCode" TEXT;

-- AlterTable
ALTER TABLE "Batch" ADD COLUMN     "failureReason" TEXT;
