import {COLLECTION_STYLE, EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE, type ScalarEvent} from 'js-yaml'
import {MAX_DEPTH, MAX_ITEMS_PER_LIST, MAX_KEYS_PER_MAP, MAX_VALUES_PER_FILE} from './limits.js'
import {appendPointer} from './pointer.js'
import {type FileValues, giveUp, type KeyStart, MAX_KEY_LENGTH, MapBuilder, plainScalarValue} from './yaml-scalar.js'

/**
 * The value-only pass for a file the line reader (yaml-line-values.ts) does not read: from js-yaml's flat
 * event stream, which covers block scalars, escapes and the rest of what the line reader leaves. It still
 * gives up on what it cannot read exactly as the positioned parse would — a syntax error, a tag, an anchor
 * or alias, a directive, several documents, a duplicate or non-text key, a limit reached, a flow collection
 * over several lines (which the positioned parse may warn about) — and the file is read the exact way.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

class ValueReader {
  private index = 0
  /** Values as the positioned parse counts them against MAX_VALUES_PER_FILE: never fewer. */
  private values = 0
  /** Where the last scalar read ends. */
  private lastEnd = 0
  readonly keyStarts: KeyStart[] = []

  constructor(
    private readonly text: string,
    private readonly events: Array<Event | undefined>,
  ) {}

  document(): unknown {
    const start = this.events[0]
    if (start?.type !== EVENT_ID.DOCUMENT || start.directives.length > 0) giveUp()
    this.index = 1
    // Anything but a map at the top (an empty document, a lone value) is reported by the exact parse and compose.
    if (this.events[this.index]?.type !== EVENT_ID.MAPPING) giveUp()
    const value = this.node(0, '')
    // The document's end, and nothing after it: a second document is reported by the exact parse.
    if (this.next().type !== EVENT_ID.POP || this.index !== this.events.length) giveUp()
    return value
  }

  /** The next event, let go of as it is read: the events of a large file are garbage as soon as its values are built. */
  private next(): Event {
    const event = this.events[this.index] ?? giveUp()
    this.events[this.index++] = undefined
    return event
  }

  private scalar(event: ScalarEvent): string | number | boolean | null {
    if (event.tagStart >= 0 || event.anchorStart >= 0) giveUp()
    if (++this.values > MAX_VALUES_PER_FILE) giveUp()
    this.lastEnd = event.valueEnd
    if (!event.fast && event.style !== SCALAR_STYLE.LITERAL_BLOCK && event.style !== SCALAR_STYLE.FOLDED_BLOCK) {
      // A plain or quoted scalar over several lines is folded by rules the two parsers apply differently at the edges.
      if (this.text.slice(event.valueStart, event.valueEnd).includes('\n')) giveUp()
    }
    const source = event.fast ? this.text.slice(event.valueStart, event.valueEnd) : getScalarValue(this.text, event)
    // An 8-digit escape past U+10FFFF is an error there and a broken string here.
    if (
      !event.fast &&
      event.style === SCALAR_STYLE.DOUBLE_QUOTED &&
      (this.text.slice(event.valueStart, event.valueEnd).includes('\\U') || LONE_SURROGATE.test(source))
    )
      giveUp()
    return event.style === SCALAR_STYLE.PLAIN ? plainScalarValue(source) : source
  }

  /**
   * A flow collection is read here only when it stays on one line, with no comment: over several lines the
   * positioned parse may warn about where it ends.
   */
  private flowOnOneLine(start: number, close: string): void {
    const lineEnd = this.text.indexOf('\n', start)
    const line = this.text.slice(start, lineEnd < 0 ? this.text.length : lineEnd)
    const contentEnd = Math.max(this.lastEnd, start) - start
    if (line.includes('#') || contentEnd > line.length || !line.slice(contentEnd).includes(close)) giveUp()
  }

  /** Reads one node; `pointer` is kept for the top two levels of the top-level map only. */
  private node(depth: number, pointer: string | undefined): unknown {
    if (depth > MAX_DEPTH) giveUp()
    const event = this.next()
    switch (event.type) {
      case EVENT_ID.SCALAR:
        return this.scalar(event)
      case EVENT_ID.SEQUENCE: {
        if (event.tagStart >= 0 || event.anchorStart >= 0) giveUp()
        const flow = event.style === COLLECTION_STYLE.FLOW
        if (flow && ++this.values > MAX_VALUES_PER_FILE) giveUp()
        const items: unknown[] = []
        while (this.events[this.index]?.type !== EVENT_ID.POP) {
          if (items.length === MAX_ITEMS_PER_LIST) giveUp()
          // Each item of a block list has its `-`, which the positioned parse counts as a value.
          if (!flow && ++this.values > MAX_VALUES_PER_FILE) giveUp()
          items.push(this.node(depth + 1, undefined))
        }
        if (flow) this.flowOnOneLine(event.start, ']')
        this.next()
        return items
      }
      case EVENT_ID.MAPPING: {
        if (event.tagStart >= 0 || event.anchorStart >= 0) giveUp()
        const flow = event.style === COLLECTION_STYLE.FLOW
        if (flow && ++this.values > MAX_VALUES_PER_FILE) giveUp()
        const map = new MapBuilder()
        while (this.events[this.index]?.type !== EVENT_ID.POP) {
          if (map.length === MAX_KEYS_PER_MAP) giveUp()
          const keyEvent = this.next()
          if (keyEvent.type !== EVENT_ID.SCALAR) giveUp()
          // The exact parse refuses an implicit key whose `:` comes more than 1024 characters after its start.
          if ((keyEvent as ScalarEvent).valueEnd - (keyEvent as ScalarEvent).valueStart > MAX_KEY_LENGTH) giveUp()
          const key = this.scalar(keyEvent as ScalarEvent)
          if (key === null) giveUp()
          const name = String(key)
          const child = pointer !== undefined && depth < 2 ? appendPointer(pointer, name) : undefined
          if (child !== undefined && !flow) this.recordKey(child, keyEvent as ScalarEvent, depth as 0 | 1)
          map.add(name, this.node(depth + 1, child))
        }
        const result = map.build()
        if (flow) this.flowOnOneLine(event.start, '}')
        this.next()
        return result
      }
      default:
        return giveUp()
    }
  }

  /** Keeps where a key of the top two levels starts, when it is the first thing on its line. */
  private recordKey(pointer: string, key: ScalarEvent, level: 0 | 1): void {
    const lineStart = this.text.lastIndexOf('\n', key.valueStart - 1) + 1
    const before = this.text.slice(lineStart, key.valueStart)
    if (/^ *["']?$/.test(before)) this.keyStarts.push({pointer, lineStart, level})
  }
}

/** The file's values from its events, or undefined when it must be read another way. */
export function readEventValues(text: string): FileValues | undefined {
  let events: Array<Event | undefined>
  try {
    events = parseEvents(text, {maxDepth: MAX_DEPTH + 2})
  } catch {
    return undefined
  }
  const reader = new ValueReader(text, events)
  try {
    const value = reader.document()
    return {value, keyStarts: reader.keyStarts}
  } catch {
    // What this pass gave up on (ReadExactly), and anything it did not foresee, is left to the exact parse.
    return undefined
  }
}
