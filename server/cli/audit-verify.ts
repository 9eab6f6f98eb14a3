import { verifyAuditChain } from "../audit/verify.ts";
import { getDb } from "../db/client.ts";

// `npm run audit:verify [-- --anchor <seq>:<hash> …]`: recompute the audit log's hash chain from its first entry.
// Exit 0 when intact, 1 with one line per problem otherwise (a changed, removed or inserted entry).

function anchorsFrom(argv: readonly string[]): { seq: string; hash: string }[] {
  return argv.flatMap((arg, i) => {
    if (arg !== "--anchor") return [];
    const match = /^(\d+):([0-9a-f]{64})$/.exec(argv[i + 1] ?? "");
    if (!match) throw new Error(`--anchor wants <seq>:<64 hex digits>, got "${argv[i + 1] ?? ""}"`);
    return [{ seq: match[1]!, hash: match[2]! }];
  });
}

try {
  const report = await verifyAuditChain(getDb(), anchorsFrom(process.argv.slice(2)));
  for (const problem of report.problems) {
    process.stdout.write(`seq ${problem.seq}: ${problem.problem}: ${problem.detail}\n`);
  }
  const head = report.head ? `head seq ${report.head.seq} ${report.head.hash}` : "no head";
  if (report.problems.length > 0) {
    process.stdout.write(
      `Audit chain BROKEN: ${report.problems.length} problem(s) in ${report.entries} entries.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`Audit chain intact: ${report.entries} entries, ${head}.\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
