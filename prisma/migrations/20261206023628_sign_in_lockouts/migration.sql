-- CreateTable
CREATE TABLE "sign_in_lockouts" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "email" TEXT,
    "address" TEXT NOT NULL,
    "locked_until" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lifted_at" TIMESTAMP(3),
    "lifted_by_id" TEXT,

    CONSTRAINT "sign_in_lockouts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sign_in_lockouts_locked_until_idx" ON "sign_in_lockouts"("locked_until");
