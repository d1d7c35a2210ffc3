/** Latencies and outcomes of one load step, per operation. */
export function createRecorder() {
  const samples = new Map<string, { ms: number[]; errors: number; codes: Map<string, number> }>();

  const percentile = (sorted: number[], p: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  const stats = (ms: number[], errors: number) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return {
      count: ms.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      errorRate: ms.length === 0 ? 0 : errors / ms.length,
    };
  };

  return {
    record(operation: string, ms: number, error?: string) {
      const s = samples.get(operation) ?? { ms: [], errors: 0, codes: new Map<string, number>() };
      s.ms.push(ms);
      if (error) {
        s.errors++;
        s.codes.set(error, (s.codes.get(error) ?? 0) + 1);
      }
      samples.set(operation, s);
    },
    summary() {
      const all = [...samples.values()];
      return stats(
        all.flatMap((s) => s.ms),
        all.reduce((n, s) => n + s.errors, 0),
      );
    },
    describeByOperation(seconds: number): string {
      return [...samples.entries()]
        .map(([op, s]) => {
          const st = stats(s.ms, s.errors);
          const codes = [...s.codes].map(([c, n]) => `${c}×${n}`).join(' ');
          return (
            `${op} ${st.count} (${(st.count / seconds).toFixed(1)}/s, p50 ${st.p50.toFixed(0)} ms, ` +
            `p99 ${st.p99.toFixed(0)} ms, ${(st.errorRate * 100).toFixed(1)}% errors${codes ? `: ${codes}` : ''})`
          );
        })
        .join('; ');
    },
  };
}

export type Recorder = ReturnType<typeof createRecorder>;
