/** JSON pointers (RFC 6901): how chatcfg names a value inside the merged configuration. */

export type Segment = string | number

export function toPointer(segments: readonly Segment[]): string {
  return segments.reduce<string>(appendPointer, '')
}

/** The pointer one segment below `pointer`: built as a walk goes down, rather than from a whole path at every value. */
export function appendPointer(pointer: string, segment: Segment): string {
  const text = String(segment)
  // Most segments need no escaping, and skipping the replacements is most of the cost.
  return text.includes('~') || text.includes('/') ? `${pointer}/${text.replace(/~/g, '~0').replace(/\//g, '~1')}` : `${pointer}/${text}`
}

/** The pointer's first segment (`/apps`), or the pointer itself. */
export function topOf(pointer: string): string {
  const second = pointer.indexOf('/', 1)
  return second < 0 ? pointer : pointer.slice(0, second)
}

/** The pointer's first two segments (`/apps/support`), or the pointer itself: the entry of a top-level map it belongs to. */
export function entryOf(pointer: string): string {
  const second = pointer.indexOf('/', 1)
  if (second < 0) return pointer
  const third = pointer.indexOf('/', second + 1)
  return third < 0 ? pointer : pointer.slice(0, third)
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
