import { describe, expect, it } from "vitest";
import { z } from "zod";
import { openApiDocument } from "./index.ts";
import { jsonSchema } from "./json-schema.ts";
import { routeModules } from "../../../tests/support/security-routes.ts";

type Operation = {
  operationId: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

const METHODS = ["get", "put", "post", "patch", "delete"] as const;
const document = openApiDocument();
const paths = document.paths as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
const operations = Object.entries(paths).flatMap(([route, item]) =>
  METHODS.flatMap((method) => (item[method] ? [{ route, method, operation: item[method] }] : [])),
);

function resolvePointer(pointer: string): unknown {
  return pointer
    .replace(/^#\//, "")
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" ? [value] : refsIn(value),
  );
}

describe("the OpenAPI document", () => {
  it("documents every method of every route under app/api/operations", () => {
    const modules = routeModules();
    expect(modules.length).toBeGreaterThanOrEqual(10);
    for (const { route, methods } of modules) {
      expect(methods.length, route).toBeGreaterThan(0);
      for (const method of methods) {
        expect(
          paths[route]?.[method as (typeof METHODS)[number]],
          `${method.toUpperCase()} ${route}`,
        ).toBeDefined();
      }
    }
  });

  it("is well-formed OpenAPI 3.1", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+/);
    const tags = new Set(document.tags.map((tag) => tag.name));
    const scopes = Object.keys(document.components.securitySchemes.oauth2.flows.clientCredentials.scopes);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { route, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${route}`;
      expect(route, where).toMatch(/^\//);
      expect(
        operation.tags.every((tag) => tags.has(tag)),
        where,
      ).toBe(true);
      for (const requirement of operation.security) {
        for (const [scheme, needed] of Object.entries(requirement)) {
          expect(scheme, where).toBe("oauth2");
          expect(
            needed.every((scope) => scopes.includes(scope)),
            where,
          ).toBe(true);
        }
      }
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((status) => /^2\d\d$/.test(status)),
        where,
      ).toBe(true);
      for (const response of Object.values(operation.responses))
        expect(response.description, where).toBeTruthy();
      const templated = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const inPath = (operation.parameters ?? []).filter((p) => p.in === "path");
      expect(inPath.map((p) => p.name).sort(), where).toEqual(templated);
      expect(
        inPath.every((p) => p.required),
        where,
      ).toBe(true);
    }
  });

  it("resolves every $ref and carries no schema-local $defs or $schema", () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\//);
      expect(resolvePointer(ref), ref).toBeDefined();
    }
    const text = JSON.stringify(document);
    expect(text).not.toContain('"$schema"');
    expect(text).not.toContain("#/$defs/");
  });

  it("answers one error envelope everywhere but the OAuth token endpoint", () => {
    const envelope = { $ref: "#/components/schemas/ErrorEnvelope" };
    const oauth = { $ref: "#/components/schemas/OAuthError" };
    for (const { route, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^4\d\d$/.test(status)) continue;
        const schema = response.content?.["application/json"]?.schema;
        expect(schema, `${status} of ${method.toUpperCase()} ${route}`).toEqual(
          route === "/api/oauth/token" ? oauth : envelope,
        );
      }
    }
    expect(resolvePointer("#/components/schemas/ErrorEnvelope")).toMatchObject({
      properties: { error: { required: ["code", "message"] } },
    });
  });

  it("keeps each route's scope and path parameters", () => {
    expect(paths["/api/operations/tickets"]?.get?.security).toEqual([{ oauth2: ["tickets:read"] }]);
    expect(paths["/api/operations/tickets/{id}"]?.patch?.parameters?.[0]).toMatchObject({
      name: "id",
      in: "path",
      schema: { type: "string", format: "uuid" },
    });
    const limit = paths["/api/operations/risks"]?.get?.parameters?.find((p) => p.name === "limit");
    expect(limit).toMatchObject({ in: "query", required: false, schema: { type: "integer", maximum: 200 } });
  });
});

describe("jsonSchema", () => {
  it("writes a Date as an ISO 8601 date-time string, on both sides", () => {
    const schema = z.object({ at: z.date() });
    for (const io of ["input", "output"] as const) {
      expect(jsonSchema(schema, io)).toMatchObject({
        properties: { at: { type: "string", format: "date-time" } },
      });
    }
  });
});
