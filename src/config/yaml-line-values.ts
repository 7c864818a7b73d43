import {MAX_DEPTH, MAX_ITEMS_PER_LIST, MAX_KEYS_PER_MAP, MAX_VALUES_PER_FILE} from './limits.js'
import {appendPointer} from './pointer.js'
import {type FileValues, giveUp, type KeyStart, MAX_KEY_LENGTH, MapBuilder, plainScalarValue} from './yaml-scalar.js'

/**
 * The line reader: values of the YAML configuration files are written in, read line by line.
 *
 * It reads block maps and block lists (a list may stand at its key's column), keys and scalars that stay on
 * their line (plain, single-quoted, double-quoted with JSON's escapes), flow collections that open and close
 * on one line with no comment, and comments. Anything else — a block scalar, an anchor, alias or tag, a
 * directive or document marker, a complex key, a scalar or collection over several lines, a key followed by
 * a space before its colon, a colon inside a flow scalar, a trailing comma, an empty flow value, a character
 * YAML refuses or reads as a line break — makes it give up, and the next reader tries (yaml-values.ts).
 *
 * Values are counted against MAX_VALUES_PER_FILE as the event reader counts them, never fewer than the
 * positioned parse does: every key and scalar, every flow collection, and every item of a block list.
 */

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const SPACE = 0x20
const HASH = 0x23
const DOUBLE_QUOTE = 0x22
const SINGLE_QUOTE = 0x27
const COMMA = 0x2c
const DASH = 0x2d
const COLON = 0x3a
const OPEN_BRACKET = 0x5b
const BACKSLASH = 0x5c
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d

/** Characters YAML refuses in a file, and those some parsers read as line breaks (NEL, LS, PS). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const UNREAD_CHARACTERS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFFFE\uFFFF\uD800-\uDFFF]/

/** A document start marker: one document is read from its start, and the rest left to the other readers. */
const DOCUMENT_START = /^---(?:[ \r\n]|$)/m

/** Indicators that cannot start a plain scalar (YAML 1.2, c-indicator); `-` can, when no space follows it. */
const INDICATOR = 1

/** Flow indicators, which end a plain scalar inside a flow collection. */
const FLOW_INDICATOR = 2

/** Each ASCII character's classes, looked up for every character of a plain scalar. */
const CLASSES = new Uint8Array(128)
for (const character of '-?:,[]{}#&*!|>\'"%@`') CLASSES[character.charCodeAt(0)] |= INDICATOR
for (const character of ',[]{}') CLASSES[character.charCodeAt(0)] |= FLOW_INDICATOR

/** JSON's escapes, which every YAML parser reads alike; any other escape is left to the event reader. */
const ESCAPES = new Map<number, string>([
  [BACKSLASH, '\\'],
  [DOUBLE_QUOTE, '"'],
  [0x2f, '/'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
])
const UNICODE_ESCAPE = 0x75
const HEX4 = /^[0-9A-Fa-f]{4}$/

class LineReader {
  /** Where reading stands. */
  private at = 0
  /** Start of the line `at` is on. */
  private lineStart = 0
  private values = 0
  readonly keyStarts: KeyStart[] = []

  constructor(private readonly text: string) {}

  document(): unknown {
    // An empty file, or a top-level map not at the first column, is left to the other readers.
    if (this.nextContentLine() !== 0) giveUp()
    const value = this.blockMap(0, 0, '')
    if (this.nextContentLine() !== -1) giveUp()
    return value
  }

  /**
   * From the start of a line, passes blank and comment lines; answers the indentation of the next line with
   * content, with `at` on its first character, or -1 at the end of the file.
   */
  private nextContentLine(): number {
    const text = this.text
    let start = this.at
    while (start < text.length) {
      let at = start
      while (text.charCodeAt(at) === SPACE) at++
      if (at >= text.length) break
      const character = text.charCodeAt(at)
      if (character === NEWLINE || character === CARRIAGE_RETURN || character === HASH) {
        const end = text.indexOf('\n', at)
        start = end < 0 ? text.length : end + 1
        continue
      }
      this.lineStart = start
      this.at = at
      return at - start
    }
    this.at = text.length
    return -1
  }

  /** Back to the start of the line just looked at, for the caller that owns it. */
  private rewind(indent: number): void {
    if (indent >= 0) this.at = this.lineStart
  }

  /** After a value: spaces and a comment (after a space) may end its line, nothing else. */
  private endLine(): void {
    const text = this.text
    const after = this.at
    let at = after
    while (text.charCodeAt(at) === SPACE) at++
    const character = text.charCodeAt(at)
    if (character === HASH) {
      if (at === after) giveUp()
      const end = text.indexOf('\n', at)
      at = end < 0 ? text.length : end
    } else if (character === CARRIAGE_RETURN) at++
    if (at < text.length) {
      if (text.charCodeAt(at) !== NEWLINE) giveUp()
      at++
    }
    this.at = at
  }

  private count(): void {
    if (++this.values > MAX_VALUES_PER_FILE) giveUp()
  }

  private isBlankOrEnd(at: number): boolean {
    const character = this.text.charCodeAt(at)
    return at >= this.text.length || character === SPACE || character === NEWLINE || character === CARRIAGE_RETURN
  }

  private atListItem(): boolean {
    return this.text.charCodeAt(this.at) === DASH && this.isBlankOrEnd(this.at + 1)
  }

  private canStartPlain(at: number): boolean {
    const character = this.text.charCodeAt(at)
    if (character >= 128 || (CLASSES[character] & INDICATOR) === 0) return true
    return character === DASH && !this.isBlankOrEnd(at + 1)
  }

  /** A block map or list whose first line has content at column `indent`. */
  private blockNode(indent: number, depth: number, pointer: string | undefined): unknown {
    return this.atListItem() ? this.blockList(indent, depth) : this.blockMap(indent, depth, pointer)
  }

  /**
   * A block map whose keys stand at column `indent`, `at` on its first key (which may follow a list's `-`).
   * `pointer` is kept for the top two levels of the top-level map only, where key starts are recorded.
   */
  private blockMap(indent: number, depth: number, pointer: string | undefined): Record<string, unknown> {
    if (depth > MAX_DEPTH) giveUp()
    const map = new MapBuilder()
    for (;;) {
      if (map.length === MAX_KEYS_PER_MAP) giveUp()
      const lineStart = this.lineStart
      const name = this.key() ?? giveUp()
      const child = pointer !== undefined && depth < 2 ? appendPointer(pointer, name) : undefined
      // Keys of the top two levels are first on their lines: none of them follows a list's `-`.
      if (child !== undefined) this.keyStarts.push({pointer: child, lineStart, level: depth as 0 | 1})
      map.add(name, this.mapValue(indent, depth + 1, child))
      const next = this.nextContentLine()
      if (next < indent) {
        this.rewind(next)
        break
      }
      if (next > indent) giveUp()
    }
    return map.build()
  }

  /** The value after a key's colon: on the key's line, or below it, or nothing (null). */
  private mapValue(indent: number, depth: number, pointer: string | undefined): unknown {
    const text = this.text
    while (text.charCodeAt(this.at) === SPACE) this.at++
    if (!this.atLineEnd()) {
      const value = this.inlineValue(depth)
      this.endLine()
      return value
    }
    this.endLine()
    const next = this.nextContentLine()
    if (next > indent) return this.blockNode(next, depth, pointer)
    // A list may stand at its key's column.
    if (next === indent && this.atListItem()) return this.blockList(indent, depth)
    this.rewind(next)
    return this.emptyValue(depth)
  }

  /** At the end of a line's content: its end, the file's, or a comment. */
  private atLineEnd(): boolean {
    const character = this.text.charCodeAt(this.at)
    return this.at >= this.text.length || character === NEWLINE || character === CARRIAGE_RETURN || character === HASH
  }

  /** A block list whose `-` stand at column `indent`, `at` on the first. */
  private blockList(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) giveUp()
    const text = this.text
    const items: unknown[] = []
    for (;;) {
      if (items.length === MAX_ITEMS_PER_LIST) giveUp()
      // Each item's `-` is a value as the positioned parse counts them.
      this.count()
      this.at++
      while (text.charCodeAt(this.at) === SPACE) this.at++
      items.push(this.listItem(indent, depth + 1))
      const next = this.nextContentLine()
      // A key at the list's own column ends a list standing at its key's column; any other content there is refused by the map.
      if (next < indent || (next === indent && !this.atListItem())) {
        this.rewind(next)
        break
      }
      if (next > indent) giveUp()
    }
    return items
  }

  /** One item after its `-`: on the same line (a scalar, a flow collection, a map's first key) or below it. */
  private listItem(indent: number, depth: number): unknown {
    if (this.atLineEnd()) {
      this.endLine()
      const next = this.nextContentLine()
      if (next > indent) return this.blockNode(next, depth, undefined)
      this.rewind(next)
      return this.emptyValue(depth)
    }
    // A list inside a list's item on one line is left to the other readers.
    if (this.atListItem()) giveUp()
    const start = this.at
    if (this.isKey()) return this.blockMap(start - this.lineStart, depth, undefined)
    const value = this.inlineValue(depth)
    this.endLine()
    return value
  }

  /** Whether a key and its colon start at `at` (read again by the map). */
  private isKey(): boolean {
    const start = this.at
    const values = this.values
    try {
      return this.key() !== undefined
    } finally {
      this.at = start
      this.values = values
    }
  }

  /** A key and its colon, `at` left after the colon; undefined, with `at` unknown, when no key starts here. */
  private key(): string | undefined {
    const text = this.text
    const start = this.at
    const first = text.charCodeAt(start)
    let name: string
    let colon: number
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      name = this.quoted()
      colon = this.at
      if (text.charCodeAt(colon) !== COLON) return undefined
    } else {
      if (!this.canStartPlain(start)) return undefined
      colon = start
      for (;;) {
        if (colon >= text.length) return undefined
        const character = text.charCodeAt(colon)
        if (character === COLON && this.isBlankOrEnd(colon + 1)) break
        if (character === NEWLINE || character === CARRIAGE_RETURN) return undefined
        if (character === HASH && text.charCodeAt(colon - 1) === SPACE) return undefined
        colon++
      }
      // `key :` is left to the other readers.
      if (text.charCodeAt(colon - 1) === SPACE) giveUp()
      const key = plainScalarValue(text.slice(start, colon))
      if (key === null) giveUp()
      name = String(key)
    }
    // A quoted key's colon must be followed by a space or the line's end, as a plain key's is.
    if (!this.isBlankOrEnd(colon + 1)) giveUp()
    // The exact parse refuses an implicit key whose `:` comes more than 1024 characters after its start.
    if (colon - start > MAX_KEY_LENGTH) giveUp()
    this.count()
    this.at = colon + 1
    return name
  }

  /** A key's empty value, or an empty list item: null, a value as the positioned parse counts them. */
  private emptyValue(depth: number): null {
    if (depth > MAX_DEPTH) giveUp()
    this.count()
    return plainScalarValue('') as null
  }

  /** A value on the rest of its line in a block: a quoted or plain scalar or a flow collection, `at` left after it. */
  private inlineValue(depth: number): unknown {
    if (depth > MAX_DEPTH) giveUp()
    const text = this.text
    const start = this.at
    const first = text.charCodeAt(start)
    if (first === OPEN_BRACKET || first === OPEN_BRACE) {
      // Over several lines, or with a comment on its line, the positioned parse may warn about where it ends.
      const lineEnd = text.indexOf('\n', start)
      for (let at = start, end = lineEnd < 0 ? text.length : lineEnd; at < end; at++) if (text.charCodeAt(at) === HASH) giveUp()
      return this.flowCollection(depth)
    }
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const value = this.quoted()
      // A comment or the line's end must follow, after a space for a comment: a colon here would make a key.
      if (!this.isBlankOrEnd(this.at)) giveUp()
      this.count()
      return value
    }
    if (!this.canStartPlain(start)) giveUp()
    let end = start
    for (; end < text.length; end++) {
      const character = text.charCodeAt(end)
      if (character === NEWLINE || character === CARRIAGE_RETURN) break
      if (character === HASH && text.charCodeAt(end - 1) === SPACE) break
      // A second key on one line.
      if (character === COLON && this.isBlankOrEnd(end + 1)) giveUp()
    }
    while (text.charCodeAt(end - 1) === SPACE) end--
    this.at = end
    this.count()
    return plainScalarValue(text.slice(start, end))
  }

  /** A quoted scalar closed on its own line, `at` on its opening quote and left after its closing one. */
  private quoted(): string {
    const text = this.text
    const quote = text.charCodeAt(this.at)
    let from = this.at + 1
    let value = ''
    for (let at = from; ; at++) {
      if (at >= text.length) giveUp()
      const character = text.charCodeAt(at)
      if (character === NEWLINE || character === CARRIAGE_RETURN) giveUp()
      if (character === quote) {
        // Two single quotes are one, inside single quotes.
        if (quote === SINGLE_QUOTE && text.charCodeAt(at + 1) === SINGLE_QUOTE) {
          value += text.slice(from, at + 1)
          from = ++at + 1
          continue
        }
        this.at = at + 1
        return value + text.slice(from, at)
      }
      if (character === BACKSLASH && quote === DOUBLE_QUOTE) {
        value += text.slice(from, at)
        const escaped = text.charCodeAt(at + 1)
        const replacement = ESCAPES.get(escaped)
        if (replacement !== undefined) at += 1
        else if (escaped === UNICODE_ESCAPE) {
          const hex = text.slice(at + 2, at + 6)
          if (!HEX4.test(hex)) giveUp()
          const code = Number.parseInt(hex, 16)
          // A surrogate, paired or not, is left to the event reader.
          if (code >= 0xd800 && code <= 0xdfff) giveUp()
          value += String.fromCharCode(code)
          at += 5
        } else giveUp()
        if (replacement !== undefined) value += replacement
        from = at + 1
      }
    }
  }

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.at) === SPACE) this.at++
  }

  /** A flow list or map opened and closed on this line, `at` on its bracket and left after its closing one. */
  private flowCollection(depth: number): unknown {
    if (depth > MAX_DEPTH) giveUp()
    this.count()
    const list = this.text.charCodeAt(this.at) === OPEN_BRACKET
    this.at++
    this.skipSpaces()
    return list ? this.flowItems(depth) : this.flowEntries(depth)
  }

  /** Between a flow list's brackets: whether another item follows, `at` on it, or the list ends, `at` after it. */
  private flowNext(close: number): boolean {
    this.skipSpaces()
    const character = this.text.charCodeAt(this.at)
    this.at++
    if (character === close) return false
    if (character !== COMMA) giveUp()
    this.skipSpaces()
    // A trailing comma is left to the other readers.
    if (this.text.charCodeAt(this.at) === close) giveUp()
    return true
  }

  private flowItems(depth: number): unknown[] {
    const items: unknown[] = []
    if (this.text.charCodeAt(this.at) === CLOSE_BRACKET) {
      this.at++
      return items
    }
    do {
      if (items.length === MAX_ITEMS_PER_LIST) giveUp()
      items.push(this.flowNode(depth + 1))
    } while (this.flowNext(CLOSE_BRACKET))
    return items
  }

  private flowEntries(depth: number): Record<string, unknown> {
    const text = this.text
    const map = new MapBuilder()
    if (text.charCodeAt(this.at) === CLOSE_BRACE) {
      this.at++
      return map.build()
    }
    do {
      if (map.length === MAX_KEYS_PER_MAP) giveUp()
      const key = this.flowNode(depth + 1, true)
      if (key === null || typeof key === 'object') giveUp()
      // A key and its value are parted by a colon and a space; a key alone is left to the other readers.
      if (text.charCodeAt(this.at) !== COLON || text.charCodeAt(this.at + 1) !== SPACE) giveUp()
      this.at += 2
      this.skipSpaces()
      map.add(String(key), this.flowNode(depth + 1))
    } while (this.flowNext(CLOSE_BRACE))
    return map.build()
  }

  /** A value inside a flow collection: a nested collection, a quoted scalar, or a plain one with no colon (a key's ends at its colon). */
  private flowNode(depth: number, key = false): unknown {
    if (depth > MAX_DEPTH) giveUp()
    const text = this.text
    const start = this.at
    const first = text.charCodeAt(start)
    if (first === OPEN_BRACKET || first === OPEN_BRACE) return this.flowCollection(depth)
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const value = this.quoted()
      this.count()
      return value
    }
    if (!this.canStartPlain(start)) giveUp()
    // Inside a flow collection, `-` before a flow indicator (`[-]`) starts no scalar: the positioned parse reads a block list there.
    if (first === DASH && (CLASSES[text.charCodeAt(start + 1)] & FLOW_INDICATOR) !== 0) giveUp()
    let end = start
    for (; end < text.length; end++) {
      const character = text.charCodeAt(end)
      if (character < 128 && (CLASSES[character] & FLOW_INDICATOR) !== 0) break
      // A key ends at its colon and the space after it.
      if (key && character === COLON && text.charCodeAt(end + 1) === SPACE) break
      // Where a colon ends a flow scalar differs between YAML's versions and parsers: left to the other readers.
      if (character === COLON || character === NEWLINE || character === CARRIAGE_RETURN) giveUp()
    }
    if (end >= text.length) giveUp()
    this.at = end
    while (text.charCodeAt(end - 1) === SPACE) end--
    this.count()
    return plainScalarValue(text.slice(start, end))
  }
}

/** The file's values read line by line, or undefined when it holds anything this reader leaves to the others. */
export function readLineValues(text: string): FileValues | undefined {
  if (UNREAD_CHARACTERS.test(text) || DOCUMENT_START.test(text)) return undefined
  const reader = new LineReader(text)
  try {
    return {value: reader.document(), keyStarts: reader.keyStarts}
  } catch {
    // What this reader gave up on (ReadExactly), and anything it did not foresee, is left to the next reader.
    return undefined
  }
}
