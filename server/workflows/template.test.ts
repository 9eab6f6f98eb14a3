/* eslint-disable @typescript-eslint/no-explicit-any -- the fixtures below are broken on purpose, in ways no type allows */
import { readFile } from "node:fs/promises";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESPONSE_PLANS } from "../seed/alert-catalog.ts";
import { parseTemplate, taskChecklist } from "./template.ts";
import { loadTemplateFiles, loadTemplateText, templateContentHash } from "./template-files.ts";
import { TEMPLATE_SCHEMA_FILE, templateSchemaText } from "./template-schema-file.ts";

const minimal = () => ({
  key: "demo",
  name: "Demo",
  nameJa: "デモ",
  version: "1",
  steps: [
    { key: "do_it", kind: "task", title: "Do it", titleJa: "実施", candidates: { roles: ["support_agent"] } },
    {
      key: "ok",
      kind: "approval",
      title: "OK",
      titleJa: "承認",
      approvers: { roles: ["risk_manager"] },
      mode: { type: "any" },
    },
  ],
});

function issuesOf(input: unknown) {
  const result = parseTemplate(input);
  if (result.ok) throw new Error("expected the template to be refused");
  return result.issues;
}

describe("template files in the repository", () => {
  it("all validate (CI runs this), with unique keys", async () => {
    const { templates, issues } = await loadTemplateFiles();
    expect(issues).toEqual([]);
    expect(templates.map((t) => t.template.key)).toEqual(
      expect.arrayContaining([
        "courier_safety_incident",
        "account_takeover_mitigation",
        "refund_approval",
        "restaurant_suspension",
        "postmortem",
        ...RESPONSE_PLANS.map((plan) => plan.key),
      ]),
    );
  });

  it("keep the response plans of today: the same checklist, then a wait for the city's recovery", async () => {
    const { templates } = await loadTemplateFiles();
    for (const plan of RESPONSE_PLANS) {
      const template = templates.find((t) => t.template.key === plan.key)?.template;
      expect(template?.kind).toBe("response_plan");
      expect(template && taskChecklist(template)).toEqual(plan.steps);
      expect(template?.steps.at(-1)).toMatchObject({
        kind: "wait_for_event",
        event: { type: "AlertResolved" },
      });
    }
  });

  it("restaurant suspension needs one approval from risk and one from a city manager", async () => {
    const { templates } = await loadTemplateFiles();
    const step = templates.find((t) => t.template.key === "restaurant_suspension")?.template.steps[0];
    expect(step).toMatchObject({
      kind: "approval",
      mode: {
        type: "per_group",
        groups: [{ candidates: { roles: ["risk_manager"] } }, { candidates: { roles: ["city_manager"] } }],
      },
    });
  });

  it("publish a JSON schema that matches the zod schema (regenerate: npm run workflows:validate -- --write-schema)", async () => {
    // Compared as data: Prettier may lay the committed file out differently.
    expect(JSON.parse(await readFile(TEMPLATE_SCHEMA_FILE, "utf8"))).toEqual(
      JSON.parse(templateSchemaText()),
    );
  });
});

describe("parseTemplate", () => {
  it("fills the defaults: policy with separation of duties, cancel on close, no bindings", () => {
    const result = parseTemplate(minimal());
    expect(result).toMatchObject({
      ok: true,
      template: {
        kind: "workflow",
        bindings: [],
        onBoundClose: "cancel",
        policy: { enforceStepOrder: true, approverNotInitiator: true, approverNotEarlierActor: true },
      },
    });
  });

  it.each([
    [
      "a duplicate step key",
      (t: any) => t.steps.push({ ...t.steps[0] }),
      "steps.2.key",
      /duplicate step key/,
    ],
    ["an unknown step kind", (t: any) => (t.steps[0].kind = "script"), "steps.0.kind", /kind is one of/],
    [
      "an unknown role",
      (t: any) => (t.steps[0].candidates.roles = ["boss"]),
      "steps.0.candidates.roles.0",
      /role/,
    ],
    [
      "no candidate",
      (t: any) => (t.steps[0].candidates = {}),
      "steps.0.candidates",
      /at least one candidate/,
    ],
    ["n_of without n", (t: any) => (t.steps[1].mode = { type: "n_of" }), "steps.1.mode.n", /.+/],
    [
      "approvers left out",
      (t: any) => delete t.steps[1].approvers,
      "steps.1.approvers",
      /approvers is required/,
    ],
    [
      "a single group",
      (t: any) =>
        (t.steps[1].mode = { type: "per_group", groups: [{ key: "a", candidates: { roles: ["admin"] } }] }),
      "steps.1.mode.groups",
      /two groups/,
    ],
    [
      "a policy on a missing step",
      (t: any) => (t.policy = { requiredRoles: { nope: ["admin"] } }),
      "policy.requiredRoles.nope",
      /no step "nope"/,
    ],
    [
      "a threshold on a task",
      (t: any) => (t.policy = { amountThreshold: { above: 10, steps: ["do_it"] } }),
      "policy.amountThreshold.steps.0",
      /not an approval step/,
    ],
    [
      "a percentage above 100",
      (t: any) => (t.steps[1].mode = { type: "percent", percent: 120 }),
      "steps.1.mode.percent",
      /.+/,
    ],
    ["an unknown field", (t: any) => (t.owner = "x"), "(root)", /owner/],
    [
      "a timer of zero minutes",
      (t: any) => t.steps.push({ key: "t", kind: "timer", title: "T", titleJa: "T", minutes: 0 }),
      "steps.2.minutes",
      /at least 1 minute/,
    ],
  ])("refuses %s, naming the path", (_label, change, issuePath, message) => {
    const template = minimal();
    change(template);
    const issues = issuesOf(template);
    expect(issues).toContainEqual({ path: issuePath, message: expect.stringMatching(message) });
  });
});

describe("template files", () => {
  it("report the file, the line and the path of each problem, and YAML syntax errors", () => {
    const bad = loadTemplateText(
      "bad.yaml",
      [
        "key: demo",
        "name: Demo",
        "nameJa: デモ",
        "version: '1'",
        "steps:",
        "  - key: x",
        "    kind: task",
        "    title: X",
        "    titleJa: X",
        "    candidates: { roles: [boss] }",
      ].join("\n"),
    );
    expect(bad).toEqual({
      ok: false,
      issues: [
        {
          file: "bad.yaml",
          path: "steps.0.candidates.roles.0",
          line: 10,
          message: expect.stringMatching(/role/),
        },
      ],
    });
    const broken = loadTemplateText("broken.yaml", "key: [unclosed\n");
    expect(broken).toMatchObject({
      ok: false,
      issues: [{ file: "broken.yaml", path: "(yaml)", line: expect.any(Number) }],
    });
  });

  it("refuse two files with the same key", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "wf-templates-"));
    const text = JSON.stringify(minimal());
    await writeFile(path.join(dir, "a.yaml"), text);
    await writeFile(path.join(dir, "b.yaml"), text);
    const { templates, issues } = await loadTemplateFiles(dir);
    expect(templates).toHaveLength(1);
    expect(issues).toEqual([
      { file: "b.yaml", path: "key", line: null, message: 'key "demo" is also used by a.yaml' },
    ]);
  });

  it("hash the same content the same way whatever the key order, and different content differently", () => {
    const a = parseTemplate(minimal());
    const reordered = Object.fromEntries(Object.entries(minimal()).reverse());
    const b = parseTemplate(reordered);
    const changed = minimal();
    changed.steps[0]!.title = "Do it now";
    const c = parseTemplate(changed);
    if (!a.ok || !b.ok || !c.ok) throw new Error("fixtures must parse");
    expect(templateContentHash(a.template)).toBe(templateContentHash(b.template));
    expect(templateContentHash(a.template)).not.toBe(templateContentHash(c.template));
  });
});
