/** What a scenario measures in one run: a figure, the baseline taken in the same run, and its target. */
export interface Measure {
  metric: string;
  figure: number;
  unit: string;
  /** the same work done by the simplest thing that can do it, in this run (null: absolute target) */
  baseline: number | null;
  /** figure ÷ baseline */
  ratio: number | null;
  /** which value the target applies to; `none`: reported only */
  judged: 'ratio' | 'figure' | 'none';
  /** the table's scenario label when it differs from the scenario's id (one setup, several rows) */
  scenario?: string;
  target: { op: '>=' | '<='; value: number };
}

export interface BenchContext {
  /** one short pass: proves the scripts work, figures mean little */
  smoke: boolean;
  /** seconds of load per measurement */
  seconds: number;
  /** external PostgreSQL server (the bench makes its own databases on it) */
  databaseUrl: string | undefined;
  log(message: string): void;
}

export interface Scenario {
  id: string;
  /** other scenario ids whose rows this one produces (`--only P2` runs it too) */
  covers?: string[];
  title: string;
  run(ctx: BenchContext): Promise<Measure[]>;
}

export const ratioOf = (figure: number, baseline: number) => (baseline > 0 ? figure / baseline : NaN);
