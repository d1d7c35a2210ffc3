import { useId, type ReactNode } from 'react';

export interface ChartFigure {
  value: string;
  label: string;
}

interface ChartCardProps {
  title: string;
  /** The headline numbers: what the chart shows, as text (its text alternative). */
  figures: readonly ChartFigure[];
  /** One sentence for a screen reader, read with the chart. */
  description: string;
  note?: ReactNode;
  /** The numbers behind the chart, for anyone who would rather read them. */
  table?: { columns: readonly string[]; rows: ReadonlyArray<readonly (string | number)[]> };
  testId: string;
  /** Said over the (flat) chart when the period holds nothing. */
  emptyText?: string | undefined;
  children: ReactNode;
}

/** One chart: heading, headline figures, the picture, and its numbers behind a disclosure. */
export function ChartCard(props: ChartCardProps) {
  const { title, figures, description, note, table, testId, emptyText, children } = props;
  const id = useId();
  return (
    <section className="card dash-chart" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h3 id={`${id}-title`} className="dash-chart__title">
        {title}
      </h3>
      <dl className="dash-chart__figures">
        {figures.map((f) => (
          <div key={f.label} className="dash-chart__figure">
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <figure className="dash-chart__plot" role="img" aria-label={description}>
        {children}
        {emptyText && (
          <span className="dash-chart__empty" aria-hidden="true">
            {emptyText}
          </span>
        )}
      </figure>
      {note && <p className="dash-chart__note">{note}</p>}
      {table && (
        <details className="dash-chart__table">
          <summary>Show the numbers</summary>
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={String(row[0])}>
                    {row.map((cell, i) => (
                      <td key={i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
