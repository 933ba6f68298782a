// Runs once when a server process starts, before it serves requests: stamps each request with
// its connection's address (lib/http/peer.ts), opens the database, migrates and seeds the
// embedded one, and ensures the platform operator account.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressHeader } = await import("./lib/http/peer");
    installPeerAddressHeader();
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
