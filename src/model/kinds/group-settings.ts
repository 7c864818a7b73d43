import {settingsKind} from './settings.js'

/** Group settings; the per-type settings (`byType`) are managed whole. */
export const groupSettings = settingsKind('group-settings', 'groupSettings', 'Feature Configuration › Group configuration', {wholeMaps: ['byType']})
