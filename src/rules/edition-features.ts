import {isPlainObject} from '../config/pointer.js'
import {editionOf, editionSpec, needsPremium, premiumEditions} from '../model/editions.js'
import {type Rule, shown} from './rule.js'

/**
 * Features the schema marks `x-chatcfg-premium` are refused when the app's declared edition lacks the
 * premium feature set (the standard edition lacks it; developer and premium include it).
 */
export const editionFeatures: Rule = function* (context) {
  const apps = isPlainObject(context.config.apps) ? context.config.apps : {}
  for (const {path, value, schema} of context.visits) {
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
