import type { TemplateStep } from "./template.ts";

// Two published versions of a template side by side: which steps were added, removed, moved or changed (and which
// fields), in the newer version's order with removed steps where they stood. Pure; the admin screen shows it.

type StepChange = "added" | "removed" | "changed" | "moved" | "same";

export interface StepDiffRow {
  key: string;
  change: StepChange;
  /** Top-level fields of the step whose value differs (kind, candidates, mode, sla …). */
  fields: string[];
  before: { position: number; title: string; kind: string } | null;
  after: { position: number; title: string; kind: string } | null;
}

const summary = (step: TemplateStep, index: number) => ({
  position: index + 1,
  title: step.title,
  kind: step.kind,
});

/** Stable JSON (sorted keys), so two equal definitions compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

function changedFields(before: TemplateStep, after: TemplateStep): string[] {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== "key");
  return keys.filter((k) => canonical(a[k]) !== canonical(b[k])).sort();
}

export function diffSteps(before: readonly TemplateStep[], after: readonly TemplateStep[]): StepDiffRow[] {
  const oldIndex = new Map(before.map((step, i) => [step.key, i]));
  const newKeys = new Set(after.map((step) => step.key));
  const rows: StepDiffRow[] = [];
  const removedBefore = (limit: number) =>
    before.forEach((step, i) => {
      if (i < limit && !newKeys.has(step.key) && !rows.some((r) => r.key === step.key))
        rows.push({ key: step.key, change: "removed", fields: [], before: summary(step, i), after: null });
    });
  after.forEach((step, i) => {
    const j = oldIndex.get(step.key);
    if (j === undefined) {
      rows.push({ key: step.key, change: "added", fields: [], before: null, after: summary(step, i) });
      return;
    }
    removedBefore(j);
    const old = before[j] as TemplateStep;
    const fields = changedFields(old, step);
    const movedPosition = before.filter((s) => newKeys.has(s.key)).indexOf(old) !== i - addedBefore(i);
    rows.push({
      key: step.key,
      change: fields.length > 0 ? "changed" : movedPosition ? "moved" : "same",
      fields,
      before: summary(old, j),
      after: summary(step, i),
    });
  });
  removedBefore(before.length);
  return rows;

  function addedBefore(index: number): number {
    return after.slice(0, index).filter((s) => !oldIndex.has(s.key)).length;
  }
}
