// Generated configurations for benchmarks: apps with every section used, at the service's limits.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {stringify} from 'yaml'

const root = join(import.meta.dirname, '..')
const EVENTS = JSON.parse(readFileSync(join(root, 'schemas/chatcfg.schema.json'), 'utf8')).$defs.webhookEvent.enum
const letters = (i) => String.fromCharCode(65 + Math.floor(i / 26), 97 + (i % 26))
const range = (n, f) => Object.fromEntries(Array.from({length: n}, (_, i) => f(i)))

/** One premium app using every section: 20 + 20 + 10 + 5 custom fields, a webhook with every event, push, 10 admins, accounts and groups. */
export function fullyConfiguredApp(index, variant = 0) {
  return {
    name: `App ${index}`,
    edition: 'premium',
    tags: {team: 'bench'},
    trtc: true,
    login: {multiDevice: 'multi', webInstances: 10},
    messages: {userStatus: true, pushToAll: true, messageExtension: true, conversationsToPull: 500, recallLimitMinutes: 5 + variant},
    friends: {verification: 'needConfirm'},
    groupSettings: {community: true, readReceipts: ['Work', 'Public'], avChatRoom: {memberBan: true, onlineMemberList: true}},
    userFields: range(20, (i) => [`U${letters(i)}`, {read: ['app', 'admin'], write: ['admin']}]),
    friendFields: range(20, (i) => [`F${letters(i)}`, {type: 'string'}]),
    groupFields: range(10, (i) => [`g_${i}`, {groupTypes: {Work: {read: 'all', write: 'owner'}, Public: {read: 'members'}}}]),
    groupMemberFields: range(5, (i) => [`m_${i}`, {groupTypes: {Work: {self: true}}}]),
    webhook: {url: 'https://hooks.example.com/im', events: EVENTS, token: '${env:BENCH_WEBHOOK_TOKEN}'},
    push: {
      android: {google: {serverKey: '${env:BENCH_FCM_KEY}', channelId: 'default'}},
      ios: {prod: {p12: '${env:BENCH_P12}', password: '${env:BENCH_P12_PASSWORD}'}},
    },
    accounts: {
      administrator: {type: 'admin'},
      ...range(9, (i) => [`admin${i}`, {type: 'admin', nick: `Admin ${i}`}]),
      ...range(10, (i) => [`user${i}`, {nick: `User ${i}`}]),
    },
    groups: range(5, (i) => [`team${i}`, {type: 'Work', name: `Team ${i}`, owner: `user${i}`, members: ['user5', 'user6', 'user7']}]),
  }
}

export const BENCH_ENV = {BENCH_WEBHOOK_TOKEN: 'bench-token', BENCH_FCM_KEY: 'bench-fcm', BENCH_P12: 'UDEy'.repeat(200), BENCH_P12_PASSWORD: 'bench-password'}

/** A configuration of `apps` apps as YAML; `changedShare` of them differ from variant 0 by one setting. */
export function configurationYaml(apps, changedShare = 0) {
  const changed = changedShare > 0 ? Math.max(1, Math.round(apps * changedShare)) : 0
  return stringify(
    {version: 1, apps: range(apps, (i) => [`app-${i}`, fullyConfiguredApp(i, i < changed ? 1 : 0)])},
    {lineWidth: 0, aliasDuplicateObjects: false},
  )
}
