/**
 * Node flags of the app server process (npm start, and the benchmarks that start it the same way). A larger young
 * generation: processing events in batches makes many short-lived objects, and with Node's default semi-space
 * the collector took 14% of the process's CPU under load.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
