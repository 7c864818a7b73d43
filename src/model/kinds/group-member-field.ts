import {groupFieldAttributes} from './field-permissions.js'
import {fieldKind} from './fields.js'

/** A custom group member field, per group type. */
export const groupMemberField = fieldKind(
  'group-member-field',
  'groupMemberFields',
  'groupMemberField',
  'Feature Configuration › Custom Group Member Field',
  (field, context) => groupFieldAttributes(field.groupTypes, context, 'groupMemberFieldPermissions'),
)
