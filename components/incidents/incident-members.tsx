"use client";

import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import type { MemberView } from "@/server/incidents/contract";

const KINDS = ["ticket", "risk_case", "alert"] as const;

/** A ticket or risk case opens its own page; an alert is shown on its city's page, named there by rule. */
const PAGE: Partial<Record<(typeof KINDS)[number], string>> = { ticket: "/tickets", risk_case: "/risk" };

function MemberRef({ kind, id }: { kind: (typeof KINDS)[number]; id: string }) {
  const short = <span className="font-mono">{id.slice(0, 8)}</span>;
  const page = PAGE[kind];
  return page ? (
    <Link href={`${page}/${id}`} className="underline-offset-2 hover:underline">
      {short}
    </Link>
  ) : (
    short
  );
}

/** A room of thousands lists the first members of each kind until asked for all. */
const SHOWN = 50;

/** Members grouped by kind, each with why it joined (rule, version, key) or that it was added by hand. */
export function IncidentMembers({ members }: { members: MemberView[] }) {
  const t = useTranslations("incidents");
  const format = useFormatter();
  const [all, setAll] = useState(false);
  return (
    <Card className="min-w-0 self-start p-4 max-sm:p-3">
      <h3 className="font-semibold">{t("room.members")}</h3>
      {KINDS.map((kind) => {
        const group = members.filter((m) => m.kind === kind);
        if (group.length === 0) return null;
        const active = group.filter((m) => !m.removedAt).length;
        return (
          <section key={kind} className="mt-3">
            <h4
              className="text-sm font-medium"
              data-testid={`incident-members-count-${kind}`}
              data-count={active}
            >
              {t(`kind.${kind}`)} ({active})
            </h4>
            <ul className="mt-1 space-y-1 text-xs" data-testid={`incident-members-${kind}`}>
              {(all ? group : group.slice(0, SHOWN)).map((member) => (
                <li
                  key={member.id}
                  className={member.removedAt ? "break-words line-through opacity-60" : "break-words"}
                >
                  <MemberRef kind={kind} id={member.memberId} /> {member.label ?? ""} —{" "}
                  {member.ruleName
                    ? t("room.why", {
                        rule: member.ruleName,
                        version: member.ruleVersion ?? 0,
                        key: member.correlationKey ?? "",
                      })
                    : t("room.byHand")}
                  {member.recoveredAt ? (
                    <span className="text-success" data-testid="member-recovered">
                      {" "}
                      · {t("room.recovered", { at: format.dateTime(member.recoveredAt, "short") })}
                    </span>
                  ) : null}
                  {member.removedReason ? ` (${member.removedReason})` : ""}
                </li>
              ))}
            </ul>
            {!all && group.length > SHOWN ? (
              <button type="button" className="mt-1 text-xs underline" onClick={() => setAll(true)}>
                {t("room.showAll", { count: group.length })}
              </button>
            ) : null}
          </section>
        );
      })}
    </Card>
  );
}
