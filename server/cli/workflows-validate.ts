import { writeFile } from "node:fs/promises";
import { loadTemplateFiles, TEMPLATES_DIR } from "../workflows/template-files.ts";
import { TEMPLATE_SCHEMA_FILE, templateSchemaText } from "../workflows/template-schema-file.ts";

// `npm run workflows:validate [-- <folder>] [-- --write-schema]`: validate every workflow template file
// (default: server/workflows/templates). One line per problem (file:line path: message); exit 1 when any.
// --write-schema regenerates server/workflows/template.schema.json from the zod schema first.

const args = process.argv.slice(2);
if (args.includes("--write-schema")) {
  await writeFile(TEMPLATE_SCHEMA_FILE, templateSchemaText());
  process.stdout.write(`Wrote ${TEMPLATE_SCHEMA_FILE}\n`);
}
const dir = args.find((arg) => !arg.startsWith("--")) ?? TEMPLATES_DIR;
const { templates, issues } = await loadTemplateFiles(dir);
for (const issue of issues) {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
  process.stdout.write(`${where} ${issue.path}: ${issue.message}\n`);
}
if (issues.length > 0) {
  const files = new Set(issues.map((issue) => issue.file)).size;
  process.stdout.write(
    `${issues.length} problem(s) in ${files} file(s); ${templates.length} template(s) valid.\n`,
  );
  process.exit(1);
}
process.stdout.write(`${templates.length} workflow template(s) valid.\n`);
