import type { SetupResult } from "@/lib/setup";

/** What scripts/run.ts sends to scripts/start.mjs when the site is ready to serve. */
export interface Prepared {
  /** Added to the server's environment. */
  env: {
    DATABASE_URL: string;
    AUTH_SECRET: string;
    SITE_URL: string;
    AUTH_URL: string;
    PORT: string;
    NEXT_TELEMETRY_DISABLED: string;
  };
  setup: SetupResult;
}
