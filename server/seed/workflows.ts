import type { ClientBase } from "pg";
import { taskChecklist } from "../workflows/template.ts";
import { loadTemplateFiles, templateContentHash } from "../workflows/template-files.ts";
import type { Rng } from "./random.ts";

// The workflow templates of the repository (server/workflows/templates/*.yaml) published as version 1 of each,
// in the seed's transaction. Response plans keep the template rows the alert seed made (same keys): they gain
// their engine version here, and their checklist stays as it was.

export async function seedWorkflowTemplates(db: ClientBase, rng: Rng, now: Date): Promise<number> {
  const { templates, issues } = await loadTemplateFiles();
  if (issues.length > 0)
    throw new Error(
      `workflow template files are invalid: ${issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join("; ")}`,
    );
  for (const { template } of templates) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "WorkflowTemplate" (id, key, name, "nameJa", kind, description, steps, version, "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, "nameJa" = EXCLUDED."nameJa", kind = EXCLUDED.kind,
         description = EXCLUDED.description, steps = EXCLUDED.steps, version = 1
       RETURNING id`,
      [
        rng.uuid7(now),
        template.key,
        template.name,
        template.nameJa,
        template.kind,
        template.description ?? null,
        JSON.stringify(taskChecklist(template)),
        now,
      ],
    );
    await db.query(
      `INSERT INTO "WorkflowTemplateVersion" (id, "templateId", number, label, "contentHash", definition, "publishedAt")
       VALUES ($1, $2, 1, $3, $4, $5, $6)`,
      [
        rng.uuid7(now),
        rows[0]?.id,
        template.version,
        templateContentHash(template),
        JSON.stringify(template),
        now,
      ],
    );
  }
  return templates.length;
}
