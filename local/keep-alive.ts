import type { Server } from 'node:http';

/**
 * Every local server keeps idle connections longer than any client here does. Node's
 * default (5 s) races the clients' own idle timers: with the handlers running in the same
 * process, a busy event loop lets a client pick a pooled socket just as the server's timer
 * closes it, and the request dies with ECONNRESET (seen in the province-scale bench at a few
 * thousand uploads). The client then always closes first. A load balancer in front of a
 * keep-alive server is configured the same way for the same reason.
 */
export function keepIdleConnections(server: Server): Server {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
