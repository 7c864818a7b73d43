import {createHash} from 'node:crypto'
import {canonicalJson, streamCanonicalJson} from '../model/canonical.js'

export function hash(value: unknown): string {
  // Fed as it is written, so a whole plan's text is never held at once.
  let digest = createHash('sha256')
  if (!streamCanonicalJson(value, (text) => digest.update(text))) digest = createHash('sha256').update(canonicalJson(value))
  return `sha256:${digest.digest('hex').slice(0, 32)}`
}

/** The fingerprint of a plan's changes (where each was declared is left out: moving YAML around is no change). */
export function planFingerprint(changes: ReadonlyArray<{readonly source?: unknown}>): string {
  return hash(changes.map(withoutSource))
}

/** The change's fields but `source`, in their order, without reading `source` (it may not have been worked out yet). */
function withoutSource(change: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(change)) if (key !== 'source') fields[key] = (change as Record<string, unknown>)[key]
  return fields
}
