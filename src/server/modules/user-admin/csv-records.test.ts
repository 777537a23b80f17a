import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv-records.js';

const rows = (text: string) => parseCsv(text).map((r) => [r.line, ...r.cells]);

describe('parseCsv', () => {
  it('reads quoted separators, doubled quotes and line breaks inside quotes, keeping each row’s first line', () => {
    expect(rows('email,name\n"a@x.test","Doe, ""Jo"""\nb@x.test,"two\nlines"\nc@x.test,C')).toEqual([
      [1, 'email', 'name'],
      [2, 'a@x.test', 'Doe, "Jo"'],
      [3, 'b@x.test', 'two\nlines'],
      [5, 'c@x.test', 'C'],
    ]);
  });

  it('drops a byte-order mark and reads CRLF, LF and CR line ends, even mixed', () => {
    expect(rows('\uFEFFemail,name\r\na@x.test,A\r\n"b@x.test","B\r\nB"\r\nc@x.test,C\nd@x.test,D\re@x.test,E')).toEqual(
      [
        [1, 'email', 'name'],
        [2, 'a@x.test', 'A'],
        [3, 'b@x.test', 'B\r\nB'],
        [5, 'c@x.test', 'C'],
        [6, 'd@x.test', 'D'],
        [7, 'e@x.test', 'E'],
      ],
    );
  });

  it('skips blank lines but keeps rows of empty cells, and allows rows of any length', () => {
    expect(rows('\n\nemail,name\n\n   \n,\nonly\na,b,c\n')).toEqual([
      [3, 'email', 'name'],
      [6, '', ''],
      [7, 'only'],
      [8, 'a', 'b', 'c'],
    ]);
  });

  it('uses the header’s separator: semicolons when it has no comma', () => {
    expect(rows('email;name\na@x.test;"Doe; Jo, Jr"')).toEqual([
      [1, 'email', 'name'],
      [2, 'a@x.test', 'Doe; Jo, Jr'],
    ]);
    expect(rows('email,name;x\na;b,c')).toEqual([
      [1, 'email', 'name;x'],
      [2, 'a;b', 'c'],
    ]);
  });

  it('trims cells and keeps a quote inside an unquoted value', () => {
    expect(rows('email , name\n  a@x.test ,  "B"  \nO"Brien,x')).toEqual([
      [1, 'email', 'name'],
      [2, 'a@x.test', 'B'],
      [3, 'O"Brien', 'x'],
    ]);
  });

  it('names the row of a quote never closed, or of characters after a closing quote', () => {
    const problem = (text: string) => {
      try {
        parseCsv(text);
      } catch (error) {
        expect(error).toBeInstanceOf(CsvSyntaxError);
        return [(error as CsvSyntaxError).line, (error as Error).message];
      }
      throw new Error('no problem found');
    };
    expect(problem('email,name\na,b\n\nc,"open\nstill open\n')).toEqual([
      4,
      'A quoted value in the row starting on line 4 is never closed.',
    ]);
    expect(problem('email,name\na,"b"c\n')[0]).toBe(2);
  });
});
