-- AlterTable
ALTER TABLE "Payer" ADD COLUMN     "simulatorScenario" JSONB;
