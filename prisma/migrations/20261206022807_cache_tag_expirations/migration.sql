-- CreateTable
CREATE TABLE "cache_tag_expirations" (
    "tag" TEXT NOT NULL,
    "expired_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cache_tag_expirations_pkey" PRIMARY KEY ("tag")
);

-- Every cache entry made before this moment is stale ("*" is every entry's tag): a cache folder or Redis
-- kept from another database must not be served against this one.
INSERT INTO "cache_tag_expirations" ("tag", "expired_at") VALUES ('*', now());
