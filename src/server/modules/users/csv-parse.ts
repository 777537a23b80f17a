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

/**
 * Parses CSV text (RFC 4180: comma or semicolon separated, double quotes, "" inside quotes,
 * CRLF or LF line ends, an optional byte-order mark). Blank lines are skipped. The separator is
 * the one the header line uses outside quotes: a comma, unless it has semicolons and no comma.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let cellStarted = false;

  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== '' || cellStarted) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
      cellStarted = true;
    } else if (c === separator) {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (c === '\r' && text[i + 1] === '\n') {
      continue;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(`A quoted value opened on line ${quoteLine} is never closed.`, quoteLine);
  if (cell !== '' || cells.length > 0 || cellStarted) endRecord();
  return records;
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
