import { createLoader, createParser, createSerializer } from "nuqs/server";

// The audit log's filters live in the URL (shareable links). Shared by the page (server) and the log (client).

/** Trimmed text within audit.list's input limits; anything else counts as "no filter" rather than an error page. */
const textFilter = (max: number) =>
  createParser({
    parse: (value) => {
      const text = value.trim();
      return text.length > 0 && text.length <= max ? text : null;
    },
    serialize: (value: string) => value,
  });

export const ENTITY_TYPE_MAX = 64;
export const ENTITY_ID_MAX = 128;

export const auditFilterParsers = {
  entityType: textFilter(ENTITY_TYPE_MAX),
  entityId: textFilter(ENTITY_ID_MAX),
};

export type AuditFilters = { entityType: string | null; entityId: string | null };

export const loadAuditFilters = createLoader(auditFilterParsers);
export const auditFilterHref = createSerializer(auditFilterParsers);

const AUDIT_PAGE_SIZE = 50;

/** The audit.list input for these filters (without the cursor). */
export function auditListInput(filters: AuditFilters) {
  return {
    entityType: filters.entityType ?? undefined,
    entityId: filters.entityId ?? undefined,
    limit: AUDIT_PAGE_SIZE,
  };
}

export function sameAuditFilters(a: AuditFilters, b: AuditFilters): boolean {
  return a.entityType === b.entityType && a.entityId === b.entityId;
}
