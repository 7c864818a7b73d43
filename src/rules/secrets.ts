import type {Rule} from './rule.js'

/** A secret written in clear ends up in git; it should come from ${env:…} or ${file:…}. */
export const secrets: Rule = function* (context) {
  for (const {path, schema} of context.visitsWith('x-chatcfg-secret')) {
    if (!schema['x-chatcfg-secret'] || context.isReference(path)) continue
    yield {
      code: 'config/secret-in-clear',
      message: `${String(path[path.length - 1])} is a secret written in clear; use \${env:NAME} or \${file:path} instead`,
      path,
      at: 'value',
      severity: 'warning',
    }
  }
}
