import type { Db } from "../db/client.ts";
import type { InputJsonObject } from "../db/json.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { parseTemplate } from "./template.ts";
import { loadTemplateFiles, templateContentHash } from "./template-files.ts";
import { findVersionByHash, insertVersion, upsertTemplate } from "./template-repository.ts";

// Publishing templates: each publish of new content is a new immutable version (numbered 1, 2, …); publishing
// content already published (same hash) makes none. Running instances keep the version they pinned.

export interface PublishResult {
  templateKey: string;
  number: number;
  label: string;
  contentHash: string;
  created: boolean;
}

export async function publishTemplate(
  db: Db,
  context: ServiceContext,
  input: { definition: unknown },
): Promise<PublishResult> {
  requirePermission(context, "workflows:manage");
  const parsed = parseTemplate(input.definition);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new AppError("BAD_REQUEST", `definition.${first?.path}: ${first?.message}`, {
      details: { issues: parsed.issues },
    });
  }
  const template = parsed.template;
  const contentHash = templateContentHash(template);
  return withTransaction(db, async (tx) => {
    const templateId = await upsertTemplate(tx, template);
    const existing = await findVersionByHash(tx, templateId, contentHash);
    if (existing)
      return {
        templateKey: template.key,
        number: existing.number,
        label: existing.label,
        contentHash,
        created: false,
      };
    const version = await insertVersion(tx, {
      templateId,
      label: template.version,
      contentHash,
      definition: template,
      publishedById: context.actor.type === "user" ? context.actor.id : null,
      publishedAt: context.clock.now(),
    });
    const payload: InputJsonObject = {
      templateKey: template.key,
      number: version.number,
      label: version.label,
      contentHash,
      steps: template.steps.map((s) => s.key),
    };
    await recordEvents(tx, context, [
      {
        type: "WorkflowTemplatePublished",
        aggregateType: "workflow_template",
        aggregateId: templateId,
        payload,
      },
    ]);
    return {
      templateKey: template.key,
      number: version.number,
      label: version.label,
      contentHash,
      created: true,
    };
  });
}

/** Publishes every template file of the repository (or of `dir`); a file that fails validation stops it first. */
export async function publishTemplateFiles(
  db: Db,
  context: ServiceContext,
  dir?: string,
): Promise<PublishResult[]> {
  const { templates, issues } = await loadTemplateFiles(dir);
  if (issues.length > 0) {
    const first = issues[0];
    throw new AppError("BAD_REQUEST", `${first?.file} ${first?.path}: ${first?.message}`, {
      details: { issues },
    });
  }
  const results: PublishResult[] = [];
  for (const { template } of templates)
    results.push(await publishTemplate(db, context, { definition: template }));
  return results;
}
