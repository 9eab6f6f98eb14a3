// npm run bench:tickets [-- --tickets=N --explain --keep --reuse=<kept database>]
import { runBenchmark } from "./tickets-run.ts";

runBenchmark().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
