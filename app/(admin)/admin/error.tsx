"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function AdminError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState {...props} message="This page could not be loaded. Nothing was changed." />;
}
