import {isAlias, isMap, isPair, isScalar, isSeq, type Node, parseAllDocuments, visit, type YAMLError} from 'yaml'
import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {type Segment, toPointer} from './pointer.js'
import {rangeAt, type SourceFile} from './source.js'

/** Where one value of the configuration came from. Keys are JSON pointers into the tree they describe. */
export interface ValueLocation {
  readonly value: SourceRange
  /** The map key that introduced the value, when there is one. */
  readonly key?: SourceRange
  /** Set when the value was produced by a ${env:…} or ${file:…} reference: such values are secret. */
  readonly reference?: 'env' | 'file'
}

export type Locations = Map<string, ValueLocation>

/**
 * A value's location kept as offsets; line and column are worked out only when a message needs them,
 * since a large configuration has hundreds of thousands of values and few problems.
 */
export class NodeLocation implements ValueLocation {
  constructor(
    private readonly file: SourceFile,
    private readonly range: readonly [number, number],
    private readonly keyRange?: readonly [number, number],
    readonly reference?: 'env' | 'file',
  ) {}

  get value(): SourceRange {
    return rangeAt(this.file, this.range[0], this.range[1])
  }

  get key(): SourceRange | undefined {
    return this.keyRange ? rangeAt(this.file, this.keyRange[0], this.keyRange[1]) : undefined
  }

  withReference(reference: 'env' | 'file'): NodeLocation {
    return new NodeLocation(this.file, this.range, this.keyRange, reference)
  }
}

export interface ParsedFile {
  readonly file: SourceFile
  readonly value: unknown
  readonly locations: Locations
}

/** Deeper nesting than this is refused; the deepest real configuration path is about ten levels. */
export const MAX_DEPTH = 64
/** Aliases are expanded while reading; beyond this many values the file is treated as an alias bomb. */
export const MAX_ALIAS_EXPANDED_NODES = 100_000

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
  readonly locations: Locations = new Map()
  readonly diagnostics: Diagnostic[] = []
  private expanded = 0
  private bombed = false

  constructor(
    private readonly file: SourceFile,
    private readonly resolveAlias: (alias: Node) => Node | undefined,
  ) {}

  private problem(code: Diagnostic['code'], message: string, node: Node | null | undefined): void {
    const range = node?.range ?? [0, 0]
    this.diagnostics.push({severity: 'error', code, message, source: rangeAt(this.file, range[0], range[1])})
  }

  build(node: Node | null, pointer: string, key: readonly [number, number] | undefined, depth: number, viaAlias: boolean): unknown {
    if (this.bombed) return undefined
    if (node === null) return null
    if (depth > MAX_DEPTH) {
      this.problem('config/too-deep', `values are nested more than ${MAX_DEPTH} levels deep`, node)
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
      const range = node.range ?? [0, 0]
      this.locations.set(pointer, new NodeLocation(this.file, [range[0], range[1]], key))
      return value
    }
    const range = node.range ?? [0, 0]
    this.locations.set(pointer, new NodeLocation(this.file, [range[0], range[1]], key))
    if (isScalar(node)) {
      const v = node.value
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
      const tag = (node.tag ?? '').replace('tag:yaml.org,2002:', '!!')
      this.problem('config/yaml-unsupported', `tag ${tag} is not supported; write plain strings, numbers and booleans`, node)
      return undefined
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => this.build(item as Node, `${pointer}/${index}`, undefined, depth + 1, viaAlias))
    }
    if (isMap(node)) {
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
        // An own property named __proto__ would otherwise reach the prototype chain.
        // The pointer grows by one segment per level, rather than being rebuilt from the whole path at every node.
        const value = this.build(pair.value as Node | null, `${pointer}${toPointer([name])}`, [keyRange[0], keyRange[1]], depth + 1, viaAlias)
        Object.defineProperty(result, name, {value, enumerable: true, writable: true, configurable: true})
      }
      return result
    }
    this.problem('config/yaml-unsupported', 'unsupported YAML node', node)
    return undefined
  }
}

/**
 * Parses one file into plain values plus the location of every value. YAML errors are reported with
 * their position; a file with syntax errors yields no value.
 */
export function parseFile(file: SourceFile): {parsed?: ParsedFile; diagnostics: Diagnostic[]} {
  const documents = parseAllDocuments(file.text, {prettyErrors: false, uniqueKeys: true, strict: true})
  if (!Array.isArray(documents) || documents.length === 0 || documents[0].contents === null) {
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
  return {parsed: {file, value, locations: builder.locations}, diagnostics}
}
