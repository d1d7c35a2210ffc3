import { BADGE_IMAGE_MAX_BYTES, type BadgeImageUpload } from '@insignia/contract';
import { AppError } from '../errors/app-error.ts';
import { sniffContentType } from '../ipfs/sniff-content-type.ts';

/**
 * The bytes of an uploaded badge image, checked: at most 512 KiB, and really the declared type
 * by its magic bytes (PNG, JPEG, WebP) or its markup (SVG). The declared type alone is never
 * trusted: a renamed HTML page or executable is refused.
 */
export function decodeBadgeImage(upload: BadgeImageUpload): Uint8Array {
  if (upload.data.length % 4 !== 0) {
    throw new AppError('BADGE__IMAGE_INVALID', { reason: 'not_base64' });
  }
  const bytes = Buffer.from(upload.data, 'base64');
  if (bytes.length > BADGE_IMAGE_MAX_BYTES) {
    throw new AppError('BADGE__IMAGE_TOO_LARGE', { maxBytes: BADGE_IMAGE_MAX_BYTES, bytes: bytes.length });
  }
  if (bytes.length === 0) throw new AppError('BADGE__IMAGE_INVALID', { reason: 'empty' });
  const sniffed = sniffContentType(bytes);
  if (sniffed !== upload.contentType) {
    throw new AppError('BADGE__IMAGE_INVALID', {
      reason: 'content_mismatch',
      declared: upload.contentType,
      detected: sniffed,
    });
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
