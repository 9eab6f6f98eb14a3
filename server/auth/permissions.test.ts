import { describe, expect, it } from "vitest";
import { can, permissionsOf } from "./permissions";

describe("permissionsOf", () => {
  it("gives each role only its own area", () => {
    expect(can(["support_agent"], "tickets:read")).toBe(true);
    expect(can(["support_agent"], "risks:read")).toBe(false);
    expect(can(["city_manager"], "tickets:read")).toBe(false);
    expect(can(["risk_manager"], "pii:view")).toBe(false);
  });

  it("combines several roles and explicit grants", () => {
    const perms = permissionsOf(["support_agent", "risk_manager"], ["pii:view"]);
    expect(perms.has("tickets:write")).toBe(true);
    expect(perms.has("risks:write")).toBe(true);
    expect(perms.has("pii:view")).toBe(true);
    expect(perms.has("audit:read")).toBe(false);
  });

  it("denies unknown roles and grants", () => {
    expect(permissionsOf(["superuser"], ["everything"]).size).toBe(0);
  });

  it("lets admin do everything", () => {
    expect(can(["admin"], "api_clients:manage")).toBe(true);
  });
});
