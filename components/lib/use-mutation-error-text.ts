"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { mutationErrorText } from "./mutation-error";

/** `mutationErrorText` with the console's own words for an unexpected failure. */
export function useMutationErrorText(): (error: unknown) => string {
  const t = useTranslations("errors");
  return useCallback((error: unknown) => mutationErrorText(error, t("unexpected")), [t]);
}
