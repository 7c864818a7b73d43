import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadChecked} from '../helpers.js'

const INVALID = join(import.meta.dirname, '..', 'fixtures', 'invalid')

/** The words of a schema error come from the failing schema node: a suggestion, the rule's own description, the service's limit. */
describe('schema error messages', () => {
  it.each([
    ['unknown-key-typo.yaml', 'unknown key "nmae"; did you mean "name"?'],
    ['policy-document-capitalised.yaml', 'unknown key "Effect"; did you mean "effect"?'],
    ['friend-field-21st.yaml', '21 custom friend fields per app; the service allows at most 20'],
    ['user-field-name-digits.yaml', 'invalid name "Tier2": custom user field names are 1 to 8 letters'],
  ])('%s says: %s', (file, message) => {
    const result = loadChecked([file], {cwd: INVALID, env: {}})
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([message])
  })
})
