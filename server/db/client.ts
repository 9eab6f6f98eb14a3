import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { requireDatabaseUrl } from "../lib/env.ts";
import { UTC_SESSION } from "./session.ts";

export type Db = PrismaClient;

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10, options: UTC_SESSION }) });
}

// One client per process; survives Next's module reloading in development.
const globalForDb = globalThis as unknown as { opsDb?: PrismaClient };

export function getDb(): PrismaClient {
  globalForDb.opsDb ??= createPrismaClient(requireDatabaseUrl());
  return globalForDb.opsDb;
}
