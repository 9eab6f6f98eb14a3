import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";

interface StatusPageProps {
  icon: ReactNode;
  code: string;
  title: string;
  body: string;
  linkLabel: string;
}

/** Full-page message for 403/404: what happened and the way back. */
export function StatusPage({ icon, code, title, body, linkLabel }: StatusPageProps) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-surface-muted px-6 py-16">
      <div className="w-full max-w-md text-center">
        <span className="mx-auto inline-flex size-12 items-center justify-center rounded-full border border-border bg-surface text-fg-muted shadow-xs">
          {icon}
        </span>
        <p className="mt-5 font-mono text-xs font-medium tracking-widest text-fg-muted">{code}</p>
        <h1 className="mt-2 text-xl font-semibold tracking-tight text-balance">{title}</h1>
        <p className="mt-2 text-sm text-pretty text-fg-muted">{body}</p>
        <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
          {linkLabel}
        </Link>
      </div>
    </main>
  );
}
