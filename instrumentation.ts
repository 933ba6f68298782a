// Runs once when a server process starts, before it serves requests: opens the database,
// migrates and seeds the embedded one, and ensures the platform operator account.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Rate limits need each request's TCP peer address (lib/http/client-address.ts).
    const { installPeerAddressHook } = await import("./lib/http/client-address");
    installPeerAddressHook();
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
