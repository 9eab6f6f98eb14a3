// Next.js calls register() once when a server instance starts. Background work (event consumers, scheduled
// jobs) runs in the Node.js runtime only; IN_PROCESS_CONSUMERS and IN_PROCESS_JOBS turn each part off.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Traces when configured (a no-op under `npm start`, whose server started them already).
  const { startTracingIfConfigured } = await import("./server/lib/telemetry/start.ts");
  await startTracingIfConfigured();
  const { startBackgroundWorkOnce } = await import("./server/backbone/start.ts");
  await startBackgroundWorkOnce();
}
