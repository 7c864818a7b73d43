// Generated configurations for benchmarks: apps with every section used, at the service's limits.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
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

/** Deterministic bytes standing in for a .p12 certificate: the same `seed` always gives the same file. */
export function certificateBytes(seed, length = 2400) {
  const bytes = Buffer.alloc(length)
  let state = (seed * 2654435761) >>> 0 || 1
  for (let i = 0; i < length; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    bytes[i] = state & 0xff
  }
  return bytes
}

/** The push certificates of the account-limit workload, shared by every app: files read by `${filebase64:}`. */
export const ACCOUNT_LIMIT_FILES = {'certs/apns-production.p12': 1, 'certs/apns-development.p12': 2, 'certs/voip.p12': 3}

/**
 * One app of the account-limit workload, as YAML lines under `apps:`: a premium app with 20 user, 20 friend,
 * 10 group and 5 member fields, every callback event, three iOS push certificates from files, 10 admins, 20
 * accounts with custom values and 6 groups (about 99 resources and 650 values). Written the way a person
 * would, flow maps for one-line entries. `variant` 1 changes one setting (the recall limit).
 */
export function accountLimitAppLines(index, variant = 0) {
  const userFields = Array.from({length: 20}, (_, i) => `U${letters(i)}`)
  const groupFields = Array.from({length: 10}, (_, i) => `g_${i}`)
  const lines = [
    `  app-${index}:`,
    `    name: App ${index}`,
    '    edition: premium',
    `    tags: { team: bench, cost: cc-${index % 17} }`,
    '    trtc: true',
    '    login: { multiDevice: multi, webInstances: 10 }',
    `    messages: { userStatus: true, pushToAll: true, messageExtension: true, conversationsToPull: 500, recallLimitMinutes: ${5 + variant} }`,
    '    friends: { verification: needConfirm }',
    '    groupSettings:',
    '      community: true',
    '      readReceipts: [Work, Public]',
    '      avChatRoom: { memberBan: true, onlineMemberList: true }',
    '    userFields:',
    ...userFields.map((name) => `      ${name}: { read: [app, admin], write: [admin] }`),
    '    friendFields:',
    ...Array.from({length: 20}, (_, i) => `      F${letters(i)}: { type: string }`),
    '    groupFields:',
    ...groupFields.map((name) => `      ${name}: { groupTypes: { Work: { read: all, write: owner }, Public: { read: members } } }`),
    '    groupMemberFields:',
    ...Array.from({length: 5}, (_, i) => `      m_${i}: { groupTypes: { Work: { self: true } } }`),
    '    webhook:',
    `      url: https://hooks.example.com/im/${index}`,
    '      token: ${env:BENCH_WEBHOOK_TOKEN}',
    '      events:',
    ...EVENTS.map((event) => `        - ${event}`),
    '    push:',
    '      ios:',
    ...[
      ['apns-production', 'apns', 'production'],
      ['apns-development', 'apns', 'development'],
      ['voip', 'voip', 'production'],
    ].flatMap(([name, type, environment]) => [
      `        ${name}:`,
      `          type: ${type}`,
      `          environment: ${environment}`,
      `          bundleId: com.example.app${index}`,
      `          p12: \${filebase64:certs/${name}.p12}`,
      '          password: ${env:BENCH_P12_PASSWORD}',
    ]),
    '    accounts:',
    '      administrator: { type: admin }',
    ...Array.from({length: 9}, (_, i) => `      admin${i}: { type: admin, nick: Admin ${i} }`),
    ...Array.from({length: 20}, (_, i) => {
      const custom = userFields.slice(0, 12).map((name, k) => `${name}: v${k}-${i}`)
      return `      user${i}: { nick: User ${i}, gender: ${i % 2 ? 'female' : 'male'}, allowType: needConfirm, level: ${i}, custom: { ${custom.join(', ')} } }`
    }),
    '    groups:',
    ...Array.from({length: 6}, (_, i) => {
      const members = Array.from({length: 8}, (_, k) => `user${(i + k + 1) % 20}`)
      const fields = groupFields.slice(0, 5).map((name, k) => `${name}: gv${k}`)
      return `      team${i}: { type: ${i < 4 ? 'Work' : 'Public'}, name: Team ${i}, owner: user${i}, introduction: Team ${i} of app ${index}, members: [${members.join(', ')}], fields: { ${fields.join(', ')} } }`
    }),
  ]
  return lines
}

/** The account-limit workload as YAML; the first `changed` apps take variant 1 (one setting differs). */
export function accountLimitYaml(apps, changed = 0) {
  const lines = ['version: 1', 'apps:']
  for (let i = 0; i < apps; i++) lines.push(...accountLimitAppLines(i, i < changed ? 1 : 0))
  return `${lines.join('\n')}\n`
}

/** Writes the account-limit workload into `folder` (chatcfg.yaml and the certificate files); returns the YAML's size in bytes. */
export function writeAccountLimitWorkload(folder, apps, changed = 0) {
  for (const [path, seed] of Object.entries(ACCOUNT_LIMIT_FILES)) {
    mkdirSync(dirname(join(folder, path)), {recursive: true})
    writeFileSync(join(folder, path), certificateBytes(seed))
  }
  const yaml = accountLimitYaml(apps, changed)
  writeFileSync(join(folder, 'chatcfg.yaml'), yaml)
  return Buffer.byteLength(yaml)
}
