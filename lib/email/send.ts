// Outgoing email: SMTP (nodemailer) when SMTP_URL is set; otherwise the message is logged and
// the caller shows the link in the UI (the embedded default).
import { env } from "../env";
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

let transporter: Promise<{ sendMail(message: object): Promise<unknown> }> | undefined;

export async function sendEmail(message: EmailMessage): Promise<EmailResult> {
  if (!env.SMTP_URL) {
    logger.info("email (not sent: SMTP_URL unset)", { to: message.to, subject: message.subject, body: message.text });
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
