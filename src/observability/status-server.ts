/**
 * /healthz and /metrics on a port of their own (STATUS_HOST:STATUS_PORT), for a
 * load balancer, systemd's watchdog scripts or Prometheus. Nothing personal is
 * served: counts and states only.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logging/logger.ts";
import type { Metrics, OutboxFigures } from "./metrics.ts";

export interface Health {
  ok: boolean;
  /** The leader polls, sends and runs the scheduled jobs; a standby takes over when the leader's lease runs out. */
  role: "leader" | "standby";
  database: "ok" | "unreachable";
  /** "standby": a polling receiver of a standby instance, waiting (not a fault). */
  receivers: Record<string, "running" | "stopped" | "standby">;
  outbox: OutboxFigures & { maxAgeSeconds: number };
}

export interface StatusServer {
  port: number;
  close(): Promise<void>;
}

export async function startStatusServer(opts: {
  host: string;
  port: number;
  health: () => Promise<Health>;
  metrics: Metrics;
  logger: Logger;
}): Promise<StatusServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET" }).end();
      return;
    }
    if (path === "/healthz") {
      opts.health().then(
        (h) => {
          res.writeHead(h.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
          res.end(JSON.stringify(h));
        },
        (err: unknown) => {
          opts.logger.error({ err }, "health check failed");
          res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ ok: false }));
        },
      );
      return;
    }
    if (path === "/metrics") {
      opts.metrics.registry.metrics().then(
        (body) => {
          res.writeHead(200, { "content-type": opts.metrics.registry.contentType }).end(body);
        },
        (err: unknown) => {
          opts.logger.error({ err }, "metrics failed");
          res.writeHead(500).end();
        },
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  opts.logger.info({ host: opts.host, port }, "status server listening");
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
