import { levelPalettes, type LevelPalette } from './level-palettes.ts';

/**
 * The default artwork of a level NFT, as a self-contained SVG (no script, no external reference,
 * no web font): a medallion in the level's metal with its emblem, "LEVEL n" and the tier name.
 * Pure and deterministic, so equal inputs give equal bytes and the same IPFS CID.
 */
export function renderLevelArtwork(level: number, name: string): string {
  const palette = paletteFor(level);
  const title = name.trim().toUpperCase();
  // Long names shrink to stay inside the ribbon (about 330 px wide).
  const nameSize = Math.max(18, Math.min(40, Math.floor(560 / Math.max(title.length, 1))));
  // Past ~12 letters the text is squeezed to the ribbon's width rather than spilling over.
  const fit = title.length > 12 ? ' textLength="296" lengthAdjust="spacingAndGlyphs"' : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">`,
    `<title>${escapeXml(`Level ${level} ${name.trim()}`)}</title>`,
    '<defs>',
    `<radialGradient id="bg" cx="50%" cy="38%" r="75%"><stop offset="0" stop-color="${palette.glow}"/><stop offset="1" stop-color="${palette.backdrop}"/></radialGradient>`,
    `<linearGradient id="metal" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${palette.shine}"/><stop offset="0.45" stop-color="${palette.base}"/><stop offset="1" stop-color="${palette.shadow}"/></linearGradient>`,
    `<linearGradient id="face" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${palette.faceTop}"/><stop offset="1" stop-color="${palette.faceBottom}"/></linearGradient>`,
    '</defs>',
    '<rect width="512" height="512" rx="48" fill="url(#bg)"/>',
    // Rays behind the medallion.
    `<g stroke="${palette.shine}" stroke-opacity="0.18" stroke-width="6">${rays()}</g>`,
    '<circle cx="256" cy="232" r="176" fill="url(#metal)"/>',
    `<circle cx="256" cy="232" r="176" fill="none" stroke="${palette.shine}" stroke-opacity="0.9" stroke-width="4"/>`,
    '<circle cx="256" cy="232" r="146" fill="url(#face)"/>',
    `<circle cx="256" cy="232" r="146" fill="none" stroke="${palette.shadow}" stroke-width="6"/>`,
    `<circle cx="256" cy="232" r="134" fill="none" stroke="${palette.shine}" stroke-opacity="0.5" stroke-width="2" stroke-dasharray="3 9"/>`,
    `<text x="256" y="142" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="26" font-weight="700" letter-spacing="6" fill="${palette.shine}">LEVEL ${level}</text>`,
    `<g fill="url(#metal)" stroke="${palette.shine}" stroke-width="3" stroke-linejoin="round">${emblem(level)}</g>`,
    // The ribbon with the tier name.
    `<path d="M76 372h360l-22 36 22 36H76l22-36z" fill="${palette.shadow}"/>`,
    `<path d="M96 360h320v96H96z" fill="url(#metal)" stroke="${palette.shine}" stroke-width="3"/>`,
    `<text x="256" y="${408 + Math.round(nameSize * 0.35)}" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="${nameSize}" font-weight="800" letter-spacing="3" fill="${palette.ink}"${fit}>${escapeXml(title)}</text>`,
    '</svg>',
  ].join('');
}

function paletteFor(level: number): LevelPalette {
  const index = (Math.max(1, Math.trunc(level)) - 1) % levelPalettes.length;
  return levelPalettes[index] ?? levelPalettes[0];
}

function rays(): string {
  const lines: string[] = [];
  for (let i = 0; i < 24; i++) {
    const a = (i * Math.PI) / 12;
    const [x1, y1] = [256 + Math.cos(a) * 190, 232 + Math.sin(a) * 190];
    const [x2, y2] = [256 + Math.cos(a) * 236, 232 + Math.sin(a) * 236];
    lines.push(
      `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}"/>`,
    );
  }
  return lines.join('');
}

/** One emblem per tier: chevron, two chevrons, star, crown, gem; higher levels cycle. */
function emblem(level: number): string {
  const chevron = (y: number) => `<path d="M186 ${y}l70 -44 70 44v30l-70 -44 -70 44z"/>`;
  switch (((Math.max(1, Math.trunc(level)) - 1) % 5) + 1) {
    case 1:
      return chevron(246);
    case 2:
      return chevron(222) + chevron(272);
    case 3:
      return `<path d="M256 160l22 46 50 6-37 34 10 50-45-25-45 25 10-50-37-34 50-6z"/>`;
    case 4:
      return `<path d="M176 290l-10-96 52 40 38-62 38 62 52-40-10 96z"/><path d="M176 300h160v22H176z"/>`;
    default:
      return `<path d="M206 176h100l40 44-90 102-90-102z"/><path d="M166 220h180M216 176l40 146 40-146" fill="none"/>`;
  }
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
