import type {SourcePosition} from '../diagnostics/diagnostic.js'

/** Maps character offsets of one text to 1-based line and column. */
export class LineIndex {
  private readonly lineStarts: number[] = [0]

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1)
    }
  }

  position(offset: number): SourcePosition {
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.lineStarts[mid] <= offset) low = mid
      else high = mid - 1
    }
    return {line: low + 1, column: offset - this.lineStarts[low] + 1, offset}
  }
}
