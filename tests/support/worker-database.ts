// Runs in each test worker before its test file: the worker's own clone of the migrated database.
const worker = process.env.VITEST_POOL_ID ?? "1";
const url = process.env[`DATABASE_URL_WORKER_${worker}`];
if (!url) throw new Error(`no integration database for worker ${worker}`);
process.env.DATABASE_URL = url;
