import { useId } from 'react';

/** Metal of each level: bronze, silver, gold, platinum, diamond; further levels cycle. */
const palettes = [
  { light: '#e2a66b', dark: '#8a4f1d' },
  { light: '#d9dee6', dark: '#6b7686' },
  { light: '#f5d36b', dark: '#a1730b' },
  { light: '#a9dbe8', dark: '#2f6f86' },
  { light: '#c7bdfb', dark: '#4b3bb3' },
] as const;

interface LevelEmblemProps {
  /** Level number; null draws the locked placeholder. */
  level: number | null;
  size?: number;
}

/** A generated emblem for a level without an image of its own: a shield in the level's metal. */
export function LevelEmblem({ level, size = 160 }: LevelEmblemProps) {
  const id = useId();
  const palette =
    level === null
      ? { light: '#eef0f4', dark: '#9aa3b2' }
      : (palettes[(level - 1) % palettes.length] ?? palettes[0]);
  const shield = 'M60 6l46 18v34c0 28-19 48-46 56C33 106 14 86 14 58V24z';
  return (
    <svg
      className="level-emblem"
      viewBox="0 0 120 120"
      width={size}
      height={size}
      role="img"
      aria-label={level === null ? 'No level yet' : `Level ${level} emblem`}
    >
      <defs>
        <linearGradient id={`${id}-metal`} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={palette.light} />
          <stop offset="1" stopColor={palette.dark} />
        </linearGradient>
      </defs>
      <path d={shield} fill={`url(#${id}-metal)`} />
      <path
        d={shield}
        fill="none"
        stroke="#fff"
        strokeOpacity="0.55"
        strokeWidth="3"
        transform="translate(60 60) scale(0.86) translate(-60 -60)"
      />
      {level === null ? (
        <path d="M48 58v-8a12 12 0 0124 0v8h4v24H44V58zm6 0h12v-8a6 6 0 00-12 0z" fill="#fff" />
      ) : (
        <>
          <text
            x="60"
            y="44"
            textAnchor="middle"
            fontSize="11"
            fontWeight="700"
            fill="#fff"
            letterSpacing="2"
          >
            LEVEL
          </text>
          <text x="60" y="86" textAnchor="middle" fontSize="42" fontWeight="800" fill="#fff">
            {level}
          </text>
        </>
      )}
    </svg>
  );
}
