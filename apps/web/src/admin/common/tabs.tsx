interface TabsProps {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string; count?: number }>;
  onChange: (value: string) => void;
}

/** A row of mutually exclusive views (Pending / Approved / …) as toggle buttons. */
export function Tabs({ label, value, options, onChange }: TabsProps) {
  return (
    <div className="tabs" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className={`tabs__tab${option.value === value ? ' is-active' : ''}`}
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
        >
          {option.label}
          {option.count !== undefined && option.count > 0 && <span className="counter">{option.count}</span>}
        </button>
      ))}
    </div>
  );
}
