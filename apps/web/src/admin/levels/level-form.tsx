import type { Level, LevelInput } from '@insignia/contract';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { noFormErrors, toFormErrors, type FormErrors } from '../common/form-errors.ts';
import { formatUsd } from '../common/format.ts';

export interface BadgeOption {
  id: string;
  name: string;
}

interface LevelFormProps {
  /** The level being edited; absent when adding a new top level. */
  level?: Level;
  badgeOptions: BadgeOption[] | null;
  submitLabel: string;
  onSubmit: (input: LevelInput) => Promise<void>;
  onCancel?: () => void;
  /** Scrolls the form into view and puts the cursor in its first field when it opens. */
  focusOnOpen?: boolean;
}

/** Server codes that are about one field: their message is shown next to it. */
const codeFields = {
  NFT__LEVEL_ORDER: 'minVolumeUsd',
  BADGE__NOT_FOUND: 'requiredBadgeIds',
};

const friendly = {
  name: 'Give the level a name (up to 64 characters).',
  minVolumeUsd: 'Enter an amount in US dollars, like 100000 or 1250.50 (up to 8 decimals).',
  benefits: 'Each benefit is one line of up to 200 characters; at most 20.',
  imageUri: 'The image URI is at most 500 characters.',
};

/** "$100,000" or "100 000" → "100000": people type amounts as they read them. */
const cleanAmount = (text: string) => text.replace(/[\s,$_]/g, '');

/** Name, threshold, benefits, image and required badges of one level. */
export function LevelForm({
  level,
  badgeOptions,
  submitLabel,
  onSubmit,
  onCancel,
  focusOnOpen,
}: LevelFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!focusOnOpen) return;
    // "Add a level" sits at the top of the page and the form below the list: bring it to the person.
    formRef.current?.scrollIntoView({ block: 'start', behavior: 'instant' });
    nameRef.current?.focus({ preventScroll: true });
  }, [focusOnOpen]);
  const [name, setName] = useState(level?.name ?? '');
  const [minVolume, setMinVolume] = useState(level?.minVolumeUsd ?? '');
  const [benefits, setBenefits] = useState((level?.benefits ?? []).join('\n'));
  const [imageUri, setImageUri] = useState(level?.imageUri ?? '');
  const [badgeIds, setBadgeIds] = useState<string[]>(level?.requiredBadges.map((b) => b.id) ?? []);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noFormErrors);
    try {
      await onSubmit({
        name: name.trim(),
        minVolumeUsd: cleanAmount(minVolume),
        benefits: benefits
          .split('\n')
          .map((b) => b.trim())
          .filter(Boolean),
        imageUri: imageUri.trim() || null,
        requiredBadgeIds: badgeIds,
      });
    } catch (error) {
      setErrors(toFormErrors(error, codeFields, friendly));
    } finally {
      setBusy(false);
    }
  }

  const field = (key: string) => ({
    'aria-invalid': errors.fields[key] ? true : undefined,
    'aria-describedby': `${id}-${key}-msg`,
  });
  const message = (key: string, hint?: string) => (
    <p className={errors.fields[key] ? 'field__error' : 'field__hint'} id={`${id}-${key}-msg`}>
      {errors.fields[key] ?? hint ?? ''}
    </p>
  );
  const preview = /^\d+(\.\d+)?$/.test(cleanAmount(minVolume)) ? formatUsd(cleanAmount(minVolume)) : '';

  return (
    <form
      ref={formRef}
      className="form form--grid level-form"
      onSubmit={(e) => void handleSubmit(e)}
      noValidate
      aria-busy={busy}
    >
      {errors.form && (
        <div className="notice notice--error form__wide" role="alert">
          {errors.form}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          ref={nameRef}
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...field('name')}
        />
        {message('name')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-min`}>Minimum trading volume (USD)</label>
        <input
          id={`${id}-min`}
          inputMode="decimal"
          value={minVolume}
          onChange={(e) => setMinVolume(e.target.value)}
          {...field('minVolumeUsd')}
        />
        {message('minVolumeUsd', preview ? `${preview} of volume unlocks this level.` : undefined)}
      </div>
      <div className="field form__wide">
        <label htmlFor={`${id}-benefits`}>Benefits (one per line)</label>
        <textarea
          id={`${id}-benefits`}
          rows={4}
          value={benefits}
          onChange={(e) => setBenefits(e.target.value)}
          {...field('benefits')}
        />
        {message('benefits', 'Traders see each line exactly as you write it. Promise only what you deliver.')}
      </div>
      <div className="field form__wide">
        <label htmlFor={`${id}-image`}>Your own image (optional)</label>
        <input
          id={`${id}-image`}
          placeholder="ipfs://… or https://…"
          value={imageUri}
          onChange={(e) => setImageUri(e.target.value)}
          {...field('imageUri')}
        />
        {message(
          'imageUri',
          'Leave empty to use the level’s default artwork. Shown on the NFT card and written into new NFTs’ metadata.',
        )}
      </div>
      <fieldset className="field form__wide" aria-describedby={`${id}-requiredBadgeIds-msg`}>
        <legend>Required badges</legend>
        {badgeOptions === null ? (
          <p className="muted">
            The badge catalogue is not available, so required badges cannot be changed here.
          </p>
        ) : badgeOptions.length === 0 ? (
          <p className="muted">No badges exist yet. Create some in the catalogue to require them here.</p>
        ) : (
          <div className="checks">
            {badgeOptions.map((badge) => (
              <label key={badge.id} className="check">
                <input
                  type="checkbox"
                  checked={badgeIds.includes(badge.id)}
                  onChange={(e) =>
                    setBadgeIds((ids) =>
                      e.target.checked ? [...ids, badge.id] : ids.filter((x) => x !== badge.id),
                    )
                  }
                />
                {badge.name}
              </label>
            ))}
          </div>
        )}
        {message('requiredBadgeIds')}
      </fieldset>
      <div className="form__actions form__wide">
        <button className="button button--primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button className="button" type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
