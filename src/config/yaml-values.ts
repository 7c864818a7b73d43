import {COLLECTION_STYLE, EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE, type ScalarEvent} from 'js-yaml'
import {isScalar, type ScalarTag, Schema} from 'yaml'
import {MAX_DEPTH, MAX_ITEMS_PER_LIST, MAX_KEYS_PER_MAP, MAX_VALUES_PER_FILE} from './limits.js'
import {appendPointer} from './pointer.js'

/**
 * The value-only first pass over a configuration file.
 *
 * Reading YAML with the position of every node costs about ten times what reading its values costs, and a
 * large configuration has hundreds of thousands of values and few problems. So a file is first read for its
 * values alone, from js-yaml's flat event stream; positions are worked out later, only where a diagnostic or
 * a change is reported (yaml-tree.ts), by the parser that reads them exactly.
 *
 * This pass reads only what it can read exactly as the positioned parse would: plain scalars resolve with
 * the `yaml` library's own core-schema tags, in its order. Anything else — a syntax error, a tag, an
 * anchor or alias, a directive, several documents, a duplicate or non-text key, a limit reached, a flow
 * collection over several lines (which the positioned parse may warn about) — makes it give up, and the
 * file is read the exact way, whose diagnostics are the ones users see.
 */

/** Where one key of the top two levels starts: `/apps` or `/apps/support`. */
export interface KeyStart {
  readonly pointer: string
  /** Offset of the start of the key's line. */
  readonly lineStart: number
  /** 0 for a top-level key, 1 for a key of a top-level map. */
  readonly level: 0 | 1
}

export interface FileValues {
  readonly value: unknown
  /** Keys of the top two levels of block maps, in the order they are written. */
  readonly keyStarts: readonly KeyStart[]
}

/** The core schema's tags that resolve plain scalars, as the `yaml` library tries them. */
const PLAIN_TAGS: readonly ScalarTag[] = new Schema({}).tags.filter(
  (tag): tag is ScalarTag => !('collection' in tag && tag.collection) && tag.default === true && tag.test !== undefined,
)
const RESOLVE_OPTIONS = {intAsBigInt: false}

/** Thrown inside the pass when the file must be read the exact way; never leaves this module. */
class ReadExactly extends Error {}

const giveUp = (): never => {
  throw new ReadExactly()
}

/** Below YAML's 1024-character bound on implicit keys, with room for quotes and spaces before the `:`. */
const MAX_KEY_LENGTH = 1000

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const DOCUMENT_END = /^\.\.\.(?:[ \t\r\n#]|$)/m
const LONE_CARRIAGE_RETURN = /\r(?!\n)/

/** First characters with which a plain scalar can be other than text in the core schema (null, bool, int, float). */
const NOT_ONLY_TEXT = new Set('~nNtTfF0123456789+-.')

/**
 * Lines, commas and brackets bound the values a file holds to a small multiple of their count; past the
 * limit, the file goes straight to the exact parse, which stops at the limit token by token, so this pass
 * never holds the events of a hostile file.
 */
function mayHoldTooManyValues(text: string): boolean {
  let separators = 0
  for (const separator of ['\n', ',', '[', '{']) {
    for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) if (++separators > MAX_VALUES_PER_FILE) return true
  }
  return false
}

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
    if (event.style !== SCALAR_STYLE.PLAIN || (source !== '' && !NOT_ONLY_TEXT.has(source.charAt(0)))) return source
    const tag = PLAIN_TAGS.find((candidate) => candidate.test?.test(source))
    if (!tag) return source
    let failed = false
    const resolved = tag.resolve(source, () => (failed = true), RESOLVE_OPTIONS)
    // Some tags answer with a node of their own (booleans do), as the composer accepts.
    const value = isScalar(resolved) ? resolved.value : resolved
    if (failed || !(value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) giveUp()
    return value as string | number | boolean | null
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
        const entries: Array<[string, unknown]> = []
        while (this.events[this.index]?.type !== EVENT_ID.POP) {
          if (entries.length === MAX_KEYS_PER_MAP) giveUp()
          const keyEvent = this.next()
          if (keyEvent.type !== EVENT_ID.SCALAR) giveUp()
          // The exact parse refuses an implicit key whose `:` comes more than 1024 characters after its start.
          if ((keyEvent as ScalarEvent).valueEnd - (keyEvent as ScalarEvent).valueStart > MAX_KEY_LENGTH) giveUp()
          const key = this.scalar(keyEvent as ScalarEvent)
          if (key === null) giveUp()
          const name = String(key)
          const child = pointer !== undefined && depth < 2 ? appendPointer(pointer, name) : undefined
          if (child !== undefined && !flow) this.recordKey(child, keyEvent as ScalarEvent, depth as 0 | 1)
          entries.push([name, this.node(depth + 1, child)])
        }
        // Built at once, a map keeps V8's fast properties (one filled key by key past a dozen keys does not,
        // and every rule reading it pays); each key becomes an own property, __proto__ included.
        const result = Object.fromEntries(entries)
        // A key written twice is reported by the exact parse.
        if (Object.keys(result).length !== entries.length) giveUp()
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

/** The file's values, or undefined when it must be read the exact way (yaml-tree.ts) to be read as it would be. */
export function readValues(text: string): FileValues | undefined {
  // A document end marker (`...`) can end a document the exact parse sees and this one does not; a carriage
  // return alone is a line break here and not there; a byte order mark within the text may start a document;
  // a tab in the indentation of a block scalar's blank line is refused there and not here.
  if (mayHoldTooManyValues(text) || DOCUMENT_END.test(text) || LONE_CARRIAGE_RETURN.test(text) || /[\uFEFF\t]/.test(text)) return undefined
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
