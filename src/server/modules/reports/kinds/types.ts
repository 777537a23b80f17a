import type { Queryable } from '../../../platform/db/pool.js';

/** What one run may read: the account, the companies the owner may still see (null: all), the period. */
export interface ReportScope {
  accountId: string;
  companyIds: readonly string[] | null;
  periodStart: Date;
  periodEnd: Date;
}

/** A figure of the HTML summary: its label is `reports.facts.<key>`. */
export interface Fact {
  key: string;
  value: number | null;
  unit: 'count' | 'seconds';
}

export interface ReportSummary {
  facts: Fact[];
  /** a bar chart, labelled `reports.charts.<titleKey>`; labels are data (company names, actions) */
  chart: { titleKey: string; bars: { label: string; value: number }[] } | null;
}

/**
 * One kind of report: its CSV columns (labels `reports.columns.<key>`), its rows read in keyset
 * batches (a report of 100,000 devices is 100 bounded queries, never one per row), and its summary
 * figures (aggregates in SQL).
 */
export interface ReportDefinition {
  columns: readonly string[];
  batches(db: Queryable, scope: ReportScope): AsyncGenerator<unknown[][]>;
  summary(db: Queryable, scope: ReportScope): Promise<ReportSummary>;
  /** reads the period (activity, audit); the others are a snapshot at run time */
  usesPeriod: boolean;
}

export const batchSize = 1000;

export const seconds = (from: Date | string | null, to: Date | string | null): number | null =>
  from && to ? Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000) : null;

export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
