"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from "@/server/tickets/types";
import { FieldSelect } from "./field-select";
import type { FilterOptions, TicketChange, TicketDetail } from "./types";
import type { Attempt } from "./use-ticket-writes";

const UNASSIGNED = "";

interface TicketFieldsProps {
  ticket: TicketDetail;
  options: FilterOptions;
  selfId: string;
  canWrite: boolean;
  pending: Attempt | null;
  onChange: (change: TicketChange) => void;
  onAssignToMe: () => void;
}

function savingField(pending: Attempt | null, field: keyof TicketChange): boolean {
  return pending?.kind === "update" && pending.change[field] !== undefined;
}

/** Status (only the moves the lifecycle allows), priority, category and assignee; each saves on change. */
export function TicketFields({
  ticket,
  options,
  selfId,
  canWrite,
  pending,
  onChange,
  onAssignToMe,
}: TicketFieldsProps) {
  const t = useTranslations("tickets");
  const closed = ticket.status === "closed";
  const locked = !canWrite || closed || pending !== null;
  const nameOf = (agent: { id: string; name: string }) =>
    agent.id === selfId ? t("fields.me", { name: agent.name }) : agent.name;
  // Load against capacity, so whoever assigns by hand sees who has room (the server refuses a full agent).
  const agentOptions = options.agents
    .filter((agent) => agent.teamId === ticket.team.id)
    .map((agent) => ({
      value: agent.id,
      label: t("fields.agentLoad", { name: nameOf(agent), load: agent.load, capacity: agent.capacity }),
    }));
  const assignee = ticket.assignee;
  if (assignee && !agentOptions.some((option) => option.value === assignee.id)) {
    agentOptions.push({ value: assignee.id, label: nameOf(assignee) });
  }

  return (
    <div className="space-y-3" data-testid="ticket-fields">
      <FieldSelect
        label={t("fields.status")}
        testId="field-status"
        value={ticket.status}
        options={[ticket.status, ...ticket.nextStatuses].map((status) => ({
          value: status,
          label: t(`status.${status}`),
        }))}
        disabled={locked || ticket.nextStatuses.length === 0}
        saving={savingField(pending, "status")}
        hint={closed ? t("fields.closedHint") : undefined}
        onChange={(value) => {
          const status = ticket.nextStatuses.find((next) => next === value);
          if (status) onChange({ status });
        }}
      />
      <FieldSelect
        label={t("fields.priority")}
        testId="field-priority"
        value={ticket.priority}
        options={TICKET_PRIORITIES.map((value) => ({
          value,
          label: `${value} · ${t(`priorityName.${value}`)}`,
        }))}
        disabled={locked}
        saving={savingField(pending, "priority")}
        onChange={(value) => {
          const priority = TICKET_PRIORITIES.find((p) => p === value);
          if (priority && priority !== ticket.priority) onChange({ priority });
        }}
      />
      <FieldSelect
        label={t("fields.category")}
        testId="field-category"
        value={ticket.category}
        options={TICKET_CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) }))}
        disabled={locked}
        saving={savingField(pending, "category")}
        hint={t("fields.categoryHint")}
        onChange={(value) => {
          const category = TICKET_CATEGORIES.find((c) => c === value);
          if (category && category !== ticket.category) onChange({ category });
        }}
      />
      <div>
        <FieldSelect
          label={t("fields.assignee")}
          testId="field-assignee"
          value={ticket.assignee?.id ?? UNASSIGNED}
          options={[{ value: UNASSIGNED, label: t("queue.unassigned") }, ...agentOptions]}
          disabled={locked}
          saving={savingField(pending, "assigneeId") || pending?.kind === "assignToMe"}
          onChange={(value) => onChange({ assigneeId: value === UNASSIGNED ? null : value })}
        />
        {ticket.assignee?.id !== selfId && canWrite && !closed ? (
          <Button
            size="sm"
            variant="ghost"
            className="mt-1 -ml-2 text-accent"
            data-testid="assign-to-me"
            disabled={pending !== null}
            onClick={onAssignToMe}
          >
            {t("fields.assignToMe")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
