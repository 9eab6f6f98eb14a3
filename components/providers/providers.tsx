"use client";

import { ThemeProvider } from "next-themes";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "./trpc";

// next-themes' no-flash <script> only needs to run from the server HTML; React 19 warns when the client
// creates a copy, so that copy is marked as a data block.
const themeScriptProps = typeof window === "undefined" ? undefined : { type: "application/json" };

/**
 * Client-side context for every page. Translations come from NextIntlClientProvider in the root layout; `nonce`
 * is the request's CSP nonce, without which the theme script would be blocked.
 */
export function Providers({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    <ThemeProvider
      nonce={nonce}
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      scriptProps={themeScriptProps}
    >
      <NuqsAdapter>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </NuqsAdapter>
    </ThemeProvider>
  );
}
