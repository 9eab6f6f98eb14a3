import { startHttpPeer } from "../tests/support/notification-peers.ts";

// The bench's local Slack-shaped receiver in its own process (the tests' peer), so its request handling does not
// share the delivery worker's event loop. Tells the parent its URL; answers "count" with the posts it saw
// (and forgets them on "reset"); exits on "stop".

const peer = await startHttpPeer();
process.send?.({ url: peer.url });
process.on("message", (message: string) => {
  if (message === "count") process.send?.({ count: peer.received.length });
  if (message === "reset") peer.received.length = 0;
  if (message === "stop") void peer.close().then(() => process.exit(0));
});
