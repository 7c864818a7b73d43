import {fieldKind} from './fields.js'

/** A custom friend field, added in the Custom Friend Field area of the Friend and Relationship page. */
export const friendField = fieldKind('friend-field', 'friendFields', 'friendField', 'Feature Configuration › Friend and Relationship', (field) => ({
  type: field.type ?? 'string',
}))
