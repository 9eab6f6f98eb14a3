// npm run bench:tickets [-- --tickets=N --explain --keep --reuse=<kept database>]. The interop shim must run before the server modules are
// even linked (Node resolves CommonJS imports at link time), hence the dynamic import after it.
import "./next-auth-interop.ts";

const { runBenchmark } = await import("./tickets-run.ts");

runBenchmark().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
