import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument } from "yaml";
import { parseTemplate, type WorkflowTemplate } from "./template.ts";

// Template files: server/workflows/templates/*.yaml, read, parsed and validated with the line of each problem.

export const TEMPLATES_DIR = fileURLToPath(new URL("./templates/", import.meta.url));

export interface FileIssue {
  file: string;
  /** Dotted path inside the template ("steps.2.mode.n"), "(root)" or "(yaml)" for a syntax error. */
  path: string;
  line: number | null;
  message: string;
}

export type LoadedTemplate = { file: string; template: WorkflowTemplate };

/** Parses one YAML text; `file` only names it in the issues. */
export function loadTemplateText(
  file: string,
  source: string,
): { ok: true; template: WorkflowTemplate } | { ok: false; issues: FileIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? null : lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => ({
        file,
        path: "(yaml)",
        line: lineOf(error.pos[0]),
        message: error.message,
      })),
    };
  }
  const parsed = parseTemplate(doc.toJS());
  if (parsed.ok) return parsed;
  return {
    ok: false,
    issues: parsed.issues.map((issue) => {
      const segments =
        issue.path === "(root)" ? [] : issue.path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      // The nearest node that exists: a missing field is reported at the object that lacks it.
      let line: number | null = null;
      for (let n = segments.length; n >= 0 && line === null; n--) {
        const node = doc.getIn(segments.slice(0, n), true) as
          { range?: [number, number, number] } | undefined;
        if (node?.range) line = lineOf(node.range[0]);
      }
      return { file, path: issue.path, line, message: issue.message };
    }),
  };
}

/** Every template file of a folder (default: the repository's), with the problems of those that fail. */
export async function loadTemplateFiles(
  dir: string = TEMPLATES_DIR,
): Promise<{ templates: LoadedTemplate[]; issues: FileIssue[] }> {
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const templates: LoadedTemplate[] = [];
  const issues: FileIssue[] = [];
  const owners = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const loaded = loadTemplateText(name, await readFile(file, "utf8"));
    if (!loaded.ok) {
      issues.push(...loaded.issues);
      continue;
    }
    const owner = owners.get(loaded.template.key);
    if (owner) {
      issues.push({
        file: name,
        path: "key",
        line: null,
        message: `key "${loaded.template.key}" is also used by ${owner}`,
      });
      continue;
    }
    owners.set(loaded.template.key, name);
    templates.push({ file: name, template: loaded.template });
  }
  return { templates, issues };
}

/** Keys sorted at every depth: the same content always serializes (and hashes) the same way. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The identity of a version's content: publishing the same content twice makes no new version. */
export function templateContentHash(template: WorkflowTemplate): string {
  return createHash("sha256").update(canonicalJson(template)).digest("hex");
}
