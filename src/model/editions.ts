import {isDeepStrictEqual} from 'node:util'
import type {App, Edition} from '../config/generated/config.js'
import type {EditionSpec, RootSchema} from '../config/schema.js'

function editionTable(schema: RootSchema): Readonly<Record<string, EditionSpec>> {
  return schema.$defs.edition['x-chatcfg-editions'] ?? {}
}

/**
 * The edition an app declares, or the schema's default (a new app starts as developer). Undefined when
 * the declared value is not an edition (the schema reports that).
 */
export function editionOf(schema: RootSchema, app: Partial<App> | undefined): Edition | undefined {
  const edition = app?.edition ?? (schema.$defs.edition.default as Edition)
  return Object.hasOwn(editionTable(schema), edition) ? edition : undefined
}

/** What an edition includes, read from the schema's `x-chatcfg-editions` table. */
export function editionSpec(schema: RootSchema, edition: Edition): EditionSpec {
  const spec = editionTable(schema)[edition]
  if (!spec) throw new Error(`schema has no x-chatcfg-editions entry for ${edition}`)
  return spec
}

/** Editions that include the premium feature set, for messages. */
export function premiumEditions(schema: RootSchema): string[] {
  return Object.entries(editionTable(schema))
    .filter(([, spec]) => spec.premiumFeatures)
    .map(([name]) => name)
}

/**
 * Whether a value needs the premium feature set, given the schema's `x-chatcfg-premium` marker on its
 * property: a list names the values that need it; `true` means any value but the default does.
 */
export function needsPremium(marker: boolean | readonly unknown[] | undefined, value: unknown, fallback: unknown): boolean {
  if (marker === undefined || marker === false) return false
  if (Array.isArray(marker)) return marker.includes(value)
  return fallback === undefined ? true : !isDeepStrictEqual(value, fallback)
}

/** Position of an edition in the upgrade order (`x-chatcfg-upgrade-only`); editions only move up. */
export function editionRank(schema: RootSchema, edition: string): number {
  return (schema.$defs.edition['x-chatcfg-upgrade-only'] ?? []).indexOf(edition)
}

/**
 * The most members (owner included) a group of a type may hold on an edition: the edition's per-group
 * limit, unless the schema gives the group type its own cap (a community holds 100,000 whatever the
 * edition: the console guide, and the newer group system reference agrees) or none (audio-video groups).
 * Undefined means no cap.
 */
export function memberCap(schema: RootSchema, edition: Edition, groupType: string): number | undefined {
  const caps = schema.$defs.groupType['x-chatcfg-member-caps'] ?? {}
  if (Object.hasOwn(caps, groupType)) return caps[groupType] ?? undefined
  return editionSpec(schema, edition).limits.membersPerGroup
}

/** The most admin accounts an app may have, from the schema (`x-chatcfg-max-admins` on accounts). */
export function maxAdmins(schema: RootSchema): number {
  return schema.$defs.accounts['x-chatcfg-max-admins'] ?? Number.POSITIVE_INFINITY
}

/** The console lets the history storage period change at most once a month. */
export const HISTORY_CHANGE_INTERVAL_MS = 30 * 24 * 3600 * 1000
