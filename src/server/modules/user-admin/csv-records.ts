import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** the line of the file where the record starts, from 1 */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const [LF, CR] = [0x0a, 0x0d];
const blank = new Set([0x20, 0x09, LF, CR]);

/**
 * Parses CSV text with `csv-parse` (RFC 4180 quoting, "" inside quotes, CRLF, LF or CR line
 * ends, an optional byte-order mark; blank lines skipped, cells trimmed). The separator is the
 * one the header line uses outside quotes: a comma, unless it has semicolons and no comma.
 * Each record keeps the line it starts on (csv-parse counts where records end).
 */
export function parseCsv(input: string): CsvRecord[] {
  const bytes = Buffer.from(input, 'utf8');
  let offset = input.startsWith('\uFEFF') ? 3 : 0;
  let line = 1;
  /** moves to `to`, counting the line breaks passed (CRLF, LF or CR) */
  const advance = (to: number) => {
    for (let i = offset; i < to; i++) if (bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] !== LF)) line++;
    offset = to;
  };
  /** the line the next record starts on: past the previous record and any blank lines */
  const nextStart = () => {
    let start = offset;
    while (start < bytes.length && blank.has(bytes[start]!)) start++;
    advance(start);
    return line;
  };
  const startOf = (end: number) => {
    const start = nextStart();
    advance(end);
    return start;
  };
  try {
    const lines: number[] = [];
    const records = parse(bytes, {
      bom: true,
      delimiter: detectSeparator(input),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (cells, { bytes: end }) => {
        lines.push(startOf(end));
        return cells;
      },
    });
    return records.map((cells, i) => ({ line: lines[i]!, cells }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const at = nextStart();
    if (error.code === 'CSV_QUOTE_NOT_CLOSED')
      throw new CsvSyntaxError(`A quoted value in the row starting on line ${at} is never closed.`, at);
    if (error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE') {
      throw new CsvSyntaxError(
        `In the row starting on line ${at}, a quoted value is followed by other characters: quote the whole value and double any quote inside it.`,
        at,
      );
    }
    throw new CsvSyntaxError(`The row starting on line ${at} cannot be read as CSV.`, at);
  }
}

function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return commas === 0 && semicolons > 0 ? ';' : ',';
}
