import type { Badge, BadgeCategory, BadgeType, CreateBadge, UpdateBadge } from '@insignia/contract';
import { useId, useState, type SubmitEvent } from 'react';
import { noFormErrors, toFormErrors, type FormErrors } from '../common/form-errors.ts';
import { ImagePicker, type PickedImage } from './image-picker.tsx';

interface BadgeFormProps {
  /** The badge being edited; absent when creating one. */
  badge?: Badge;
  categories: BadgeCategory[];
  onCreate?: (body: CreateBadge) => Promise<void>;
  onUpdate?: (body: UpdateBadge) => Promise<void>;
  onCancel: () => void;
}

const codeFields = {
  BADGE__CATEGORY_NOT_FOUND: 'categoryId',
  BADGE__IMAGE_INVALID: 'image',
  BADGE__IMAGE_TOO_LARGE: 'image',
  BADGE__NAME_TAKEN: 'name',
};
const friendly = {
  name: 'Give the badge a name (up to 120 characters).',
  symbol: 'The symbol is 1 to 10 letters or digits.',
  description: 'The description is at most 2000 characters.',
  image: 'Choose a PNG, JPEG, SVG or WebP image up to 512 KiB.',
  validityDays: 'Enter whole days from 1 to 36500, or leave it empty.',
};

/** The validity field's text as days; null when empty (never expires); undefined when invalid. */
function parseValidityDays(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,5}$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= 1 && days <= 36_500 ? days : undefined;
}

/** Create a badge, or edit one: on-chain fields lock once its mint exists. */
export function BadgeForm({ badge, categories, onCreate, onUpdate, onCancel }: BadgeFormProps) {
  const id = useId();
  const [name, setName] = useState(badge?.name ?? '');
  const [description, setDescription] = useState(badge?.description ?? '');
  const [symbol, setSymbol] = useState(badge?.symbol ?? '');
  const [categoryId, setCategoryId] = useState(badge?.category?.id ?? '');
  const [type, setType] = useState<BadgeType>(badge?.type ?? 'database');
  const [image, setImage] = useState<PickedImage | null>(null);
  const [validity, setValidity] = useState(badge?.validityDays?.toString() ?? '');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [busy, setBusy] = useState(false);
  const locked = badge?.type === 'blockchain' && badge.mintAddress !== null;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setErrors(noFormErrors);
    if (!name.trim()) {
      setErrors({ fields: { name: friendly.name }, form: null });
      return;
    }
    const validityDays = parseValidityDays(validity);
    if (validityDays === undefined) {
      setErrors({ fields: { validityDays: friendly.validityDays }, form: null });
      return;
    }
    setBusy(true);
    try {
      if (badge && onUpdate) {
        const body: UpdateBadge = {
          description: description.trim(),
          categoryId: categoryId || null,
          validityDays,
        };
        if (!locked) {
          body.name = name.trim();
          if (type === 'blockchain' && symbol.trim()) body.symbol = symbol.trim();
          if (image) body.image = image.upload;
        }
        await onUpdate(body);
      } else if (onCreate) {
        await onCreate({
          name: name.trim(),
          description: description.trim(),
          type,
          categoryId: categoryId || null,
          validityDays,
          ...(type === 'blockchain' && symbol.trim() ? { symbol: symbol.trim() } : {}),
          ...(image ? { image: image.upload } : {}),
        });
      }
    } catch (error) {
      setErrors(toFormErrors(error, codeFields, friendly));
      setBusy(false);
    }
  }

  const describedBy = (key: string) => ({
    'aria-invalid': errors.fields[key] ? true : undefined,
    'aria-describedby': `${id}-${key}-msg`,
  });
  const message = (key: string, hint = '') => (
    <p id={`${id}-${key}-msg`} className={errors.fields[key] ? 'field__error' : 'field__hint'}>
      {errors.fields[key] ?? hint}
    </p>
  );
  const lockedHint = locked ? 'On chain since the mint was created; it cannot change.' : '';

  return (
    <form className="form form--grid" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      {errors.form && (
        <div className="notice notice--error form__wide" role="alert">
          {errors.form}
        </div>
      )}
      <fieldset className="field form__wide" disabled={Boolean(badge)}>
        <legend>Type</legend>
        <div className="radios radios--inline">
          <label className="radio">
            <input
              type="radio"
              name={`${id}-type`}
              checked={type === 'database'}
              onChange={() => setType('database')}
            />
            <span>
              <strong>Database only</strong>
              <span className="muted"> — shown in the app; no chain, no email.</span>
            </span>
          </label>
          <label className="radio">
            <input
              type="radio"
              name={`${id}-type`}
              checked={type === 'blockchain'}
              onChange={() => setType('blockchain')}
            />
            <span>
              <strong>Blockchain</strong>
              <span className="muted"> — a Token-2022 mint; issued to wallets or the vault.</span>
            </span>
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          disabled={locked}
          onChange={(e) => setName(e.target.value)}
          {...describedBy('name')}
        />
        {message('name', lockedHint)}
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>Category</label>
        <select
          id={`${id}-category`}
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
          {...describedBy('categoryId')}
        >
          <option value="">No category</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {message('categoryId')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-validity`}>Valid for (days)</label>
        <input
          id={`${id}-validity`}
          inputMode="numeric"
          value={validity}
          placeholder="Never expires"
          onChange={(e) => setValidity(e.target.value)}
          {...describedBy('validityDays')}
        />
        {message(
          'validityDays',
          badge
            ? 'Leave empty: never expires. A change applies to badges issued from now on; ones already issued keep their date.'
            : 'Leave empty: never expires. Counted from the day each person is issued the badge.',
        )}
      </div>
      {type === 'blockchain' && (
        <div className="field">
          <label htmlFor={`${id}-symbol`}>On-chain symbol</label>
          <input
            id={`${id}-symbol`}
            value={symbol}
            placeholder="BADGE"
            maxLength={10}
            disabled={locked}
            onChange={(e) => setSymbol(e.target.value)}
            {...describedBy('symbol')}
          />
          {message('symbol', lockedHint || 'Up to 10 letters or digits; BADGE if empty.')}
        </div>
      )}
      <div className="field form__wide">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...describedBy('description')}
        />
        {message('description')}
      </div>
      <div className="form__wide">
        <ImagePicker
          label="Image"
          value={image}
          currentUrl={badge?.image?.gatewayUrl}
          disabled={locked}
          disabledReason={lockedHint}
          error={errors.fields.image}
          onChange={setImage}
        />
      </div>
      <div className="form__actions form__wide">
        <button className="button button--primary" type="submit" disabled={busy}>
          {busy
            ? 'Saving…'
            : badge
              ? 'Save badge'
              : type === 'blockchain'
                ? 'Create badge and its mint'
                : 'Create badge'}
        </button>
        <button className="button" type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
