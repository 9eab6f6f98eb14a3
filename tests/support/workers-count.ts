// Two test files at a time: these machines have two cores, and the database server shares them.
export const INTEGRATION_WORKERS = 2;
