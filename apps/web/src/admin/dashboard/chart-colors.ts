/** The charts' palette: the product's blue first, then calm companions that read apart. */
export const chartColors = {
  primary: '#3451b2',
  primarySoft: '#9db0f0',
  amber: '#e59a2f',
  green: '#12a06b',
  violet: '#8e5bd6',
  grey: '#c3c9d3',
  grid: '#e8ebf0',
  axis: '#5b6677',
} as const;

/** Level 0 (none yet) grey, then metal-like tones for the usual five levels, then blues. */
const levelTones = ['#c3c9d3', '#b4763f', '#94a0ae', '#d4a72c', '#4f8aa6', '#5b7cfa'];

export function levelColor(level: number): string {
  return levelTones[level] ?? chartColors.primary;
}
