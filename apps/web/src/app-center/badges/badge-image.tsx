import { useState } from 'react';
import { imageSrc } from '../format.ts';

const hues = [222, 160, 28, 280, 350, 195, 95] as const;

function initials(name: string): string {
  const [first = '?', second] = name.trim().split(/\s+/).filter(Boolean);
  return (second === undefined ? first.slice(0, 2) : first.charAt(0) + second.charAt(0)).toUpperCase();
}

function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hues[hash % hues.length] ?? hues[0];
}

/** The badge's image, or a medallion with its initials when it has none (or it fails to load). */
export function BadgeImage({
  name,
  imageUrl,
  size = 64,
}: {
  name: string;
  imageUrl: string | null;
  size?: number;
}) {
  const src = imageSrc(imageUrl);
  const [failed, setFailed] = useState<string | null>(null);
  if (src && failed !== src) {
    return (
      <img
        className="badge-image"
        src={src}
        alt=""
        width={size}
        height={size}
        onError={() => setFailed(src)}
      />
    );
  }
  const hue = hueOf(name);
  return (
    <svg className="badge-image" viewBox="0 0 64 64" width={size} height={size} aria-hidden="true">
      <circle
        cx="32"
        cy="32"
        r="30"
        fill={`hsl(${hue} 60% 92%)`}
        stroke={`hsl(${hue} 45% 55%)`}
        strokeWidth="3"
      />
      <circle
        cx="32"
        cy="32"
        r="23"
        fill="none"
        stroke={`hsl(${hue} 45% 55%)`}
        strokeOpacity="0.35"
        strokeWidth="1.5"
      />
      <text x="32" y="39" textAnchor="middle" fontSize="19" fontWeight="700" fill={`hsl(${hue} 50% 32%)`}>
        {initials(name)}
      </text>
    </svg>
  );
}
