import type { BadgeCategory } from '@insignia/contract';
import { useId, useState, type SubmitEvent } from 'react';
import { describeError } from '../../api/api-error.ts';
import { useAdminApi } from '../admin-context.tsx';
import { ConfirmButton } from '../common/confirm-button.tsx';
import { noFormErrors, toFormErrors, type FormErrors } from '../common/form-errors.ts';

const codeFields = { BADGE__CATEGORY_NAME_TAKEN: 'name' };
const friendly = { name: 'Give the category a name (up to 120 characters).' };

function CategoryForm(props: { category?: BadgeCategory; onSaved: () => void; onCancel?: () => void }) {
  const api = useAdminApi();
  const id = useId();
  const [name, setName] = useState(props.category?.name ?? '');
  const [description, setDescription] = useState(props.category?.description ?? '');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setErrors(noFormErrors);
    if (!name.trim()) {
      setErrors({ fields: { name: friendly.name }, form: null });
      return;
    }
    setBusy(true);
    try {
      const body = { name: name.trim(), description: description.trim() };
      if (props.category) await api.badges.updateCategory(props.category.id, body);
      else await api.badges.createCategory(body);
      if (!props.category) {
        setName('');
        setDescription('');
      }
      props.onSaved();
    } catch (error) {
      setErrors(toFormErrors(error, codeFields, friendly));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form form--inline"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={props.category ? `Edit ${props.category.name}` : 'New category'}
    >
      {errors.form && (
        <div className="notice notice--error form__wide" role="alert">
          {errors.form}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>{props.category ? 'Name' : 'New category name'}</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.fields.name ? true : undefined}
          aria-describedby={`${id}-name-msg`}
        />
        <p id={`${id}-name-msg`} className="field__error">
          {errors.fields.name ?? ''}
        </p>
      </div>
      <div className="field field--grow">
        <label htmlFor={`${id}-description`}>Description</label>
        <input
          id={`${id}-description`}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="form__actions">
        <button className="button button--primary button--small" type="submit" disabled={busy}>
          {busy ? 'Saving…' : props.category ? 'Save' : 'Add category'}
        </button>
        {props.onCancel && (
          <button className="button button--small" type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function DeleteCategory({ category, onDeleted }: { category: BadgeCategory; onDeleted: () => void }) {
  const api = useAdminApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.badges.deleteCategory(category.id);
      onDeleted();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <ConfirmButton
        label="Delete"
        question={`Delete ${category.name}?`}
        confirmLabel="Yes, delete"
        busyLabel="Deleting…"
        busy={busy}
        danger
        onConfirm={() => void remove()}
      />
      {error && (
        <span className="cell-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** Badge categories: list, add, rename, delete when empty. */
export function CategoriesSection({
  categories,
  onChanged,
}: {
  categories: BadgeCategory[];
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="categories-title">
      <h2 id="categories-title">Categories</h2>
      {categories.length === 0 ? (
        <p className="muted">
          No categories yet. Categories group badges in the catalogue and in people’s profiles.
        </p>
      ) : (
        <ul className="category-list">
          {categories.map((c) => (
            <li key={c.id}>
              {editing === c.id ? (
                <CategoryForm
                  category={c}
                  onCancel={() => setEditing(null)}
                  onSaved={() => {
                    setEditing(null);
                    onChanged();
                  }}
                />
              ) : (
                <div className="category-list__row">
                  <span>
                    <strong>{c.name}</strong>{' '}
                    <span className="muted">
                      · {c.badgeCount} badge{c.badgeCount === 1 ? '' : 's'}
                    </span>
                    {c.description && <span className="muted"> — {c.description}</span>}
                  </span>
                  <span className="button-row button-row--tight">
                    <button
                      className="button button--small"
                      type="button"
                      onClick={() => setEditing(c.id)}
                      aria-label={`Edit category ${c.name}`}
                    >
                      Edit
                    </button>
                    {c.badgeCount === 0 && <DeleteCategory category={c} onDeleted={onChanged} />}
                  </span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <CategoryForm onSaved={onChanged} />
    </section>
  );
}
