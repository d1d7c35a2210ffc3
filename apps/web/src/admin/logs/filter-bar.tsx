import { useId, useState, type SubmitEvent } from 'react';
import './filter-bar.css';

export type FilterField =
  | { kind: 'select'; name: string; label: string; options: ReadonlyArray<{ value: string; label: string }> }
  | { kind: 'text'; name: string; label: string; placeholder?: string; suggestions?: readonly string[] }
  | { kind: 'date'; name: string; label: string };

interface FilterBarProps {
  fields: FilterField[];
  values: Record<string, string>;
  onApply: (values: Record<string, string>) => void;
}

/** Filters above a log: selects apply at once, text and dates on "Apply". */
export function FilterBar({ fields, values, onApply }: FilterBarProps) {
  const id = useId();
  const [draft, setDraft] = useState(values);
  // Compared by content: pages pass a fresh object on every render.
  const key = (v: Record<string, string>) => fields.map((f) => v[f.name] ?? '').join('\u0000');
  const [applied, setApplied] = useState(() => key(values));
  const [requested, setRequested] = useState<string | null>(null);
  // The URL changed underneath (back button, a link): start from it again. When it is what this
  // bar asked for, what the person typed since stays.
  if (applied !== key(values)) {
    setApplied(key(values));
    if (key(values) !== requested) setDraft(values);
  }
  const active = fields.some((f) => values[f.name]);

  function apply(next: Record<string, string>) {
    setRequested(key(next));
    onApply(next);
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    apply(draft);
  }

  return (
    <form className="filters" onSubmit={submit} aria-label="Filters">
      {fields.map((f) => (
        <div className="field" key={f.name}>
          <label htmlFor={`${id}-${f.name}`}>{f.label}</label>
          {f.kind === 'select' ? (
            <select
              id={`${id}-${f.name}`}
              value={draft[f.name] ?? ''}
              onChange={(e) => {
                const next = { ...draft, [f.name]: e.target.value };
                setDraft(next);
                apply(next);
              }}
            >
              <option value="">Any</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <>
              <input
                id={`${id}-${f.name}`}
                type={f.kind === 'date' ? 'date' : 'search'}
                placeholder={f.kind === 'text' ? f.placeholder : undefined}
                list={f.kind === 'text' && f.suggestions ? `${id}-${f.name}-list` : undefined}
                value={draft[f.name] ?? ''}
                onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
              />
              {f.kind === 'text' && f.suggestions && (
                <datalist id={`${id}-${f.name}-list`}>
                  {f.suggestions.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              )}
            </>
          )}
        </div>
      ))}
      <div className="filters__actions">
        <button className="button button--small" type="submit">
          Apply
        </button>
        {active && (
          <button
            className="button button--small"
            type="button"
            onClick={() => {
              const cleared = Object.fromEntries(fields.map((f) => [f.name, '']));
              setDraft(cleared);
              apply(cleared);
            }}
          >
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
