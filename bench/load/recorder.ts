export interface OperationStats {
  operation: string;
  count: number;
  p50: number;
  p99: number;
  errorRate: number;
  /** Error codes and how often each came. */
  codes: string;
}

/** Latencies and outcomes of one load step, per operation. */
export function createRecorder() {
  const samples = new Map<string, { ms: number[]; errors: number; codes: Map<string, number> }>();

  const percentile = (sorted: number[], p: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  const stats = (operation: string, ms: number[], errors: number, codes = ''): OperationStats => {
    const sorted = [...ms].sort((a, b) => a - b);
    return {
      operation,
      count: ms.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      errorRate: ms.length === 0 ? 0 : errors / ms.length,
      codes,
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
    /** All operations together; phases of one (named `<operation> <phase>`) are not counted twice. */
    summary(): OperationStats {
      const all = [...samples.entries()].filter(([op]) => !op.includes(' ')).map(([, s]) => s);
      return stats(
        'all',
        all.flatMap((s) => s.ms),
        all.reduce((n, s) => n + s.errors, 0),
      );
    },
    byOperation(): OperationStats[] {
      return [...samples.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([op, s]) => stats(op, s.ms, s.errors, [...s.codes].map(([c, n]) => `${c}×${n}`).join(' ')));
    },
  };
}

export type Recorder = ReturnType<typeof createRecorder>;
