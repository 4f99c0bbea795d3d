import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { markSocketAddressCaptured, SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-ip";

let installed = false;

/**
 * Route handlers and server actions never see the socket, and `next start` passes a
 * client's own X-Forwarded-For through untouched. Node announces every request on the
 * `http.server.request.start` channel before the app's handler runs: write the TCP peer's
 * address into a header of our own there, over anything the client sent under that name,
 * so lib/auth/client-ip.ts can trust it when no proxy is configured.
 */
export function captureSocketAddress(): void {
  if (installed) return;
  installed = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[SOCKET_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
  markSocketAddressCaptured();
}
