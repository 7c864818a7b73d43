import {isPlainObject} from '../config/pointer.js'
import {editionOf, editionRank, editionSpec, needsPremium, premiumEditions} from '../model/editions.js'
import {type LiveRule, type Rule, shown} from './rule.js'

/**
 * Features the schema marks `x-chatcfg-premium` are refused when the app's declared edition lacks the
 * premium feature set (the standard edition lacks it; developer and premium include it).
 */
export const editionFeatures: Rule = function* (context) {
  const apps = isPlainObject(context.config.apps) ? context.config.apps : {}
  for (const {path, value, schema} of context.visitsWith('x-chatcfg-premium')) {
    const marker = schema['x-chatcfg-premium']
    if (marker === undefined || marker === false || path[0] !== 'apps') continue
    const app = apps[String(path[1])]
    if (!isPlainObject(app) || !needsPremium(marker, value, schema.default)) continue
    const edition = editionOf(context.schema, app)
    if (!edition || editionSpec(context.schema, edition).premiumFeatures) continue
    const setting = path.slice(2).join('.')
    yield {
      code: 'config/edition-feature',
      message: `${setting} = ${shown(context, path, value)} is not available on the ${edition} edition; it needs ${premiumEditions(context.schema).join(' or ')}`,
      path,
      at: 'value',
    }
  }
}

/** An edition only goes up: developer, then standard, then premium. */
export const editionDowngrade: LiveRule = function* (context) {
  for (const change of context.changes) {
    if (change.kind !== 'app' || change.action !== 'update' || !change.changedPaths.includes('edition')) continue
    const from = String(change.before?.edition)
    const to = String(change.after?.edition)
    if (editionRank(context.schema, to) < editionRank(context.schema, from)) {
      yield {
        code: 'plan/edition-downgrade',
        message: `app ${change.name} is on the ${from} edition and cannot go back to ${to}; create a new app instead`,
        address: change.address,
        attribute: 'edition',
        blocks: change.address,
      }
    }
  }
}
