import {Composer, CST, type Document, isAlias, isMap, isPair, isScalar, isSeq, Lexer, type Node, Parser, visit, type YAMLError} from 'yaml'
import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {MAX_ALIAS_EXPANDED_NODES, MAX_DEPTH, MAX_ITEMS_PER_LIST, MAX_KEYS_PER_MAP, MAX_VALUES_PER_FILE} from './limits.js'
import {appendPointer, entryOf, fromPointer, isPlainObject, topOf} from './pointer.js'
import {rangeAt, type SourceFile} from './source.js'
import {type KeyStart, readValues} from './yaml-values.js'

/** Where one value of the configuration came from. Keys are JSON pointers into the tree they describe. */
export interface ValueLocation {
  readonly value: SourceRange
  /** The map key that introduced the value, when there is one. */
  readonly key?: SourceRange
  /** Set when the value was produced by a ${env:…} or ${file:…} reference: such values are secret. */
  readonly reference?: 'env' | 'file'
  /** The value is the reference as written, not what it gives: checked for form only (validate without secrets), or failed. */
  readonly unresolved?: boolean
}

/** Looks up where a value came from, by its JSON pointer. */
export interface Locations {
  get(pointer: string): ValueLocation | undefined
}

/**
 * A value's location kept as offsets; line and column are worked out only when a message needs them,
 * since a large configuration has hundreds of thousands of values and few problems.
 */
export class NodeLocation implements ValueLocation {
  constructor(
    private readonly file: SourceFile,
    private readonly range: readonly [number, number],
    private readonly keyRange?: readonly [number, number],
  ) {}

  get value(): SourceRange {
    return rangeAt(this.file, this.range[0], this.range[1])
  }

  get key(): SourceRange | undefined {
    return this.keyRange ? rangeAt(this.file, this.keyRange[0], this.keyRange[1]) : undefined
  }
}

export interface ParsedFile {
  readonly file: SourceFile
  readonly value: unknown
  /** Where each value of `value` is written, worked out when asked. */
  readonly positions: FilePositions
}

const TOO_DEEP = `values are nested more than ${MAX_DEPTH} levels deep`
const TOO_MANY_KEYS = `a map holds more than ${MAX_KEYS_PER_MAP} keys; chatcfg reads at most that many`
const TOO_MANY_ITEMS = `a list holds more than ${MAX_ITEMS_PER_LIST} items; chatcfg reads at most that many`

const YAML_CODES: Record<string, Diagnostic['code']> = {
  DUPLICATE_KEY: 'config/duplicate-key',
  RESOURCE_EXHAUSTION: 'config/too-deep',
}

/** yaml's messages end with a position and a code excerpt; chatcfg prints its own position, so keep the sentence. */
function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
}

function yamlProblem(file: SourceFile, error: YAMLError, severity: Diagnostic['severity']): Diagnostic {
  const code = severity === 'warning' ? 'config/yaml-unsupported' : (YAML_CODES[error.code] ?? 'config/yaml-syntax')
  return {severity, code, message: firstSentence(error.message), source: rangeAt(file, error.pos[0], error.pos[1])}
}

class TreeBuilder {
  readonly locations = new Map<string, NodeLocation>()
  readonly diagnostics: Diagnostic[] = []
  private expanded = 0
  private bombed = false

  /** `base` is where the parsed text starts in the file: a part of the file can be parsed on its own. */
  constructor(
    private readonly file: SourceFile,
    private readonly resolveAlias: (alias: Node) => Node | undefined,
    private readonly base = 0,
  ) {}

  private problem(code: Diagnostic['code'], message: string, node: Node | null | undefined): void {
    const range = node?.range ?? [0, 0]
    this.diagnostics.push({severity: 'error', code, message, source: rangeAt(this.file, this.base + range[0], this.base + range[1])})
  }

  private locate(range: readonly number[] | null | undefined, key: readonly [number, number] | undefined): NodeLocation {
    const [start, end] = range ?? [0, 0]
    return new NodeLocation(this.file, [this.base + start, this.base + end], key && [this.base + key[0], this.base + key[1]])
  }

  build(node: Node | null, pointer: string, key: readonly [number, number] | undefined, depth: number, viaAlias: boolean): unknown {
    if (this.bombed) return undefined
    if (node === null) return null
    if (depth > MAX_DEPTH) {
      this.problem('config/too-deep', TOO_DEEP, node)
      this.bombed = true
      return undefined
    }
    if (viaAlias && ++this.expanded > MAX_ALIAS_EXPANDED_NODES) {
      this.problem('config/yaml-alias-limit', `aliases expand to more than ${MAX_ALIAS_EXPANDED_NODES} values; is this an alias bomb?`, node)
      this.bombed = true
      return undefined
    }
    if (isAlias(node)) {
      const target = this.resolveAlias(node)
      if (!target) {
        this.problem('config/yaml-syntax', `alias *${node.source} has no anchor`, node)
        return undefined
      }
      const value = this.build(target, pointer, key, depth, true)
      // The value is reported where the alias is used; what is inside it, where the anchor wrote it.
      this.locations.set(pointer, this.locate(node.range, key))
      return value
    }
    const range = node.range ?? [0, 0]
    this.locations.set(pointer, this.locate(range, key))
    if (isScalar(node)) {
      const v = node.value
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
      const tag = (node.tag ?? '').replace('tag:yaml.org,2002:', '!!')
      this.problem('config/yaml-unsupported', `tag ${tag} is not supported; write plain strings, numbers and booleans`, node)
      return undefined
    }
    if (isSeq(node)) {
      if (node.items.length > MAX_ITEMS_PER_LIST) {
        this.problem('config/too-many-items', TOO_MANY_ITEMS, (node.items[MAX_ITEMS_PER_LIST] as Node | null) ?? node)
        return undefined
      }
      return node.items.map((item, index) => this.build(item as Node, `${pointer}/${index}`, undefined, depth + 1, viaAlias))
    }
    if (isMap(node)) {
      if (node.items.length > MAX_KEYS_PER_MAP) {
        this.problem('config/too-many-keys', TOO_MANY_KEYS, (node.items[MAX_KEYS_PER_MAP]?.key as Node | null) ?? node)
        return undefined
      }
      const result: Record<string, unknown> = {}
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        const keyNode = pair.key as Node | null
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          this.problem('config/yaml-unsupported', 'map keys must be plain strings', keyNode ?? node)
          continue
        }
        const name = String(keyNode.value)
        const keyRange = keyNode.range ?? range
        // Checked here with the map's own keys rather than by the YAML library, whose check compares every pair of keys.
        if (Object.hasOwn(result, name)) {
          this.diagnostics.push({
            severity: 'error',
            code: 'config/duplicate-key',
            message: 'Map keys must be unique',
            source: rangeAt(this.file, this.base + keyRange[0], this.base + keyRange[0] + 1),
          })
          continue
        }
        // An own property named __proto__ would otherwise reach the prototype chain.
        // The pointer grows by one segment per level, rather than being rebuilt from the whole path at every node.
        const value = this.build(pair.value as Node | null, appendPointer(pointer, name), [keyRange[0], keyRange[1]], depth + 1, viaAlias)
        Object.defineProperty(result, name, {value, enumerable: true, writable: true, configurable: true})
      }
      return result
    }
    this.problem('config/yaml-unsupported', 'unsupported YAML node', node)
    return undefined
  }
}

/** A limit the file broke while it was being read, found before the YAML library builds anything from it. */
interface Overrun {
  readonly code: Diagnostic['code']
  readonly message: string
  readonly offset: number
}

function collectionOverrun(token: CST.Token | undefined): Overrun | undefined {
  if (token?.type !== 'block-map' && token?.type !== 'block-seq' && token?.type !== 'flow-collection') return undefined
  const isMap = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.type === 'flow-map-start')
  const limit = isMap ? MAX_KEYS_PER_MAP : MAX_ITEMS_PER_LIST
  // A collection's last item may be only a trailing comma or comment: one more than the limit is left to the exact count later.
  if (token.items.length <= limit + 1) return undefined
  const item = token.items[limit]
  // Until a flow list ends, the parser keeps each of its values where a key would go.
  const at = item.key ?? item.value ?? item.start.at(-1) ?? token
  return isMap
    ? {code: 'config/too-many-keys', message: TOO_MANY_KEYS, offset: at.offset}
    : {code: 'config/too-many-items', message: TOO_MANY_ITEMS, offset: at.offset}
}

/** Lexemes that start a key, a value or a list item; counting them bounds the work before any of it is done. */
function startsValue(lexeme: string): boolean {
  const first = lexeme.charAt(0)
  return lexeme === CST.SCALAR || lexeme === '-' || first === "'" || first === '"' || first === '*' || first === '[' || first === '{'
}

/**
 * The YAML library's syntax tokens for `text`, stopping at the first limit broken: too many values in
 * the file, in one map or in one list, or nesting deeper than chatcfg builds. The library's parser keeps
 * its own stack, so a limit is seen as it is crossed, long before a hostile file costs time or memory.
 */
function* boundedTokens(text: string, overrun: (found: Overrun) => void): Generator<CST.Token> {
  const parser = new Parser()
  let values = 0
  let afterScalarMark = false
  for (const lexeme of new Lexer().lex(text)) {
    const offset = parser.offset
    yield* parser.next(lexeme)
    // The lexeme after a scalar mark is that scalar's text, whatever it starts with.
    if (!afterScalarMark && startsValue(lexeme) && ++values > MAX_VALUES_PER_FILE) {
      overrun({
        code: 'config/too-many-values',
        message: `the file holds more than ${MAX_VALUES_PER_FILE} keys, values and list items; chatcfg reads at most that many`,
        offset,
      })
      return
    }
    afterScalarMark = lexeme === CST.SCALAR
    const stack = parser.stack
    // The stack holds the document, then one collection per level and the scalar being read: its entry
    // MAX_DEPTH + 2 is the first value nested too deep, as the tree builder would report it.
    if (stack.length > MAX_DEPTH + 3) {
      overrun({code: 'config/too-deep', message: TOO_DEEP, offset: stack[MAX_DEPTH + 2].offset})
      return
    }
    const found = collectionOverrun(stack.at(-1)) ?? collectionOverrun(stack.at(-2))
    if (found) {
      overrun(found)
      return
    }
  }
  yield* parser.end()
}

/** Every document of the file, or the limit it broke. */
function parseDocuments(text: string): {documents: Document.Parsed[]; overrun?: Overrun} {
  let overrun: Overrun | undefined
  const composer = new Composer({prettyErrors: false, uniqueKeys: false, strict: true})
  // The YAML parser reads process.env.LOG_TOKENS at every token, and Node's process.env is slow to read:
  // a plain copy serves the parse, and the real one is back before anything else runs.
  const env = process.env
  process.env = {...env}
  try {
    const documents = [...composer.compose(boundedTokens(text, (found) => (overrun = found)))]
    return overrun ? {documents: [], overrun} : {documents}
  } finally {
    process.env = env
  }
}

/** The exact parse of a whole file: its value and the location of every value, or what is wrong with it. */
function parseExactly(file: SourceFile): {value?: unknown; locations?: Map<string, NodeLocation>; diagnostics: Diagnostic[]} {
  const {documents, overrun} = parseDocuments(file.text)
  if (overrun) return {diagnostics: [{severity: 'error', code: overrun.code, message: overrun.message, source: rangeAt(file, overrun.offset)}]}
  if (documents.length === 0 || documents[0].contents === null) {
    const diagnostic: Diagnostic = {severity: 'error', code: 'config/empty-file', message: 'file holds no configuration', source: rangeAt(file, 0)}
    return {diagnostics: [diagnostic]}
  }
  const diagnostics: Diagnostic[] = []
  for (const document of documents) {
    diagnostics.push(...document.errors.map((e) => yamlProblem(file, e, 'error')))
    diagnostics.push(...document.warnings.map((e) => yamlProblem(file, e, 'warning')))
  }
  if (documents.length > 1) {
    const start = documents[1].range[0]
    diagnostics.push({
      severity: 'error',
      code: 'config/yaml-unsupported',
      message: 'a file holds one YAML document; split the others into files of their own',
      source: rangeAt(file, start),
    })
  }
  if (diagnostics.some((d) => d.severity === 'error')) return {diagnostics}
  const document = documents[0]
  // Anchors are collected once: resolving each alias by searching the document would be quadratic.
  const anchors = new Map<string, Node>()
  visit(document, {
    Node(_key, node) {
      if (node.anchor) anchors.set(node.anchor, node)
    },
  })
  const builder = new TreeBuilder(file, (alias) => (isAlias(alias) ? anchors.get(alias.source) : undefined))
  const value = builder.build(document.contents as Node, '', undefined, 0, false)
  diagnostics.push(...builder.diagnostics)
  if (builder.diagnostics.length > 0) return {diagnostics}
  return {value, locations: builder.locations, diagnostics}
}

/**
 * Where each value of one file is written. A file read by the value-only pass (yaml-values.ts) has its
 * positions worked out on the first question, and only for the part of the file asked about: the entry
 * of a top-level map (`apps: support:`), or a top-level key, parsed exactly on its own and placed at its
 * offset in the file. Anything else, or a part that does not parse on its own, parses the whole file.
 */
/** Entries parsed on their own before the whole file is parsed instead. */
const MAX_PARTS = 16

export class FilePositions {
  private readonly parts = new Map<string, Map<string, NodeLocation> | undefined>()
  private whole?: Map<string, NodeLocation>
  private readonly starts: Map<string, number>

  constructor(
    private readonly file: SourceFile,
    private readonly value: unknown,
    private readonly keyStarts: readonly KeyStart[] = [],
    exact?: Map<string, NodeLocation>,
  ) {
    this.whole = exact
    this.starts = new Map(keyStarts.map((start, index) => [start.pointer, index]))
  }

  /** True when the file holds a value at `pointer`. */
  has(pointer: string): boolean {
    let node = this.value
    for (const segment of fromPointer(pointer)) {
      if (Array.isArray(node)) {
        if (!/^(0|[1-9][0-9]*)$/.test(segment) || Number(segment) >= node.length) return false
        node = node[Number(segment)]
      } else if (isPlainObject(node) && Object.hasOwn(node, segment)) node = node[segment]
      else return false
    }
    return true
  }

  at(pointer: string): NodeLocation | undefined {
    if (this.whole) return this.whole.get(pointer)
    if (!this.has(pointer)) return undefined
    // The entry of a top-level map (`/apps/support`) when its lines are known, else the top-level key's.
    for (const part of [entryOf(pointer), topOf(pointer)]) {
      if (part === '' || !this.starts.has(part)) continue
      // Asked about many entries (a saved plan of a whole configuration), one parse of the file costs less.
      if (!this.parts.has(part) && this.parts.size >= MAX_PARTS) break
      const locations = this.part(part)
      if (locations) return locations.get(pointer)
    }
    return this.wholeFile().get(pointer)
  }

  private wholeFile(): Map<string, NodeLocation> {
    this.whole ??= parseExactly(this.file).locations ?? new Map()
    return this.whole
  }

  /** The locations within one entry, from parsing its lines alone; undefined when they do not parse alone. */
  private part(pointer: string): Map<string, NodeLocation> | undefined {
    if (this.parts.has(pointer)) return this.parts.get(pointer)
    const index = this.starts.get(pointer) as number
    const {lineStart, level} = this.keyStarts[index]
    // An entry ends where the next key of its level or above starts.
    const next = this.keyStarts.slice(index + 1).find((start) => start.level <= level)
    const end = next?.lineStart ?? this.file.text.length
    const parent = pointer.slice(0, pointer.lastIndexOf('/'))
    const name = fromPointer(pointer).at(-1) as string
    const {documents, overrun} = parseDocuments(this.file.text.slice(lineStart, end))
    let locations: Map<string, NodeLocation> | undefined
    const document = documents[0]
    if (!overrun && documents.length === 1 && document.errors.length === 0 && document.warnings.length === 0 && isMap(document.contents)) {
      const builder = new TreeBuilder(this.file, () => undefined, lineStart)
      const value = builder.build(document.contents, parent, undefined, 0, false)
      if (builder.diagnostics.length === 0 && isPlainObject(value) && Object.keys(value).length === 1 && Object.hasOwn(value, name)) {
        builder.locations.delete(parent) // the part's own map, not the file's
        locations = builder.locations
      }
    }
    this.parts.set(pointer, locations)
    return locations
  }
}

/**
 * Parses one file into plain values, with the location of every value worked out when asked. YAML errors
 * are reported with their position; a file with syntax errors yields no value.
 */
export function parseFile(file: SourceFile): {parsed?: ParsedFile; diagnostics: Diagnostic[]} {
  const values = readValues(file.text)
  if (values) return {parsed: {file, value: values.value, positions: new FilePositions(file, values.value, values.keyStarts)}, diagnostics: []}
  return parseFileExactly(file)
}

/** The same as parseFile, read only the exact way: what the value-only pass must agree with. */
export function parseFileExactly(file: SourceFile): {parsed?: ParsedFile; diagnostics: Diagnostic[]} {
  const exact = parseExactly(file)
  if (!exact.locations) return {diagnostics: exact.diagnostics}
  return {parsed: {file, value: exact.value, positions: new FilePositions(file, exact.value, [], exact.locations)}, diagnostics: exact.diagnostics}
}
