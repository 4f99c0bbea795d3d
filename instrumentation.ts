export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before the first request: the client address comes from the socket, not a client's header.
    (await import("./lib/server/socket-address")).captureSocketAddress();
    const { startServer } = await import("./lib/server/start");
    await startServer();
  }
}
