// A small RFC 4180 CSV reader and writer: quoted fields with embedded commas, quotes and line
// breaks, and the line each record starts on, so import errors can point at file:line.

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  problems: CsvProblem[];
}

/** Parses CSV text; the first record is the header. Blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const all: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let endOfRecord = false;
    let quotedOpenLine = 0;
    while (!endOfRecord) {
      if (i < n && text[i] === '"' && cell === '') {
        // Quoted field: runs to the closing quote; "" is one quote.
        quotedOpenLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        if (!closed) {
          problems.push({ line: quotedOpenLine, message: 'quoted field is not closed' });
          cells.push(cell);
          return { ...splitHeader(all, cells, start), problems };
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          problems.push({ line, message: 'text after the closing quote of a field' });
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') problems.push({ line, message: 'a quote inside an unquoted field (quote the whole field and double the quote)' });
          cell += text[i];
          i++;
        }
      }
      cells.push(cell);
      cell = '';
      if (i >= n) endOfRecord = true;
      else if (text[i] === ',') i++;
      else {
        if (text[i] === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        endOfRecord = true;
      }
    }
    if (!(cells.length === 1 && cells[0] === '')) all.push({ line: start, cells });
  }
  return { ...splitHeader(all), problems };
}

function splitHeader(all: CsvRecord[], pending?: string[], pendingLine?: number): { header: string[]; records: CsvRecord[] } {
  if (pending) all.push({ line: pendingLine!, cells: pending });
  const [head, ...records] = all;
  return { header: head ? head.cells.map((h) => h.trim()) : [], records };
}

/** One CSV field, quoted when it needs to be. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text with a header line; lines end with CRLF as RFC 4180 says. */
export function writeCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
