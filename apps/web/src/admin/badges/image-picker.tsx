import { BADGE_IMAGE_MAX_BYTES, badgeImageContentTypes, type BadgeImageUpload } from '@insignia/contract';
import { useId, useState } from 'react';

export interface PickedImage {
  upload: BadgeImageUpload;
  name: string;
  previewUrl: string;
}

interface ImagePickerProps {
  label: string;
  value: PickedImage | null;
  /** The image the badge has now, shown until another is picked. */
  currentUrl?: string | null;
  disabled?: boolean;
  disabledReason?: string;
  error?: string;
  onChange: (image: PickedImage | null) => void;
}

const accepted = badgeImageContentTypes as readonly string[];

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // readAsDataURL yields a string; anything else means the read went wrong.
    reader.onload = () => {
      if (typeof reader.result === 'string') resolve(reader.result.replace(/^data:[^,]*,/, ''));
      else reject(new Error('The file could not be read.'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** Pick a PNG, JPEG, SVG or WebP up to 512 KiB, with a preview; sent as base64 in the JSON body. */
export function ImagePicker({
  label,
  value,
  currentUrl,
  disabled,
  disabledReason,
  error,
  onChange,
}: ImagePickerProps) {
  const id = useId();
  const [localError, setLocalError] = useState<string | null>(null);
  // The browser could not draw the picked file: it is probably not the image it claims to be.
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);

  async function pick(file: File | undefined) {
    setLocalError(null);
    if (!file) {
      onChange(null);
      return;
    }
    if (!accepted.includes(file.type)) {
      setLocalError('Choose a PNG, JPEG, SVG or WebP image.');
      return;
    }
    if (file.size > BADGE_IMAGE_MAX_BYTES) {
      setLocalError(
        `The image is ${Math.ceil(file.size / 1024)} KiB; the limit is ${BADGE_IMAGE_MAX_BYTES / 1024} KiB.`,
      );
      return;
    }
    try {
      const data = await readAsBase64(file);
      onChange({
        upload: { contentType: file.type as BadgeImageUpload['contentType'], data },
        name: file.name,
        // A data: URL, not a blob: one: the app's content security policy allows data: images.
        previewUrl: `data:${file.type};base64,${data}`,
      });
    } catch (e) {
      setLocalError(e instanceof Error ? e.message : 'The file could not be read.');
    }
  }

  const shown = value?.previewUrl ?? currentUrl ?? null;
  const message = error ?? localError ?? (disabled ? disabledReason : null);
  return (
    <div className="field image-picker">
      <label htmlFor={`${id}-file`}>{label}</label>
      <div className="image-picker__row">
        <div className="image-picker__preview" aria-live="polite">
          {shown && brokenUrl === shown ? (
            <span className="muted">Cannot show this file</span>
          ) : shown ? (
            <img
              src={shown}
              alt={value ? `Preview of ${value.name}` : 'Current image'}
              onError={() => setBrokenUrl(shown)}
            />
          ) : (
            <span className="muted">No image</span>
          )}
        </div>
        <div>
          <input
            id={`${id}-file`}
            type="file"
            accept={accepted.join(',')}
            disabled={disabled}
            aria-invalid={error || localError ? true : undefined}
            aria-describedby={`${id}-msg`}
            onChange={(e) => void pick(e.target.files?.[0])}
          />
          <p id={`${id}-msg`} className={error || localError ? 'field__error' : 'field__hint'}>
            {message ?? 'PNG, JPEG, SVG or WebP, up to 512 KiB. It is stored on IPFS.'}
          </p>
        </div>
      </div>
    </div>
  );
}
