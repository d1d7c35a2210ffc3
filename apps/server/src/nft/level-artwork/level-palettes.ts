/** The colours of one tier's artwork: a metal (shine → base → shadow) on a tinted backdrop. */
export interface LevelPalette {
  shine: string;
  base: string;
  shadow: string;
  faceTop: string;
  faceBottom: string;
  backdrop: string;
  glow: string;
  /** Text on the metal ribbon. */
  ink: string;
}

/**
 * Bronze, silver, gold, platinum, diamond. Silver is polished and bright on deep blue, so it
 * never reads as a grey "locked" placeholder.
 */
export const levelPalettes: readonly [LevelPalette, ...LevelPalette[]] = [
  {
    shine: '#ffd9b0',
    base: '#c77d3f',
    shadow: '#6b3a16',
    faceTop: '#8a4b1f',
    faceBottom: '#3d1f0b',
    backdrop: '#1f130b',
    glow: '#7a4520',
    ink: '#2b1608',
  },
  {
    shine: '#ffffff',
    base: '#d3dde9',
    shadow: '#5a6d88',
    faceTop: '#8fa3bd',
    faceBottom: '#2c3c57',
    backdrop: '#0e1a2e',
    glow: '#3f6aa3',
    ink: '#1b2840',
  },
  {
    shine: '#fff3b8',
    base: '#f0b92f',
    shadow: '#8a5a07',
    faceTop: '#b07a0c',
    faceBottom: '#4a3004',
    backdrop: '#1e1503',
    glow: '#8a6410',
    ink: '#3a2503',
  },
  {
    shine: '#f2fbfc',
    base: '#9fcdd6',
    shadow: '#2f6674',
    faceTop: '#4f8b99',
    faceBottom: '#163b45',
    backdrop: '#071c22',
    glow: '#2b7c8c',
    ink: '#0f3039',
  },
  {
    shine: '#f0fbff',
    base: '#8fd8ff',
    shadow: '#5a3fd6',
    faceTop: '#4b63e0',
    faceBottom: '#22135e',
    backdrop: '#0d0830',
    glow: '#5b3fd0',
    ink: '#1e1260',
  },
];
