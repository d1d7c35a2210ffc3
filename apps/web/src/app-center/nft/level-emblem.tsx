import { useId } from 'react';

/**
 * Metal of each level: bronze, silver, gold, platinum, diamond; further levels cycle. Each
 * has a saturated highlight so none reads as the grey, dashed "locked" outline.
 */
const palettes = [
  { light: '#f0b27a', dark: '#8a4f1d', rim: '#5c3412' },
  { light: '#f4f7fb', dark: '#7d8fa8', rim: '#3f5373' },
  { light: '#ffe083', dark: '#b07d0c', rim: '#6f4e05' },
  { light: '#b9ecf5', dark: '#2f7f99', rim: '#17485a' },
  { light: '#d9d0ff', dark: '#5440c9', rim: '#2d1f86' },
] as const;

interface LevelEmblemProps {
  /** Level number; null draws the locked placeholder. */
  level: number | null;
  size?: number;
}

/** A generated emblem for a level without an image of its own: a shield in the level's metal. */
export function LevelEmblem({ level, size = 160 }: LevelEmblemProps) {
  const id = useId();
  const shield = 'M60 6l46 18v34c0 28-19 48-46 56C33 106 14 86 14 58V24z';
  if (level === null) {
    // Locked: an outline with a padlock, no metal at all, unlike every level.
    return (
      <svg
        className="level-emblem level-emblem--locked"
        viewBox="0 0 120 120"
        width={size}
        height={size}
        role="img"
        aria-label="No level yet"
      >
        <path d={shield} fill="#f8f9fb" stroke="#c4cbd5" strokeWidth="3" strokeDasharray="7 6" />
        <path d="M48 58v-8a12 12 0 0124 0v8h4v24H44V58zm6 0h12v-8a6 6 0 00-12 0z" fill="#c4cbd5" />
      </svg>
    );
  }
  const palette = palettes[(level - 1) % palettes.length] ?? palettes[0];
  return (
    <svg
      className="level-emblem"
      viewBox="0 0 120 120"
      width={size}
      height={size}
      role="img"
      aria-label={`Level ${level} emblem`}
    >
      <defs>
        <linearGradient id={`${id}-metal`} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={palette.light} />
          <stop offset="0.55" stopColor={palette.dark} />
          <stop offset="1" stopColor={palette.rim} />
        </linearGradient>
        <linearGradient id={`${id}-shine`} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#fff" stopOpacity="0.7" />
          <stop offset="1" stopColor="#fff" stopOpacity="0" />
        </linearGradient>
      </defs>
      <path d={shield} fill={`url(#${id}-metal)`} stroke={palette.rim} strokeWidth="2" />
      <path d="M60 12l40 15.5V50C80 44 40 44 20 50V27.5z" fill={`url(#${id}-shine)`} />
      <path
        d={shield}
        fill="none"
        stroke="#fff"
        strokeOpacity="0.6"
        strokeWidth="3"
        transform="translate(60 60) scale(0.86) translate(-60 -60)"
      />
      <text
        x="60"
        y="44"
        textAnchor="middle"
        fontSize="11"
        fontWeight="700"
        fill="#fff"
        letterSpacing="2"
        stroke={palette.rim}
        strokeWidth="0.6"
        paintOrder="stroke"
      >
        LEVEL
      </text>
      <text
        x="60"
        y="86"
        textAnchor="middle"
        fontSize="42"
        fontWeight="800"
        fill="#fff"
        stroke={palette.rim}
        strokeWidth="1.5"
        paintOrder="stroke"
      >
        {level}
      </text>
    </svg>
  );
}
