/** Ports for the servers tests start. */
import { createServer } from "node:net";

/**
 * A port free now, for a server a test starts next. Taken below Linux's ephemeral range (32768–60999): a port the
 * kernel hands out for listen(0) is also what it gives outgoing connections (database pools, HTTP clients), which
 * could take it before the server listens.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}
