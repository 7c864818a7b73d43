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
