// Without SMTP the app's log is the mail delivery (embedded mode). scripts/e2e-server.mjs keeps
// a copy of the server's stdout; these read the newest message to an address from it.
import { readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "@playwright/test";

const LOG = path.join(process.cwd(), ".tmp", `e2e-${process.env.E2E_PORT ?? "3210"}`, "server.log");

interface LoggedEmail {
  to: string;
  subject: string;
  body: string;
}

function emailsTo(address: string): LoggedEmail[] {
  let text = "";
  try {
    text = readFileSync(LOG, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes('"email (not sent'))
    .map((line) => JSON.parse(line) as LoggedEmail)
    .filter((mail) => mail.to === address);
}

/** The newest link to `pathPrefix` (e.g. "/verify-email/") in a message to `address`, once it arrives. */
export async function linkInNewestEmail(address: string, pathPrefix: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      () => {
        const body = emailsTo(address).at(-1)?.body ?? "";
        const match = new RegExp(`https?://[^\\s]+${pathPrefix.replace(/\//g, "\\/")}[^\\s]+`).exec(body);
        link = match?.[0] ?? "";
        return link;
      },
      { message: `a link to ${pathPrefix} emailed to ${address}` },
    )
    .not.toBe("");
  return new URL(link).pathname;
}
