import {createHash} from 'node:crypto'

/** JSON with sorted keys, so equal values hash equally wherever they were built. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  )
}

export function hash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32)}`
}

/** The fingerprint of a plan's changes (where each was declared is left out: moving YAML around is no change). */
export function planFingerprint(changes: ReadonlyArray<{readonly source?: unknown}>): string {
  return hash(changes.map(({source: _source, ...change}) => change))
}
