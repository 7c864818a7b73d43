const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** JSON.stringify with every object rebuilt with sorted keys: the definition, for values the fast writer below does not take. */
function canonicalByRebuilding(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => byCodeUnit(a, b)))
      : item,
  )
}

/** Thrown inside writeCanonical at a value it does not write the way JSON.stringify would; the caller uses the definition instead. */
const NOT_PLAIN = Symbol('not plain JSON data')

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295

/**
 * Keys in the order JSON.stringify lists those of an object built from them sorted: an object lists its
 * array-index keys first, in numeric order, whatever order they were added in.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object).sort(byCodeUnit)
  if (!keys.some(isArrayIndex)) return keys
  const indexes = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b))
  return [...indexes, ...keys.filter((key) => !isArrayIndex(key))]
}

/** Pieces of text handed on in chunks of about 64 KiB: a plan from empty serializes to tens of megabytes, never held whole by a hash. */
class Chunks {
  private chunk = ''

  constructor(private readonly take: (text: string) => void) {}

  push(...pieces: string[]): void {
    for (const piece of pieces) this.chunk += piece
    if (this.chunk.length >= 65536) this.end()
  }

  end(): void {
    if (this.chunk === '') return
    this.take(this.chunk)
    this.chunk = ''
  }
}

/** Writes the canonical JSON of plain data (objects, lists, strings, numbers, booleans, null). */
function writeCanonical(value: unknown, out: Chunks): void {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      out.push(JSON.stringify(value))
      return
    case 'object': {
      if (value === null) {
        out.push('null')
        return
      }
      if (Array.isArray(value)) {
        out.push('[')
        for (let index = 0; index < value.length; index++) {
          if (!(index in value)) throw NOT_PLAIN
          if (index > 0) out.push(',')
          writeCanonical(value[index], out)
        }
        out.push(']')
        return
      }
      const prototype = Object.getPrototypeOf(value)
      if (prototype !== Object.prototype && prototype !== null) throw NOT_PLAIN
      out.push('{')
      let first = true
      for (const key of sortedKeys(value)) {
        if (!first) out.push(',')
        first = false
        out.push(JSON.stringify(key), ':')
        writeCanonical((value as Record<string, unknown>)[key], out)
      }
      out.push('}')
      return
    }
    default:
      // undefined, functions, symbols and big integers: JSON leaves some out and refuses others.
      throw NOT_PLAIN
  }
}

/**
 * Hands `take` the canonical JSON of `value` in chunks, in order; false (with perhaps some chunks handed
 * already) when the value is not plain data, and only canonicalJson says what it becomes.
 */
export function streamCanonicalJson(value: unknown, take: (text: string) => void): boolean {
  const out = new Chunks(take)
  try {
    writeCanonical(value, out)
  } catch {
    // Not plain data, or a structure too deep or circular.
    return false
  }
  out.end()
  return true
}

/** JSON with sorted keys, so equal values serialize (and hash) equally wherever they were built. */
export function canonicalJson(value: unknown): string {
  // Written directly rather than by rebuilding every object: plans and emulator writes serialize tens of thousands of values.
  const chunks: string[] = []
  // Anything else is left to the definition, which decides what it becomes or throws what it throws.
  return streamCanonicalJson(value, (text) => chunks.push(text)) ? chunks.join('') : canonicalByRebuilding(value)
}
