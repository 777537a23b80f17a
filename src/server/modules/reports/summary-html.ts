import type { ReportKind } from '../../../shared/contracts/reports.js';
import { companyWordValues, fillCompanyWords } from '../../../shared/i18n/company-words.js';
import { translations } from '../../../shared/i18n/index.js';
import type { Language } from '../../../shared/locales.js';
import { formatterFor } from './format.js';
import type { ReportSummary } from './kinds/types.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Strings = (typeof translations)['en']['reports'];
/** The reports' strings in `language`, the word for companies the built-in one (a report names companies by name). */
export const reportStrings = (language: Language): Strings =>
  fillCompanyWords(
    translations[language].reports,
    companyWordValues(null, language, {
      singular: translations[language].companyLabel.defaultSingular,
      plural: translations[language].companyLabel.defaultPlural,
    }),
  );

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => params[k] ?? '');

export interface SummaryInput {
  language: Language;
  scheduleName: string;
  kind: ReportKind;
  /** null: all companies */
  companyNames: string[] | null;
  timeZone: string;
  period: { start: Date; end: Date } | null;
  generatedAt: Date;
  rowCount: number;
  summary: ReportSummary;
}

/** The e-mail subject: the schedule's name and the day it was made, in the reader's language. */
export function summarySubject(
  input: Pick<SummaryInput, 'language' | 'scheduleName' | 'timeZone' | 'generatedAt'>,
): string {
  const day = new Intl.DateTimeFormat(input.language, { dateStyle: 'medium', timeZone: input.timeZone }).format(
    input.generatedAt,
  );
  return fill(reportStrings(input.language).email.subject, { name: input.scheduleName, date: day }).replace(
    /[\r\n]+/g,
    ' ',
  );
}

/** A bar chart made of table cells: e-mail clients drop scripts and most CSS, not tables. */
function barChart(title: string, bars: { label: string; value: number }[], format: (n: number) => string): string {
  if (bars.length === 0) return '';
  const max = Math.max(...bars.map((b) => b.value), 1);
  const rows = bars
    .map((b) => {
      const width = Math.max(1, Math.round((b.value / max) * 100));
      return `<tr><td style="padding:2px 8px 2px 0;font-size:13px;white-space:nowrap">${escapeHtml(b.label)}</td><td style="width:100%;padding:2px 0"><table role="presentation" cellpadding="0" cellspacing="0" style="width:${width}%;border-collapse:collapse"><tr><td style="background:#1c7ed6;height:14px;font-size:0;line-height:0">&nbsp;</td></tr></table></td><td style="padding:2px 0 2px 8px;font-size:13px;text-align:right">${escapeHtml(format(b.value))}</td></tr>`;
    })
    .join('');
  return `<h2 style="font-size:15px;margin:24px 0 8px">${escapeHtml(title)}</h2><table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse">${rows}</table>`;
}

/**
 * The HTML summary of a run in one language: what the report is, its key figures (numbers,
 * dates and durations localised) and a small bar chart. Everything that comes from data (names
 * of the schedule, companies, actions) is escaped.
 */
export function renderSummaryHtml(input: SummaryInput): string {
  const s = reportStrings(input.language);
  const f = formatterFor(input.language, input.timeZone);
  const subject = summarySubject(input);
  const companies = input.companyNames === null ? s.email.allCompanies : input.companyNames.join(', ');
  const when = input.period
    ? fill(s.email.period, {
        start: f.date(input.period.start),
        end: f.date(input.period.end),
        timeZone: input.timeZone,
      })
    : fill(s.email.asOf, { date: f.date(input.generatedAt), timeZone: input.timeZone });
  const facts = input.summary.facts
    .map((fact) => {
      const value = fact.value === null ? '—' : fact.unit === 'seconds' ? f.duration(fact.value) : f.number(fact.value);
      return `<tr><td style="padding:4px 16px 4px 0;color:#495057">${escapeHtml((s.facts as Record<string, string>)[fact.key] ?? fact.key)}</td><td style="padding:4px 0;font-weight:600;text-align:right">${escapeHtml(value)}</td></tr>`;
    })
    .join('');
  const chart = input.summary.chart
    ? barChart(
        (s.charts as Record<string, string>)[input.summary.chart.titleKey] ?? '',
        input.summary.chart.bars,
        f.number,
      )
    : '';
  const attached = fill(input.rowCount === 1 ? s.email.attachedOne : s.email.attached, {
    count: f.number(input.rowCount),
  });
  return (
    `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:15px;line-height:1.5;color:#212529;margin:0;padding:24px;background:#f8f9fa">` +
    `<div style="max-width:600px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">` +
    `<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(input.scheduleName)}</h1>` +
    `<p style="margin:0 0 16px;color:#495057">${escapeHtml(s.kinds[input.kind])} · ${escapeHtml(companies)}<br>${escapeHtml(when)}</p>` +
    `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse">${facts}</table>` +
    chart +
    `<p style="margin:24px 0 0">${escapeHtml(attached)}</p>` +
    `<hr style="border:none;border-top:1px solid #dee2e6;margin:24px 0 12px"><p style="margin:0;font-size:12px;color:#868e96">${escapeHtml(translations[input.language].mail.footer)}</p>` +
    `</div></body></html>`
  );
}

/** The plain-text part of the e-mail: the same figures without the chart. */
export function renderSummaryText(input: SummaryInput): string {
  const s = reportStrings(input.language);
  const f = formatterFor(input.language, input.timeZone);
  const lines = [input.scheduleName, s.kinds[input.kind], ''];
  for (const fact of input.summary.facts) {
    const value = fact.value === null ? '—' : fact.unit === 'seconds' ? f.duration(fact.value) : f.number(fact.value);
    lines.push(`${(s.facts as Record<string, string>)[fact.key] ?? fact.key}: ${value}`);
  }
  lines.push(
    '',
    fill(input.rowCount === 1 ? s.email.attachedOne : s.email.attached, { count: f.number(input.rowCount) }),
    '--',
    translations[input.language].mail.footer,
  );
  return lines.join('\n');
}
