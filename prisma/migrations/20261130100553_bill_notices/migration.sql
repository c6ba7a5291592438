-- CreateTable
CREATE TABLE "BillNotice" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "billId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "toldAt" TIMESTAMP(3),

    CONSTRAINT "BillNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillNotice_key_key" ON "BillNotice"("key");

-- CreateIndex
CREATE INDEX "BillNotice_source_toldAt_id_idx" ON "BillNotice"("source", "toldAt", "id");
