import { useState } from 'react';
import { Tabs } from '../common/tabs.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { AuthoritySpendChart, BadgesChart, LevelChangesChart, VolumeChart } from './activity-charts.tsx';
import { CloseToNextLevelChart, PeoplePerLevelChart } from './people-charts.tsx';
import { CHART_PERIODS, useDashboardCharts, type ChartPeriod } from './use-dashboard-charts.ts';

/** The dashboard's pictures (a chunk of its own: the chart library loads only here). */
export default function DashboardCharts() {
  const [days, setDays] = useState<ChartPeriod>(30);
  const charts = useDashboardCharts(days);
  return (
    <section className="dash-charts" aria-labelledby="charts-title">
      <div className="dash-charts__head">
        <h2 id="charts-title">At a glance</h2>
        <Tabs
          label="Period"
          value={String(days)}
          options={CHART_PERIODS.map((p) => ({ value: String(p), label: `${p} days` }))}
          onChange={(v) => setDays(Number(v) as ChartPeriod)}
        />
      </div>
      <ResourceView
        resource={charts}
        loadingLabel="Drawing the charts…"
        errorTitle="Could not load the charts"
      >
        {(c) => (
          <>
            <div className="dash-charts__grid">
              <PeoplePerLevelChart charts={c} />
              <CloseToNextLevelChart charts={c} />
            </div>
            <p className="dash-charts__period muted">
              Daily, in UTC, from {c.from} to {c.to}.
            </p>
            {/* Keyed by the period: a new period draws afresh instead of morphing the old bars. */}
            <div className="dash-charts__grid" key={c.days}>
              <VolumeChart charts={c} />
              <LevelChangesChart charts={c} />
              <BadgesChart charts={c} />
              <AuthoritySpendChart charts={c} />
            </div>
          </>
        )}
      </ResourceView>
    </section>
  );
}
