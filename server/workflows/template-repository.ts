import type { InputJsonObject } from "../db/json.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import { parseTemplate, taskChecklist, type WorkflowTemplate } from "./template.ts";

// Templates and their immutable published versions: the only Prisma user for them.

export interface PublishedVersion {
  id: string;
  templateId: string;
  templateKey: string;
  number: number;
  label: string;
  contentHash: string;
  definition: WorkflowTemplate;
  publishedAt: Date;
}

const VERSION_SELECT = {
  id: true,
  templateId: true,
  number: true,
  label: true,
  contentHash: true,
  definition: true,
  publishedAt: true,
  template: { select: { key: true } },
} as const;

function toVersion(row: {
  id: string;
  templateId: string;
  number: number;
  label: string;
  contentHash: string;
  definition: unknown;
  publishedAt: Date;
  template: { key: string };
}): PublishedVersion {
  const parsed = parseTemplate(row.definition);
  // A stored version was valid when published; a failure here is a schema change that forgot the stored data.
  if (!parsed.ok)
    throw new Error(`stored workflow version ${row.id} no longer parses: ${JSON.stringify(parsed.issues)}`);
  const { template, ...rest } = row;
  return { ...rest, templateKey: template.key, definition: parsed.template };
}

/** Creates the template row for a new key, or refreshes its names and checklist; returns its id. */
export async function upsertTemplate(tx: Tx, template: WorkflowTemplate): Promise<string> {
  const fields = {
    name: template.name,
    nameJa: template.nameJa,
    kind: template.kind,
    description: template.description ?? null,
    steps: taskChecklist(template),
  };
  const row = await tx.workflowTemplate.upsert({
    where: { key: template.key },
    create: { key: template.key, ...fields },
    update: fields,
    select: { id: true },
  });
  return row.id;
}

export async function findVersionByHash(
  db: Queryable,
  templateId: string,
  contentHash: string,
): Promise<PublishedVersion | null> {
  const row = await db.workflowTemplateVersion.findUnique({
    where: { templateId_contentHash: { templateId, contentHash } },
    select: VERSION_SELECT,
  });
  return row ? toVersion(row) : null;
}

export async function insertVersion(
  tx: Tx,
  version: {
    templateId: string;
    label: string;
    contentHash: string;
    definition: WorkflowTemplate;
    publishedById: string | null;
    publishedAt: Date;
  },
): Promise<PublishedVersion> {
  const latest = await tx.workflowTemplateVersion.aggregate({
    where: { templateId: version.templateId },
    _max: { number: true },
  });
  const number = (latest._max.number ?? 0) + 1;
  const row = await tx.workflowTemplateVersion.create({
    data: { ...version, definition: version.definition as unknown as InputJsonObject, number },
    select: VERSION_SELECT,
  });
  await tx.workflowTemplate.update({ where: { id: version.templateId }, data: { version: number } });
  return toVersion(row);
}

export async function findVersion(
  db: Queryable,
  templateKey: string,
  number: number,
): Promise<PublishedVersion | null> {
  const row = await db.workflowTemplateVersion.findFirst({
    where: { number, template: { key: templateKey } },
    select: VERSION_SELECT,
  });
  return row ? toVersion(row) : null;
}

/** The newest published version of a template. */
export async function latestVersion(db: Queryable, templateKey: string): Promise<PublishedVersion | null> {
  const row = await db.workflowTemplateVersion.findFirst({
    where: { template: { key: templateKey } },
    orderBy: { number: "desc" },
    select: VERSION_SELECT,
  });
  return row ? toVersion(row) : null;
}
