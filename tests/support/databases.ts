import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server's maintenance database URL for a database URL (same host, user and password). */
function adminUrlFor(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  return url.toString();
}

function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface ScratchDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

/** Creates an empty scratch database beside the given one; returns its URL and a drop function. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  return createDatabase(serverUrl, `${prefix}_${randomBytes(5).toString("hex")}`, "");
}

/** A copy of a scratch database (nobody may be connected to it), named after it with a suffix. */
export async function cloneDatabase(source: ScratchDatabase, suffix: string): Promise<ScratchDatabase> {
  return createDatabase(source.url, `${source.name}_${suffix}`, ` TEMPLATE ${source.name}`);
}

async function createDatabase(serverUrl: string, name: string, options: string): Promise<ScratchDatabase> {
  const admin = new pg.Client({ connectionString: adminUrlFor(serverUrl) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${options}`);
  await admin.end();
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrlFor(serverUrl) });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Sets (or with null resets) the default time zone of the database at `databaseUrl`, as an embedded server on a
 * machine set to Tokyo time would have it: sessions opened afterwards start in that zone unless they set their own.
 */
export async function setDatabaseTimeZone(databaseUrl: string, zone: string | null): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrlFor(databaseUrl) });
  await admin.connect();
  try {
    await admin.query(
      zone === null
        ? `ALTER DATABASE "${name}" RESET timezone`
        : `ALTER DATABASE "${name}" SET timezone = ${pg.escapeLiteral(zone)}`,
    );
  } finally {
    await admin.end();
  }
}
