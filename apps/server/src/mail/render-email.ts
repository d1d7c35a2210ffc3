import { emailDataSchemas, type EmailData, type EmailType } from './email-data.ts';
import { emailTemplates, type EmailBlock } from './email-templates.ts';
import { isDomainName, neutralizeLinks, plainText } from './neutralize-links.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Renders one email as plain text and HTML from the same blocks. Every interpolated value is
 * stripped of links first and HTML-escaped in the HTML part. The platform name comes from the
 * operator, not from admins: it is kept even when it is a domain (`boost.org`), and the HTML
 * part spells it so that mail clients do not turn it into a link.
 */
export function renderEmail<T extends EmailType>(
  type: T,
  data: EmailData<T>,
  platformName: string,
): RenderedEmail {
  const clean = cleanData(emailDataSchemas[type].parse(data) as EmailData<T>);
  const platform = plainText(platformName);
  const content = emailTemplates[type](clean, platform);
  const signature = `The ${platform} team`;
  const html = htmlText(platform);
  return {
    subject: content.subject,
    text: `${content.blocks.map(blockText).join('\n\n')}\n\n${signature}\n`,
    html: htmlDocument(
      content.subject,
      html(content.preview),
      content.blocks.map((block) => blockHtml(block, html)).join('\n'),
      html(signature),
    ),
  };
}

/**
 * The subject {@link renderEmail} gives, without rendering the body: what queueing an email
 * stores. `data` must already have passed its schema.
 */
export function renderSubject<T extends EmailType>(
  type: T,
  data: EmailData<T>,
  platformName: string,
): string {
  return emailTemplates[type](cleanData(data), plainText(platformName)).subject;
}

/** Every string value stripped of links. */
function cleanData<T extends EmailType>(data: EmailData<T>): EmailData<T> {
  return Object.fromEntries(
    Object.entries(data as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' ? neutralizeLinks(v) : v,
    ]),
  ) as EmailData<T>;
}

/**
 * Escapes text for the HTML part. Where the platform's domain appears (only the templates can
 * put it there: admin values have every host name removed), each dot is wrapped in its own
 * element: the text reads `boost.org`, but no text node holds a host name for Gmail's, Outlook's
 * or Apple's link detection to find (the meta tag in `htmlDocument` covers Apple as well).
 * The plain-text part names it as typed: a text-only client may still link a bare domain, and
 * only misspelling it would prevent that.
 */
function htmlText(platform: string): (text: string) => string {
  if (!isDomainName(platform)) return escapeHtml;
  const escaped = escapeHtml(platform);
  const unlinkable = escaped.split('.').join('<span style="white-space:nowrap">.</span>');
  return (text) => escapeHtml(text).replaceAll(escaped, unlinkable);
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'facts': {
      const width = Math.max(...block.rows.map(([label]) => label.length)) + 2;
      return block.rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
    }
    case 'steps':
      return block.items.map((item, i) => `${i + 1}. ${item}`).join('\n');
    case 'note':
      return `${block.title}: ${block.text}`;
  }
}

/** Wallet addresses and signatures read better, and wrap safely, in monospace. */
const isAddress = (value: string) => /^[1-9A-HJ-NP-Za-km-z]{32,}$/.test(value);

const font = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";

function blockHtml(block: EmailBlock, html: (text: string) => string): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px">${html(block.text)}</p>`;
    case 'facts':
      return `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">${block.rows
        .map(
          ([label, value]) =>
            `<tr><td style="padding:4px 16px 4px 0;color:#666;vertical-align:top;white-space:nowrap">${html(label)}</td>` +
            `<td style="padding:4px 0${isAddress(value) ? ';font-family:monospace;word-break:break-all' : ''}">${html(value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'steps':
      return `<ol style="margin:0 0 16px;padding-left:20px">${block.items
        .map((item) => `<li style="margin:0 0 6px">${html(item)}</li>`)
        .join('')}</ol>`;
    case 'note':
      return (
        `<div style="margin:0 0 16px;padding:12px 16px;background:#fff8e1;border-left:4px solid #f5b400">` +
        `<strong>${html(block.title)}</strong><br>${html(block.text)}</div>`
      );
  }
}

/** `preview`, `body` and `signature` are HTML already; `title` is text. */
function htmlDocument(title: string, preview: string, body: string, signature: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;${font};font-size:15px;line-height:1.5;color:#18181b">
<div style="display:none;max-height:0;overflow:hidden">${preview}</div>
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">
${body}
<p style="margin:24px 0 0;color:#666">${signature}</p>
</div>
</body>
</html>
`;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
