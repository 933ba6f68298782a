// Outgoing email: SMTP (nodemailer) when SMTP_URL is set. Otherwise, in the embedded/dev mode
// (no DATABASE_URL, or NODE_ENV other than production) the log is the delivery: the message, links
// included, is written to the log; callers may also show invitation links to the inviter. In
// production without SMTP nothing is delivered and the body (invitation and verification links
// are credentials) is not logged, only that a message to whom about what was not sent.
import "server-only";

import { env, runtimeMode } from "../env";
import { logger } from "../observability/logger";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface EmailResult {
  delivered: boolean;
  transport: "smtp" | "log";
}

/** True when, with SMTP unset, the log is how email reaches people (the embedded/dev mode). */
export function logIsEmailDelivery(
  settings: { nodeEnv: string; database: string } = {
    nodeEnv: env.NODE_ENV,
    database: runtimeMode.database,
  },
): boolean {
  return settings.nodeEnv !== "production" || settings.database === "embedded";
}

/** How email reaches people here: SMTP, the log (embedded/dev mode), or not at all. */
export function emailDelivery(): "smtp" | "log" | "none" {
  if (env.SMTP_URL) return "smtp";
  return logIsEmailDelivery() ? "log" : "none";
}

let transporter: Promise<{ sendMail(message: object): Promise<unknown> }> | undefined;

export async function sendEmail(message: EmailMessage): Promise<EmailResult> {
  if (!env.SMTP_URL) {
    if (logIsEmailDelivery()) {
      logger.info("email (not sent: SMTP_URL unset)", { to: message.to, subject: message.subject, body: message.text });
    } else {
      logger.warn("email not sent: SMTP_URL unset (body not logged)", { to: message.to, subject: message.subject });
    }
    return { delivered: false, transport: "log" };
  }
  const smtpUrl = env.SMTP_URL;
  transporter ??= import("nodemailer").then((nodemailer) => nodemailer.createTransport(smtpUrl));
  try {
    await (await transporter).sendMail({ from: env.EMAIL_FROM, ...message });
    return { delivered: true, transport: "smtp" };
  } catch (error) {
    logger.error("email delivery failed", { to: message.to, subject: message.subject, error });
    return { delivered: false, transport: "smtp" };
  }
}
