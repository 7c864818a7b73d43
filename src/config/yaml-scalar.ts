import {isScalar, type ScalarTag, Schema} from 'yaml'

/**
 * What the value-only readers of a configuration file share (yaml-values.ts): how a plain scalar resolves,
 * how a map is built, how a reader gives up, and what they answer.
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

/** Thrown inside a reader when the file must be read another way; never leaves the readers. */
export class ReadExactly extends Error {}

export const giveUp = (): never => {
  throw new ReadExactly()
}

/** Below YAML's 1024-character bound on implicit keys, with room for quotes and spaces before the `:`. */
export const MAX_KEY_LENGTH = 1000

/** The core schema's tags that resolve plain scalars, as the `yaml` library tries them. */
const PLAIN_TAGS: readonly ScalarTag[] = new Schema({}).tags.filter(
  (tag): tag is ScalarTag => !('collection' in tag && tag.collection) && tag.default === true && tag.test !== undefined,
)
const RESOLVE_OPTIONS = {intAsBigInt: false}

/** First characters with which a plain scalar can be other than text in the core schema (null, bool, int, float). */
const NOT_ONLY_TEXT = new Set('~nNtTfF0123456789+-.')

/** A plain scalar's value as the positioned parse resolves it with the core schema; gives up where it would not be plain data. */
export function plainScalarValue(source: string): string | number | boolean | null {
  if (source !== '' && !NOT_ONLY_TEXT.has(source.charAt(0))) return source
  const tag = PLAIN_TAGS.find((candidate) => candidate.test?.test(source))
  if (!tag) return source
  let failed = false
  const resolved = tag.resolve(source, () => (failed = true), RESOLVE_OPTIONS)
  // Some tags answer with a node of their own (booleans do), as the composer accepts.
  const value = isScalar(resolved) ? resolved.value : resolved
  if (failed || !(value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) giveUp()
  return value as string | number | boolean | null
}

/** Past this many keys a map filled key by key falls to V8's slow (dictionary) properties, and every rule reading it pays. */
const FAST_ASSIGNED_KEYS = 12

/**
 * A map built key by key as it is read: by assignment while it is small (several times faster than from
 * entries), from its entries once it is larger, so that it keeps V8's fast properties either way. Every key
 * becomes an own property, `__proto__` included; a key written twice makes the reader give up (the exact
 * parse reports it).
 */
export class MapBuilder {
  private assigned: Record<string, unknown> = {}
  private entries: Array<[string, unknown]> | undefined
  private size = 0

  add(key: string, value: unknown): void {
    if (this.entries === undefined && (this.size === FAST_ASSIGNED_KEYS || key === '__proto__')) this.entries = Object.entries(this.assigned)
    if (this.entries !== undefined) this.entries.push([key, value])
    else {
      if (Object.hasOwn(this.assigned, key)) giveUp()
      this.assigned[key] = value
    }
    this.size++
  }

  get length(): number {
    return this.size
  }

  build(): Record<string, unknown> {
    if (this.entries === undefined) return this.assigned
    const result = Object.fromEntries(this.entries)
    if (Object.keys(result).length !== this.entries.length) giveUp()
    return result
  }
}
