import { describe, expect, it } from "vitest";
import { auditFilterHref, auditListInput, loadAuditFilters } from "./audit-filters";

describe("audit filters in the URL", () => {
  it("reads trimmed filters and treats blank or over-long values as no filter", () => {
    expect(loadAuditFilters("?entityType=%20ticket%20&entityId=42")).toEqual({
      entityType: "ticket",
      entityId: "42",
    });
    expect(loadAuditFilters(`?entityType=%20%20&entityId=${"x".repeat(129)}`)).toEqual({
      entityType: null,
      entityId: null,
    });
  });

  it("writes shareable links that read back to the same filters", () => {
    const href = auditFilterHref("/admin/audit", { entityType: "api_client", entityId: "a/b c" });
    expect(href).toMatch(/^\/admin\/audit\?/);
    expect(loadAuditFilters(href.slice(href.indexOf("?")))).toEqual({
      entityType: "api_client",
      entityId: "a/b c",
    });
    expect(auditFilterHref("/admin/audit", { entityType: null, entityId: null })).toBe("/admin/audit");
  });

  it("maps filters to the audit.list input", () => {
    expect(auditListInput({ entityType: "ticket", entityId: null })).toEqual({
      entityType: "ticket",
      entityId: undefined,
      limit: 50,
    });
  });
});
