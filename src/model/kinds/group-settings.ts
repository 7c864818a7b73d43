import {settingsKind} from './settings.js'

const GROUP_CONFIGURATION = 'Feature Configuration › Group configuration'
const LOGIN_AND_MESSAGE = 'Feature Configuration › Login and Message'

/**
 * Group settings; the per-type settings (`byType`) are managed whole. The console guide spreads them
 * over three group-configuration pages, and edits read receipts and the audio-video groups' history for
 * new members on the Login and Message page.
 */
export const groupSettings = settingsKind('group-settings', 'groupSettings', `${GROUP_CONFIGURATION} › Group feature configuration`, {
  wholeMaps: ['byType'],
  consolePages: {
    readReceipts: LOGIN_AND_MESSAGE,
    'avChatRoom.newMemberHistory': LOGIN_AND_MESSAGE,
    byType: GROUP_CONFIGURATION,
    'byType.*.historyBeforeJoin': `${GROUP_CONFIGURATION} › Group message configuration`,
    'byType.*.notifications': `${GROUP_CONFIGURATION} › Group system notification configuration`,
  },
})
