import type { Level } from '@insignia/contract';
import { useState } from 'react';
import { imageSrc } from '../../app-center/format.ts';

/** The image a level's NFT shows in wallets: the operator's own, else the level's default artwork. */
export function LevelArtwork({ level, size = 96 }: { level: Level; size?: number }) {
  const src = imageSrc(level.artworkUri ?? level.imageUri);
  const [failed, setFailed] = useState<string | null>(null);
  if (!src || failed === src) {
    return (
      <div className="level-artwork level-artwork--missing" style={{ width: size, height: size }}>
        No image
      </div>
    );
  }
  return (
    <img
      className="level-artwork"
      src={src}
      alt={`Level ${level.level} ${level.name} artwork`}
      width={size}
      height={size}
      onError={() => setFailed(src)}
    />
  );
}
