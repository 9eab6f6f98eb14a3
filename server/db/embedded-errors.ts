export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

/** Turns PostgreSQL's own start-up log into what went wrong and what to do about it. */
export function explainStartFailure(log: string, port: number, dataDir: string): EmbeddedPostgresError {
  if (/could not bind|Address already in use/i.test(log)) {
    return new EmbeddedPostgresError(
      `Port ${port} is already in use.`,
      "Run `npm start` again: it picks another free port.",
    );
  }
  if (/Permission denied/i.test(log)) {
    return new EmbeddedPostgresError(
      `PostgreSQL may not write ${dataDir}: permission denied.`,
      "Make the directory (and its parents) accessible to the user PostgreSQL runs as, or set DATABASE_URL.",
    );
  }
  if (/root/i.test(log)) {
    return new EmbeddedPostgresError(
      "PostgreSQL refuses to run as root and no unprivileged user could be created.",
      "Run `npm start` as a normal user, or set DATABASE_URL to an existing PostgreSQL server.",
    );
  }
  const tail = log.trim().split("\n").slice(-5).join("\n");
  return new EmbeddedPostgresError(
    `PostgreSQL did not start:\n${tail}`,
    "Set DATABASE_URL to use an existing server instead.",
  );
}
