// npm run bench:cities [-- --cities=50 --rules=1000 --days=8 --batch=5000 --keep]
import { runBenchmark } from "./cities-run.ts";

runBenchmark().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
