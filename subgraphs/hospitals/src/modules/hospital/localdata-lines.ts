import { Transform, type TransformCallback } from 'node:stream';

/** A line dropped before CSV parsing, by its number in the file (the header is line 1). */
export interface DroppedLine {
  line: number;
  reason: string;
}

/**
 * Blanks out lines whose double quotes do not pair up, keeping the line count intact. LOCALDATA never puts a line
 * break inside a field (none in either real export), so an odd number of quotes is a broken row — and left to
 * the CSV parser, its open quote would swallow the lines after it into one field. Blanked, the row is rejected
 * alone and the parser, which skips empty lines but still counts them, keeps numbering the rest as the file does.
 */
export class UnpairedQuoteFilter extends Transform {
  readonly dropped: DroppedLine[] = [];
  #pending = '';
  #line = 0;

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.#pending + chunk.toString();
    const end = text.lastIndexOf('\n');
    this.#pending = text.slice(end + 1);
    if (end >= 0) this.push(this.#filter(text.slice(0, end + 1)));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.#pending) this.push(this.#filter(this.#pending));
    done();
  }

  #filter(lines: string): string {
    let out = '';
    let start = 0;
    while (start < lines.length) {
      const newline = lines.indexOf('\n', start);
      const end = newline === -1 ? lines.length : newline + 1;
      const line = lines.slice(start, end);
      this.#line += 1;
      let quotes = 0;
      for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) quotes++;
      if (quotes % 2 === 0) {
        out += line;
      } else {
        this.dropped.push({ line: this.#line, reason: 'broken quote: a field opens a quote it never closes' });
        out += newline === -1 ? '' : '\n';
      }
      start = end;
    }
    return out;
  }
}
