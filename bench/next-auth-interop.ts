import { register } from "node:module";

// tsx runs the server code as plain Node ESM, where the default import of a CommonJS module is its whole
// `exports` object, while Next's bundler (and Vitest) unwrap `exports.default`. The tRPC context imports the
// next-auth credentials provider that way; this loader hook serves that one module as ESM with the default
// unwrapped. Register it before anything that reaches server/api/trpc.ts is imported.
const HOOKS = `
export async function load(url, context, nextLoad) {
  if (!url.endsWith("/next-auth/providers/credentials.js")) return nextLoad(url, context);
  const source = "import { createRequire } from 'node:module';" +
    "export default createRequire(import.meta.url)(" + JSON.stringify(new URL(url).pathname) + ").default;";
  return { format: "module", source, shortCircuit: true };
}`;

register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
