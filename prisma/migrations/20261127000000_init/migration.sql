-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PolicyRank" AS ENUM ('PRIMARY', 'SECONDARY', 'TERTIARY');

-- CreateEnum
CREATE TYPE "BillStatus" AS ENUM ('DRAFT', 'READY_TO_BATCH', 'BATCHED', 'SUBMITTED', 'AWAITING_PRIMARY', 'AWAITING_SECONDARY', 'AWAITING_TERTIARY', 'AWAITING_CLAIM_FIX', 'PROCESSED', 'CLOSED', 'REJECTED', 'CROSSOVER', 'VOIDED');

-- CreateEnum
CREATE TYPE "ClaimFrequency" AS ENUM ('ORIGINAL', 'REPLACEMENT', 'VOID');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('PENDING', 'BATCHED', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'PROCESSED', 'CROSSOVER', 'VOIDED');

-- CreateEnum
CREATE TYPE "RemittanceKind" AS ENUM ('ERA', 'PAPER_EOB', 'DENIAL_LETTER');

-- CreateEnum
CREATE TYPE "PaymentSource" AS ENUM ('ERA', 'EOB');

-- CreateEnum
CREATE TYPE "UnmatchedStatus" AS ENUM ('OPEN', 'MATCHED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('OPEN', 'WRITTEN', 'SENT', 'DOWNLOADED', 'FAILED');

-- CreateEnum
CREATE TYPE "FileDirection" AS ENUM ('OUTBOUND', 'INBOUND');

-- CreateEnum
CREATE TYPE "FileStatus" AS ENUM ('WRITTEN', 'SENT', 'RECEIVED', 'PROCESSED', 'FAILED');

-- CreateEnum
CREATE TYPE "ApiRole" AS ENUM ('BILLING', 'ADMIN');

-- CreateTable
CREATE TABLE "Practice" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "npi" TEXT NOT NULL,
    "taxId" TEXT NOT NULL,
    "taxonomyCode" TEXT,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "city" TEXT NOT NULL,
    "state" CHAR(2) NOT NULL,
    "postalCode" TEXT NOT NULL,
    "phone" TEXT,
    "submitterId" TEXT,
    "autoBatchSecondary" BOOLEAN NOT NULL DEFAULT true,
    "batchCron" TEXT,
    "submitsManually" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Practice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Provider" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "npi" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT NOT NULL,
    "taxonomyCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payer" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "payerCode" TEXT NOT NULL,
    "claimFilingIndicator" TEXT NOT NULL DEFAULT 'CI',
    "responseDays" INTEGER NOT NULL DEFAULT 30,
    "timelyFilingDays" INTEGER NOT NULL DEFAULT 90,
    "addressLine1" TEXT,
    "city" TEXT,
    "state" CHAR(2),
    "postalCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Client" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "sex" CHAR(1) NOT NULL,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "city" TEXT NOT NULL,
    "state" CHAR(2) NOT NULL,
    "postalCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsurancePolicy" (
    "id" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "payerId" UUID NOT NULL,
    "rank" "PolicyRank" NOT NULL,
    "memberId" TEXT NOT NULL,
    "groupNumber" TEXT,
    "relationshipCode" TEXT NOT NULL DEFAULT '18',
    "subscriberFirstName" TEXT,
    "subscriberLastName" TEXT,
    "subscriberDateOfBirth" DATE,
    "subscriberSex" CHAR(1),
    "subscriberAddressLine1" TEXT,
    "subscriberCity" TEXT,
    "subscriberState" CHAR(2),
    "subscriberPostalCode" TEXT,
    "effectiveFrom" DATE,
    "effectiveTo" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsurancePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bill" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "renderingProviderId" UUID,
    "diagnosisCodes" TEXT[],
    "placeOfService" TEXT NOT NULL DEFAULT '11',
    "status" "BillStatus" NOT NULL DEFAULT 'DRAFT',
    "currentRank" "PolicyRank" NOT NULL DEFAULT 'PRIMARY',
    "needsAttention" BOOLEAN NOT NULL DEFAULT false,
    "attentionReason" TEXT,
    "attentionSince" TIMESTAMP(3),
    "statusSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "workflowId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Bill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceLine" (
    "id" UUID NOT NULL,
    "billId" UUID NOT NULL,
    "lineNumber" INTEGER NOT NULL,
    "procedureCode" TEXT NOT NULL,
    "modifiers" TEXT[],
    "diagnosisPointers" INTEGER[],
    "units" INTEGER NOT NULL DEFAULT 1,
    "chargeCents" INTEGER NOT NULL,
    "dateOfService" DATE NOT NULL,
    "placeOfService" TEXT,

    CONSTRAINT "ServiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" UUID NOT NULL,
    "billId" UUID NOT NULL,
    "payerId" UUID NOT NULL,
    "policyId" UUID NOT NULL,
    "rank" "PolicyRank" NOT NULL,
    "frequency" "ClaimFrequency" NOT NULL DEFAULT 'ORIGINAL',
    "patientControlNumber" TEXT NOT NULL,
    "payerClaimControlNumber" TEXT,
    "status" "ClaimStatus" NOT NULL DEFAULT 'PENDING',
    "statusReason" TEXT,
    "totalChargeCents" INTEGER NOT NULL,
    "batchId" UUID,
    "manualUpload" BOOLEAN NOT NULL DEFAULT false,
    "replacesClaimId" UUID,
    "requestKey" TEXT,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Remittance" (
    "id" UUID NOT NULL,
    "kind" "RemittanceKind" NOT NULL,
    "fileId" UUID,
    "payerName" TEXT,
    "payerIdentifier" TEXT,
    "traceNumber" TEXT,
    "paymentMethod" TEXT,
    "paymentDate" DATE,
    "totalPaidCents" INTEGER,
    "attachment" BYTEA,
    "attachmentName" TEXT,
    "attachmentType" TEXT,
    "positionInFile" INTEGER,
    "requestKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Remittance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "remittanceId" UUID,
    "source" "PaymentSource" NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "claimStatusCode" TEXT NOT NULL,
    "chargeCents" INTEGER NOT NULL,
    "paidCents" INTEGER NOT NULL,
    "patientResponsibilityCents" INTEGER NOT NULL DEFAULT 0,
    "adjudicationDate" DATE NOT NULL,
    "payerClaimControlNumber" TEXT,
    "reversesPaymentId" UUID,
    "postedBy" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinePayment" (
    "id" UUID NOT NULL,
    "paymentId" UUID NOT NULL,
    "serviceLineId" UUID,
    "procedureCode" TEXT NOT NULL,
    "modifiers" TEXT[],
    "chargeCents" INTEGER NOT NULL,
    "paidCents" INTEGER NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "LinePayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentAdjustment" (
    "id" UUID NOT NULL,
    "paymentId" UUID NOT NULL,
    "serviceLineId" UUID,
    "lineIndex" INTEGER,
    "groupCode" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "quantity" INTEGER,

    CONSTRAINT "PaymentAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnmatchedEraClaim" (
    "id" UUID NOT NULL,
    "remittanceId" UUID NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "patientControlNumber" TEXT NOT NULL,
    "payerClaimControlNumber" TEXT,
    "claimStatusCode" TEXT NOT NULL,
    "chargeCents" INTEGER NOT NULL,
    "paidCents" INTEGER NOT NULL,
    "claimData" JSONB NOT NULL,
    "status" "UnmatchedStatus" NOT NULL DEFAULT 'OPEN',
    "matchedClaimId" UUID,
    "resolvedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnmatchedEraClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "status" "BatchStatus" NOT NULL DEFAULT 'OPEN',
    "batchKey" TEXT,
    "interchangeControlNumber" INTEGER,
    "fileId" UUID,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClearinghouseFile" (
    "id" UUID NOT NULL,
    "direction" "FileDirection" NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "status" "FileStatus" NOT NULL,
    "error" TEXT,
    "remoteName" TEXT,
    "uploadState" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "ClearinghouseFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClearinghouseFileClaim" (
    "fileId" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "outcome" TEXT,
    "transactionSetControlNumber" TEXT,

    CONSTRAINT "ClearinghouseFileClaim_pkey" PRIMARY KEY ("fileId","claimId")
);

-- CreateTable
CREATE TABLE "ControlSequence" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "ControlSequence_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "billId" UUID,
    "details" JSONB,
    "dedupeKey" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" "ApiRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Provider_practiceId_npi_key" ON "Provider"("practiceId", "npi");

-- CreateIndex
CREATE UNIQUE INDEX "Payer_payerCode_key" ON "Payer"("payerCode");

-- CreateIndex
CREATE INDEX "InsurancePolicy_clientId_rank_idx" ON "InsurancePolicy"("clientId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "Bill_workflowId_key" ON "Bill"("workflowId");

-- CreateIndex
CREATE INDEX "Bill_status_idx" ON "Bill"("status");

-- CreateIndex
CREATE INDEX "Bill_needsAttention_attentionSince_idx" ON "Bill"("needsAttention", "attentionSince");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceLine_billId_lineNumber_key" ON "ServiceLine"("billId", "lineNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_patientControlNumber_key" ON "Claim"("patientControlNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_requestKey_key" ON "Claim"("requestKey");

-- CreateIndex
CREATE INDEX "Claim_billId_rank_idx" ON "Claim"("billId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "Remittance_requestKey_key" ON "Remittance"("requestKey");

-- CreateIndex
CREATE UNIQUE INDEX "Remittance_fileId_positionInFile_key" ON "Remittance"("fileId", "positionInFile");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_sourceKey_key" ON "Payment"("sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_reversesPaymentId_key" ON "Payment"("reversesPaymentId");

-- CreateIndex
CREATE INDEX "Payment_claimId_idx" ON "Payment"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "UnmatchedEraClaim_sourceKey_key" ON "UnmatchedEraClaim"("sourceKey");

-- CreateIndex
CREATE INDEX "UnmatchedEraClaim_status_idx" ON "UnmatchedEraClaim"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_batchKey_key" ON "Batch"("batchKey");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_interchangeControlNumber_key" ON "Batch"("interchangeControlNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_fileId_key" ON "Batch"("fileId");

-- CreateIndex
CREATE INDEX "ClearinghouseFile_direction_name_idx" ON "ClearinghouseFile"("direction", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ClearinghouseFile_direction_sha256_key" ON "ClearinghouseFile"("direction", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_dedupeKey_key" ON "AuditEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "AuditEvent_billId_at_idx" ON "AuditEvent"("billId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- AddForeignKey
ALTER TABLE "Provider" ADD CONSTRAINT "Provider_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Client" ADD CONSTRAINT "Client_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsurancePolicy" ADD CONSTRAINT "InsurancePolicy_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsurancePolicy" ADD CONSTRAINT "InsurancePolicy_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Payer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_renderingProviderId_fkey" FOREIGN KEY ("renderingProviderId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLine" ADD CONSTRAINT "ServiceLine_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Payer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "InsurancePolicy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Remittance" ADD CONSTRAINT "Remittance_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "ClearinghouseFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_remittanceId_fkey" FOREIGN KEY ("remittanceId") REFERENCES "Remittance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_reversesPaymentId_fkey" FOREIGN KEY ("reversesPaymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinePayment" ADD CONSTRAINT "LinePayment_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinePayment" ADD CONSTRAINT "LinePayment_serviceLineId_fkey" FOREIGN KEY ("serviceLineId") REFERENCES "ServiceLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAdjustment" ADD CONSTRAINT "PaymentAdjustment_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAdjustment" ADD CONSTRAINT "PaymentAdjustment_serviceLineId_fkey" FOREIGN KEY ("serviceLineId") REFERENCES "ServiceLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnmatchedEraClaim" ADD CONSTRAINT "UnmatchedEraClaim_remittanceId_fkey" FOREIGN KEY ("remittanceId") REFERENCES "Remittance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "ClearinghouseFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClearinghouseFileClaim" ADD CONSTRAINT "ClearinghouseFileClaim_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "ClearinghouseFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClearinghouseFileClaim" ADD CONSTRAINT "ClearinghouseFileClaim_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE SET NULL ON UPDATE CASCADE;

