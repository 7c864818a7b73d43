import {createHash} from 'node:crypto'
import {canonicalJson} from '../model/canonical.js'

export function hash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32)}`
}

/** The fingerprint of a plan's changes (where each was declared is left out: moving YAML around is no change). */
export function planFingerprint(changes: ReadonlyArray<{readonly source?: unknown}>): string {
  return hash(changes.map(({source: _source, ...change}) => change))
}
