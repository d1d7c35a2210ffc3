import type { AdminDashboardCharts } from '@insignia/contract';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd } from '../common/format.ts';
import { ChartCard } from './chart-card.tsx';
import { chartColors } from './chart-colors.ts';
import { busiest, compactUsd, shortDay, solOf, solText, total } from './chart-format.ts';

const axis = { fontSize: 12, fill: chartColors.axis };
const chartStyle = { width: '100%', height: 220 };
const margin = { top: 8, right: 8, bottom: 0, left: -16 };

type Props = { charts: AdminDashboardCharts };

/** A tooltip's title: the day under the pointer. */
const dayLabel = (day: unknown) => (typeof day === 'string' ? shortDay(day) : '');

/** SOL on an axis: two significant digits are enough to read a bar by. */
const solTick = (v: number) => (v === 0 ? '0' : Number(v.toPrecision(2)).toString());

function DayAxis() {
  return (
    <XAxis
      dataKey="day"
      tickFormatter={shortDay}
      tick={axis}
      tickLine={false}
      axisLine={false}
      minTickGap={24}
    />
  );
}

/** Trading volume per UTC day: a bar a day, so a quiet day reads as quiet. */
export function VolumeChart({ charts }: Props) {
  const days = charts.daily;
  const data = days.map((d) => ({ day: d.day, volume: Number(d.volumeUsd) }));
  const volume = total(days, (d) => Number(d.volumeUsd));
  const peak = busiest(days, (d) => Number(d.volumeUsd));
  return (
    <ChartCard
      title="Trading volume"
      testId="chart-volume"
      emptyText={volume === 0 ? `No trades in these ${charts.days} days` : undefined}
      figures={[
        { value: compactUsd(volume), label: `in ${charts.days} days` },
        { value: total(days, (d) => d.trades).toLocaleString(), label: 'trades' },
        ...(peak
          ? [{ value: shortDay(peak.day), label: `busiest day, ${compactUsd(Number(peak.volumeUsd))}` }]
          : []),
      ]}
      description={`Trading volume per day from ${charts.from} to ${charts.to}: ${formatUsd(String(volume))} in all.`}
      table={{
        columns: ['Day', 'Volume', 'Trades'],
        rows: days.map((d) => [d.day, formatUsd(d.volumeUsd), d.trades]),
      }}
    >
      <BarChart responsive style={chartStyle} data={data} margin={margin}>
        <CartesianGrid vertical={false} stroke={chartColors.grid} />
        <DayAxis />
        <YAxis tickFormatter={compactUsd} tick={axis} tickLine={false} axisLine={false} width={64} />
        <Tooltip
          cursor={{ fill: '#f1f3f7' }}
          labelFormatter={dayLabel}
          formatter={(v) => [compactUsd(Number(v)), 'Volume']}
        />
        <Bar
          dataKey="volume"
          name="Volume"
          fill={chartColors.primary}
          radius={[4, 4, 0, 0]}
          maxBarSize={28}
        />
      </BarChart>
    </ChartCard>
  );
}

/** Level NFT unlocks and upgrades completed per day, stacked. */
export function LevelChangesChart({ charts }: Props) {
  const days = charts.daily;
  const unlocks = total(days, (d) => d.unlocks);
  const upgrades = total(days, (d) => d.upgrades);
  return (
    <ChartCard
      title="Unlocks and upgrades"
      testId="chart-level-changes"
      emptyText={unlocks + upgrades === 0 ? `No unlock or upgrade in these ${charts.days} days` : undefined}
      figures={[
        { value: unlocks.toLocaleString(), label: 'unlocks' },
        { value: upgrades.toLocaleString(), label: 'upgrades' },
      ]}
      description={`Level NFTs per day from ${charts.from} to ${charts.to}: ${unlocks} unlocked, ${upgrades} upgraded.`}
      table={{
        columns: ['Day', 'Unlocks', 'Upgrades'],
        rows: days.map((d) => [d.day, d.unlocks, d.upgrades]),
      }}
    >
      <BarChart responsive style={chartStyle} data={days} margin={margin}>
        <CartesianGrid vertical={false} stroke={chartColors.grid} />
        <DayAxis />
        <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
        <Tooltip cursor={{ fill: '#f1f3f7' }} labelFormatter={dayLabel} />
        <Legend iconType="circle" itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="unlocks" name="Unlocks" stackId="nft" fill={chartColors.primary} maxBarSize={28} />
        <Bar
          dataKey="upgrades"
          name="Upgrades"
          stackId="nft"
          fill={chartColors.violet}
          radius={[4, 4, 0, 0]}
          maxBarSize={28}
        />
      </BarChart>
    </ChartCard>
  );
}

/** Badge issuances (on chain and database-only) and completed claims per day. */
export function BadgesChart({ charts }: Props) {
  const days = charts.daily;
  const onChain = total(days, (d) => d.issuedOnChain);
  const dbOnly = total(days, (d) => d.issuedDatabaseOnly);
  const claims = total(days, (d) => d.claims);
  return (
    <ChartCard
      title="Badges issued and claimed"
      testId="chart-badges"
      emptyText={
        onChain + dbOnly + claims === 0
          ? `No badge issued or claimed in these ${charts.days} days`
          : undefined
      }
      figures={[
        { value: onChain.toLocaleString(), label: 'minted on chain' },
        { value: dbOnly.toLocaleString(), label: 'database only' },
        { value: claims.toLocaleString(), label: 'claimed from the vault' },
      ]}
      description={`Badges per day from ${charts.from} to ${charts.to}: ${onChain} minted on chain, ${dbOnly} recorded in the database only, ${claims} claimed.`}
      table={{
        columns: ['Day', 'On chain', 'Database only', 'Claimed'],
        rows: days.map((d) => [d.day, d.issuedOnChain, d.issuedDatabaseOnly, d.claims]),
      }}
    >
      <BarChart responsive style={chartStyle} data={days} margin={margin}>
        <CartesianGrid vertical={false} stroke={chartColors.grid} />
        <DayAxis />
        <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
        <Tooltip cursor={{ fill: '#f1f3f7' }} labelFormatter={dayLabel} />
        <Legend iconType="circle" itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
        <Bar
          dataKey="issuedOnChain"
          name="On chain"
          stackId="issued"
          fill={chartColors.primary}
          maxBarSize={28}
        />
        <Bar
          dataKey="issuedDatabaseOnly"
          name="Database only"
          stackId="issued"
          fill={chartColors.primarySoft}
          radius={[4, 4, 0, 0]}
          maxBarSize={28}
        />
        <Bar dataKey="claims" name="Claimed" fill={chartColors.green} radius={[4, 4, 0, 0]} maxBarSize={28} />
      </BarChart>
    </ChartCard>
  );
}

/** What the authority paid per day (estimated), with the period's total by kind. */
export function AuthoritySpendChart({ charts }: Props) {
  const days = charts.daily;
  const data = days.map((d) => ({ day: d.day, sol: solOf(d.authorityLamports) }));
  const s = charts.authoritySpend;
  const parts = [
    ['badge mints', s.badgeMintsLamports],
    ['issuances', s.issuancesLamports],
    ['claims', s.claimsLamports],
    ['level NFT mints', s.levelMintsLamports],
  ] as const;
  const spentOn = parts
    .filter(([, lamports]) => lamports !== '0')
    .map(([label, lamports]) => `${label} ${solText(solOf(lamports))}`);
  return (
    <ChartCard
      title="SOL spent by the authority"
      testId="chart-authority-spend"
      emptyText={s.totalLamports === '0' ? `Nothing paid in these ${charts.days} days` : undefined}
      figures={[
        { value: solText(solOf(s.totalLamports)), label: `in ${charts.days} days (estimate)` },
        {
          value: total(days, (d) => (d.authorityLamports === '0' ? 0 : 1)).toLocaleString(),
          label: 'days with spending',
        },
      ]}
      description={`SOL the authority paid per day from ${charts.from} to ${charts.to}, estimated: ${solText(solOf(s.totalLamports))} in all.`}
      note={
        <>
          {spentOn.length > 0 && <>Spent on {spentOn.join(', ')}. </>}
          An estimate from what each transaction creates: network fees of 5,000 lamports per signature plus
          the rent of new accounts (mints and token accounts). Priority fees and failed attempts are not
          included.
        </>
      }
      table={{ columns: ['Day', 'SOL'], rows: data.map((d) => [d.day, solText(d.sol)]) }}
    >
      <BarChart responsive style={chartStyle} data={data} margin={{ ...margin, left: 0 }}>
        <CartesianGrid vertical={false} stroke={chartColors.grid} />
        <DayAxis />
        <YAxis tick={axis} tickLine={false} axisLine={false} width={56} tickFormatter={solTick} />
        <Tooltip
          cursor={{ fill: '#f1f3f7' }}
          labelFormatter={dayLabel}
          formatter={(v) => [solText(Number(v)), 'Spent']}
        />
        <Bar dataKey="sol" name="SOL" fill={chartColors.amber} radius={[4, 4, 0, 0]} maxBarSize={28} />
      </BarChart>
    </ChartCard>
  );
}
