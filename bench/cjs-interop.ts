import { register } from "node:module";

// tsx runs this script as native ESM, where `import X from "<CommonJS module>"` yields module.exports, not its
// `default` export as bundlers (Next, Vitest) give it. next-auth's credentials provider relies on the latter, and
// the tRPC context imports it. This loader hook hands that one module's `default` to ESM importers.
const HOOK = `
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
export async function load(url, context, nextLoad) {
  if (!url.includes("/next-auth/providers/credentials.js")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = "import { createRequire } from 'node:module';" +
    "const m = createRequire(" + JSON.stringify(url) + ")(" + JSON.stringify(file) + ");" +
    "export default m.default ?? m;";
  return { format: "module", source, shortCircuit: true };
}`;

export function registerCjsDefaultInterop(): void {
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
}
