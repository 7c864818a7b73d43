import {groupFieldAttributes} from './field-permissions.js'
import {fieldKind} from './fields.js'

/** A custom group field, per group type. */
export const groupField = fieldKind('group-field', 'groupFields', 'groupField', 'Feature Configuration › Custom Group Field', (field, context) =>
  groupFieldAttributes(field.groupTypes, context, 'groupFieldPermissions'),
)
