import {settingsKind} from './settings.js'

/** Friend and relationship chain settings. */
export const friends = settingsKind('friends', 'friends', 'Feature Configuration › Friend and Relationship')
