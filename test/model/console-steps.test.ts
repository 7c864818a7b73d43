import {describe, expect, it} from 'vitest'
import {consoleStepsFor} from '../../src/model/console-steps.js'
import type {Change} from '../../src/model/resource.js'
import {child} from '../providers/emulator/changes.js'

const APP = 'Chat console › Support (1400000000)'

/** Each setting is edited on the page the console guide names for it. */
const cases: Array<{readonly setting: string; readonly change: Change & {changedPaths?: string[]}; readonly page: string}> = [
  {
    setting: 'a custom friend field',
    change: child('create', 'friend-field', 'demo', 'Note', {type: 'string'}),
    page: 'Feature Configuration › Friend and Relationship',
  },
  {
    setting: 'the default friend verification',
    change: {...child('update', 'friends', 'demo', 'friends', {verification: 'needConfirm'}), changedPaths: ['verification']},
    page: 'Feature Configuration › Friend and Relationship',
  },
  {
    setting: 'read receipts for group messages',
    change: {...child('update', 'group-settings', 'demo', 'group-settings', {readReceipts: ['Work']}), changedPaths: ['readReceipts']},
    page: 'Feature Configuration › Login and Message',
  },
  {
    setting: 'message history for new members of audio-video groups',
    change: {
      ...child('update', 'group-settings', 'demo', 'group-settings', {avChatRoom: {newMemberHistory: 20}}),
      changedPaths: ['avChatRoom.newMemberHistory'],
    },
    page: 'Feature Configuration › Login and Message',
  },
  {
    setting: 'the audio-video group member ban',
    change: {...child('update', 'group-settings', 'demo', 'group-settings', {avChatRoom: {memberBan: true}}), changedPaths: ['avChatRoom.memberBan']},
    page: 'Feature Configuration › Group configuration › Group feature configuration',
  },
  {
    setting: 'communities',
    change: {...child('update', 'group-settings', 'demo', 'group-settings', {community: true}), changedPaths: ['community']},
    page: 'Feature Configuration › Group configuration › Group feature configuration',
  },
  {
    setting: 'history before joining, per group type',
    change: child('create', 'group-settings', 'demo', 'group-settings', {byType: {Work: {historyBeforeJoin: true}}}),
    page: 'Feature Configuration › Group configuration › Group message configuration',
  },
  {
    setting: 'group system notifications, per group type',
    change: child('create', 'group-settings', 'demo', 'group-settings', {byType: {Meeting: {notifications: {memberChange: {quit: true}}}}}),
    page: 'Feature Configuration › Group configuration › Group system notification configuration',
  },
  {
    setting: 'the login policy',
    change: {...child('update', 'login', 'demo', 'login', {multiDevice: 'single'}), changedPaths: ['multiDevice']},
    page: 'Feature Configuration › Login and Message',
  },
]

describe('console steps name the console guide pages', () => {
  it.each(cases)('$setting', ({change, page}) => {
    const steps = consoleStepsFor(change, APP) ?? []
    expect(steps.length).toBeGreaterThan(0)
    for (const step of steps) expect(step.page).toBe(`${APP} › ${page}`)
  })
})
