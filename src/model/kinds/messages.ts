import {settingsKind} from './settings.js'

/** Message settings, history storage among them (its free period depends on the edition). */
export const messages = settingsKind('messages', 'messages', 'Feature Configuration › Login and Message')
