import {settingsKind} from './settings.js'

/** Login settings: multi-device login and its kick-off rules. */
export const login = settingsKind('login', 'login', 'Feature Configuration › Login and Message')
