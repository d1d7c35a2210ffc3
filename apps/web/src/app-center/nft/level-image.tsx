import type { Level } from '@insignia/contract';
import { useState } from 'react';
import { imageSrc } from '../format.ts';
import { LevelEmblem } from './level-emblem.tsx';

interface LevelImageProps {
  level: number | null;
  name?: string;
  imageUri: string | null | undefined;
  size?: number;
}

/** The image a level's NFT shows: the operator's own, else the level's default artwork. */
export const levelArt = (level: Pick<Level, 'imageUri' | 'artworkUri'> | undefined) =>
  level ? (level.artworkUri ?? level.imageUri) : null;

/** The level's own image when it has one that loads; the generated emblem otherwise. */
export function LevelImage({ level, name, imageUri, size = 160 }: LevelImageProps) {
  const src = imageSrc(imageUri);
  const [failed, setFailed] = useState<string | null>(null);
  if (!src || failed === src) return <LevelEmblem level={level} size={size} />;
  return (
    <img
      className="level-image"
      src={src}
      alt={level === null ? 'Level NFT' : `Level ${level}${name ? ` ${name}` : ''} NFT`}
      width={size}
      height={size}
      onError={() => setFailed(src)}
    />
  );
}
