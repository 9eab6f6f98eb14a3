// Every session the app opens runs in UTC. Its timestamp columns hold UTC wall times without a zone (Prisma's
// convention), and SQL compares them with now(), or stores now() plus a lease into them; PostgreSQL converts
// between the two in the session's TimeZone, which is the server's default unless set here. An embedded server
// takes the machine's zone (Asia/Tokyo on a laptop in Tokyo), where a lease would have been stored nine hours
// off and a future time read as nine hours past.
export const UTC_SESSION = "-c TimeZone=UTC";
