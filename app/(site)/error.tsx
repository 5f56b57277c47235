"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function SiteError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState {...props} message="This page could not be shown. Please try again in a moment." />;
}
