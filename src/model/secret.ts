import type {Json} from './resource.js'

/** How a secret appears in resources, plans and output: its keyed fingerprint, never the value. */
export const FINGERPRINT = '$fingerprint'

export interface SecretMark {
  readonly [FINGERPRINT]: string
}

export function isSecretMark(value: Json | undefined): value is {[FINGERPRINT]: string} {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value[FINGERPRINT] === 'string'
}

/** Secret values by fingerprint, held in memory only, for the moment apply sends them to the service. */
export type SecretValues = ReadonlyMap<string, string>
