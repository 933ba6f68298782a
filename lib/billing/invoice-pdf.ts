// Invoice PDFs for invoices Tessera renders itself (local and PayPal; Stripe hosts its own):
// the workspace and its billing address, the number and dates, the lines, subtotal, tax and total,
// and a PAID (or VOID) stamp. pdf-lib with the standard Helvetica fonts, A4.
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";

import { formatDate, formatMoney } from "../format";
import { isCurrency, METERS, type MeterId } from "./catalog";
import type { Address, InvoiceLine, InvoiceState } from "./events";

export interface InvoicePdfInput {
  /** Who issues the invoice (the platform). */
  issuer: string;
  tenantName: string;
  billTo: { name: string | null; email: string | null; address: Address | null };
  invoice: Pick<
    InvoiceState,
    | "status"
    | "currency"
    | "subtotal"
    | "tax"
    | "total"
    | "amountPaid"
    | "amountDue"
    | "lines"
    | "periodStart"
    | "periodEnd"
    | "dueAt"
    | "paidAt"
  > & { number: string; issuedAt: Date };
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const MUTED = rgb(0.4, 0.42, 0.47);
const INK = rgb(0.07, 0.09, 0.15);
const RULE = rgb(0.85, 0.86, 0.88);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Standard fonts speak WinAnsi only: other characters become their base letter or "?". */
function encodable(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  return (text) =>
    Array.from(text.replace(/[\u00a0\u202f]/g, " "))
      .map((char) => {
        const code = char.codePointAt(0) ?? 63;
        if (supported.has(code) || char === "\n") return char;
        const base = char.normalize("NFKD")[0];
        return base && supported.has(base.codePointAt(0) ?? -1) ? base : "?";
      })
      .join("");
}

/** Quantity and unit price as printed: a metered line's units and its package price ("$0.50/1,000"). */
function lineFigures(line: InvoiceLine, currency: string): { quantity: string; unit: string } {
  const meter = line.meter && line.meter in METERS ? METERS[line.meter as MeterId] : null;
  if (meter && isCurrency(currency)) {
    return {
      quantity: line.quantity.toLocaleString("en-US"),
      unit: `${formatMoney(meter.unitPrice[currency], currency)}/${meter.per.toLocaleString("en-US")}`,
    };
  }
  return { quantity: String(line.quantity), unit: formatMoney(line.unitAmount, currency) };
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !current) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines.length ? lines : [""];
}

function countryName(code: string | null): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function addressLines(billTo: InvoicePdfInput["billTo"]): string[] {
  const a = billTo.address;
  const lines = [billTo.name];
  if (a) {
    lines.push(a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(" "), a.state, countryName(a.country));
  }
  lines.push(billTo.email);
  return lines.filter((line): line is string => Boolean(line && line.trim()));
}

class Writer {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly clean: (text: string) => string,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page when fewer than `needed` points are left. */
  ensure(needed: number): void {
    if (this.y - needed >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  text(text: string, x: number, options: { size?: number; bold?: boolean; color?: typeof INK; right?: boolean } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const value = this.clean(text);
    const left = options.right ? x - font.widthOfTextAtSize(value, size) : x;
    this.page.drawText(value, { x: left, y: this.y, size, font, color: options.color ?? INK });
  }

  rule(): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.75,
      color: RULE,
    });
  }
}

function stamp(page: PDFPage, font: PDFFont, label: string, color: ReturnType<typeof rgb>): void {
  const size = 36;
  const width = font.widthOfTextAtSize(label, size);
  const x = A4[0] - MARGIN - width - 40;
  const y = A4[1] - 250;
  page.drawRectangle({
    x: x - 10,
    y: y - 10,
    width: width + 20,
    height: size + 8,
    borderColor: color,
    borderWidth: 3,
    rotate: degrees(12),
    borderOpacity: 0.8,
  });
  page.drawText(label, { x, y, size, font, color, rotate: degrees(12), opacity: 0.8 });
}

export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Uint8Array> {
  const { invoice } = input;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const doc = await PDFDocument.create();
  doc.setTitle(`Invoice ${invoice.number}`);
  doc.setSubject(`${input.issuer} invoice ${invoice.number} for ${input.tenantName}`);
  doc.setAuthor(input.issuer);
  doc.setCreator(input.issuer);
  doc.setCreationDate(invoice.issuedAt);
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const w = new Writer(doc, fonts, encodable(fonts.regular));
  const right = A4[0] - MARGIN;

  // Header: issuer on the left, the invoice's facts on the right.
  w.text(input.issuer, MARGIN, { size: 20, bold: true });
  w.text("INVOICE", right, { size: 20, bold: true, right: true });
  w.y -= 24;
  const facts: [string, string][] = [
    ["Invoice number", invoice.number],
    ["Issued", formatDate(invoice.issuedAt)],
  ];
  if (invoice.periodStart && invoice.periodEnd) {
    facts.push(["Period", `${formatDate(invoice.periodStart)} - ${formatDate(invoice.periodEnd)}`]);
  }
  if (invoice.paidAt) facts.push(["Paid", formatDate(invoice.paidAt)]);
  else if (invoice.dueAt) facts.push(["Due", formatDate(invoice.dueAt)]);
  for (const [term, value] of facts) {
    w.text(term, right - 170, { color: MUTED });
    w.text(value, right, { right: true });
    w.y -= 15;
  }

  // Bill to.
  w.y -= 10;
  w.text("BILL TO", MARGIN, { size: 9, bold: true, color: MUTED });
  w.y -= 16;
  w.text(input.tenantName, MARGIN, { size: 12, bold: true });
  for (const line of addressLines(input.billTo)) {
    w.y -= 14;
    w.text(line, MARGIN);
  }
  w.y -= 36;

  // Lines.
  const columns = { qty: right - 190, unit: right - 95, amount: right };
  const header = () => {
    w.text("Description", MARGIN, { size: 9, bold: true, color: MUTED });
    w.text("Qty", columns.qty, { size: 9, bold: true, color: MUTED, right: true });
    w.text("Unit price", columns.unit, { size: 9, bold: true, color: MUTED, right: true });
    w.text("Amount", columns.amount, { size: 9, bold: true, color: MUTED, right: true });
    w.y -= 8;
    w.rule();
    w.y -= 16;
  };
  header();
  for (const line of invoice.lines) {
    const wrapped = wrap(w.clean(line.description), fonts.regular, 10, columns.qty - MARGIN - 50);
    w.ensure(wrapped.length * 13 + 10);
    const figures = lineFigures(line, invoice.currency);
    w.text(figures.quantity, columns.qty, { right: true });
    w.text(figures.unit, columns.unit, { right: true });
    w.text(money(line.amount), columns.amount, { right: true });
    for (const [index, part] of wrapped.entries()) {
      if (index > 0) w.y -= 13;
      w.text(part, MARGIN);
    }
    w.y -= 18;
  }
  w.rule();
  w.y -= 18;

  // Totals.
  const applied = invoice.total > 0 ? Math.max(0, invoice.total - invoice.amountPaid - invoice.amountDue) : 0;
  const totals: [string, string, boolean][] = [
    ["Subtotal", money(invoice.subtotal), false],
    ["Tax", money(invoice.tax), false],
    ["Total", money(invoice.total), true],
  ];
  if (applied > 0) totals.push(["Credit applied", money(-applied), false]);
  totals.push(["Amount paid", money(invoice.amountPaid), false]);
  totals.push(["Amount due", money(invoice.amountDue), true]);
  w.ensure(totals.length * 16 + 40);
  for (const [term, value, strong] of totals) {
    w.text(term, columns.unit - 80, { bold: strong, color: strong ? INK : MUTED });
    w.text(value, columns.amount, { right: true, bold: strong });
    w.y -= 16;
  }
  if (invoice.total < 0) {
    w.y -= 8;
    w.text(`${money(-invoice.total)} was added to your account balance for future invoices.`, MARGIN, {
      color: MUTED,
    });
  }

  const first = doc.getPage(0);
  if (invoice.status === "PAID") stamp(first, fonts.bold, "PAID", rgb(0.09, 0.55, 0.3));
  if (invoice.status === "VOID") stamp(first, fonts.bold, "VOID", rgb(0.7, 0.15, 0.15));

  for (const page of doc.getPages()) {
    page.drawText(w.clean(`${input.issuer} · Invoice ${invoice.number}`), {
      x: MARGIN,
      y: MARGIN / 2,
      size: 8,
      font: fonts.regular,
      color: MUTED,
    });
  }
  return doc.save();
}
