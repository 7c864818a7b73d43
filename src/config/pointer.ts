/** JSON pointers (RFC 6901): how chatcfg names a value inside the merged configuration. */

export type Segment = string | number

export function toPointer(segments: readonly Segment[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

/** The pointer one segment below `pointer`: built as a walk goes down, rather than from a whole path at every value. */
export function appendPointer(pointer: string, segment: Segment): string {
  const text = String(segment)
  return text.includes('~') || text.includes('/') ? `${pointer}/${text.replace(/~/g, '~0').replace(/\//g, '~1')}` : `${pointer}/${text}`
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
