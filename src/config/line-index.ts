import type {SourcePosition} from '../diagnostics/diagnostic.js'

/** Maps character offsets of one text to 1-based line and column. */
export class LineIndex {
  private starts?: number[]

  constructor(private readonly text: string) {}

  /** Found on the first question: most files are read without any message pointing into them. */
  private get lineStarts(): number[] {
    if (!this.starts) {
      this.starts = [0]
      for (let at = this.text.indexOf('\n'); at >= 0; at = this.text.indexOf('\n', at + 1)) this.starts.push(at + 1)
    }
    return this.starts
  }

  position(offset: number): SourcePosition {
    const lineStarts = this.lineStarts
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (lineStarts[mid] <= offset) low = mid
      else high = mid - 1
    }
    return {line: low + 1, column: offset - lineStarts[low] + 1, offset}
  }
}
