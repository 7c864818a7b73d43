import {sortedCopy} from '../attributes.js'
import {fieldKind} from './fields.js'

/** A custom user (profile) field. */
export const userField = fieldKind('user-field', 'userFields', 'userField', 'Feature Configuration › Custom User Field', (field) => ({
  type: field.type ?? 'string',
  read: sortedCopy(field.read),
  write: sortedCopy(field.write),
}))
