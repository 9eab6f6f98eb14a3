import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layering rule of eslint.config.mjs, run through ESLint itself on made-up files: it must fail a crossing
// and pass code that keeps to the graph. The files need not exist; the path decides which layer they are in.

let eslint: ESLint;

// Loading the Next.js presets the config extends takes seconds on a busy machine: once, before the tests.
beforeAll(async () => {
  eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });
  await eslint.lintText("", { filePath: "server/lib/warm-up.ts" });
}, 60_000);

/** The layering messages ESLint reports for `code` as if it were the file at `filePath`. */
async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "no-restricted-imports")
    .map((message) => message.message);
}

describe("layering lint", () => {
  it("fails a domain importing another domain's repository", async () => {
    const errors = await layeringErrors(
      "server/tickets/crossing.ts",
      `import { loadCase } from "../risk/repository.ts";\nexport const load = loadCase;\n`,
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Another folder's repository is private/),
        expect.stringMatching(/server\/tickets may import no other domain/),
      ]),
    );
  });

  it("fails a non-repository file importing the Prisma client, and lets a repository do it", async () => {
    const code = `import { Prisma } from "../db/generated/client.ts";\nexport const sql = Prisma.sql;\n`;
    expect(await layeringErrors("server/tickets/crossing.ts", code)).toEqual([
      expect.stringMatching(/Only \*repository\.ts files .* import the Prisma client/),
    ]);
    expect(await layeringErrors("server/tickets/crossing-repository.ts", code)).toEqual([]);
  });

  it("fails imports against the domain graph and upward into the API or the backbone", async () => {
    const crossings: [string, string, RegExp][] = [
      ["server/alerts/crossing.ts", "../cities/board.ts", /server\/alerts may import server\/indicators/],
      ["server/indicators/crossing.ts", "../alerts/queries.ts", /server\/indicators may import no other/],
      ["server/risk/crossing.ts", "../tickets/types.ts", /server\/risk may import no other domain/],
      ["server/cities/crossing.ts", "../backbone/contract.ts", /below the API and the event backbone/],
      ["server/tickets/crossing.ts", "../api/trpc.ts", /below the API and the event backbone/],
      ["server/lib/crossing.ts", "../tickets/types.ts", /foundation .* imports no domain/],
      ["server/api/routers/crossing.ts", "../../tickets/repository.ts", /repository is private/],
      ["app/(console)/crossing/page.tsx", "@/server/risk/case-repository", /repository is private/],
      ["components/crossing.tsx", "@/server/db/generated/client", /import the Prisma client/],
    ];
    for (const [filePath, specifier, message] of crossings) {
      const errors = await layeringErrors(
        filePath,
        `import { x } from "${specifier}";\nexport const y = x;\n`,
      );
      expect(errors, `${filePath} importing ${specifier}`).toEqual(
        expect.arrayContaining([expect.stringMatching(message)]),
      );
    }
  });

  it("passes code that keeps to the graph", async () => {
    const code = [
      `import { openAlertSummaries } from "../alerts/queries.ts";`,
      `import { METRICS } from "../indicators/metrics.ts";`,
      `import { withTransaction } from "../db/transaction.ts";`,
      `import { recordEvent } from "../events/record.ts";`,
      `import { loadSessionUser } from "../auth/repository.ts";`,
      `import { findCity } from "./repository.ts";`,
      `export const used = [openAlertSummaries, METRICS, withTransaction, recordEvent, loadSessionUser, findCity];`,
      "",
    ].join("\n");
    expect(await layeringErrors("server/cities/obeying.ts", code)).toEqual([]);
    const router = `import { listCases } from "../../risk/queries.ts";\nexport const list = listCases;\n`;
    expect(await layeringErrors("server/api/routers/obeying.ts", router)).toEqual([]);
  });
});
