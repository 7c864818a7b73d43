import {fieldKind} from './fields.js'

/** A custom friend field. */
export const friendField = fieldKind('friend-field', 'friendFields', 'friendField', 'Feature Configuration › Custom Friend Field')
