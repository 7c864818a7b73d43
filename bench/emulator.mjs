// Read and write cost of the emulator holding N fully configured apps (default 300), next to bare
// SQLite doing one transaction per row in the same run. Usage: node bench/emulator.mjs [--apps N] [--reads R] [--out FILE]
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {cpus, tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import Database from 'better-sqlite3'
import {Emulator} from '../dist/providers/emulator/emulator.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const appCount = Number(option('--apps', '300'))
const reads = Number(option('--reads', '7'))
const out = option('--out', join(root, 'bench', 'results', 'emulator.json'))

const EVENTS = JSON.parse(readFileSync(join(root, 'schemas/chatcfg.schema.json'), 'utf8')).$defs.webhookEvent.enum
const letters = (i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))
const child = (action, kind, appKey, address, name, after) => ({action, kind, appKey, address: `app.${appKey}.${address}`, name, after})

/** Every section used: premium settings, 20 + 20 + 10 + 5 custom fields, a webhook with all events, push, 10 admins (administrator comes with the app), accounts, groups. */
function* fullyConfiguredApp(appKey) {
  yield {
    action: 'create',
    kind: 'app',
    address: `app.${appKey}`,
    name: appKey,
    after: {name: `App ${appKey}`, edition: 'premium', tags: {team: 'bench'}, trtc: true},
  }
  yield child('update', 'login', appKey, 'login', 'login', {multiDevice: 'multi', webInstances: 10})
  yield child('update', 'messages', appKey, 'messages', 'messages', {
    userStatus: true,
    pushToAll: true,
    messageExtension: true,
    conversationsToPull: 500,
    recallLimitMinutes: 5,
  })
  yield child('update', 'friends', appKey, 'friends', 'friends', {verification: 'needConfirm'})
  yield child('update', 'group-settings', appKey, 'groupSettings', 'group-settings', {
    community: true,
    readReceipts: ['Work', 'Public'],
    avChatRoom: {memberBan: true, onlineMemberList: true},
  })
  for (let i = 0; i < 20; i++)
    yield child('create', 'user-field', appKey, `userField.U${letters(i)}`, `U${letters(i)}`, {type: 'string', read: ['app', 'admin'], write: ['admin']})
  for (let i = 0; i < 20; i++) yield child('create', 'friend-field', appKey, `friendField.F${letters(i)}`, `F${letters(i)}`, {type: 'string'})
  for (let i = 0; i < 10; i++)
    yield child('create', 'group-field', appKey, `groupField.g_${i}`, `g_${i}`, {
      groupTypes: {Work: {read: 'all', write: 'owner'}, Public: {read: 'members', write: 'all'}},
    })
  for (let i = 0; i < 5; i++)
    yield child('create', 'group-member-field', appKey, `groupMemberField.m_${i}`, `m_${i}`, {groupTypes: {Work: {read: 'all', write: 'all', self: true}}})
  yield child('create', 'webhook', appKey, 'webhook', 'webhook', {url: 'https://hooks.example.com/im', events: EVENTS, token: `token-${appKey}`})
  yield child('create', 'push-certificate', appKey, 'push.android.google', 'android.google', {serverKey: `fcm-${appKey}`, channelId: 'default'})
  yield child('create', 'push-certificate', appKey, 'push.ios.prod', 'ios.prod', {
    type: 'apns',
    environment: 'production',
    p12: 'UDEy'.repeat(200),
    password: `pw-${appKey}`,
  })
  for (let i = 0; i < 9; i++) yield child('create', 'account', appKey, `account.admin${i}`, `admin${i}`, {type: 'admin', nick: `Admin ${i}`})
  for (let i = 0; i < 10; i++) yield child('create', 'account', appKey, `account.user${i}`, `user${i}`, {type: 'general', nick: `User ${i}`})
  for (let i = 0; i < 5; i++)
    yield child('create', 'group', appKey, `group.team${i}`, `team${i}`, {
      type: 'Work',
      name: `Team ${i}`,
      owner: `user${i}`,
      members: ['user5', 'user6', 'user7'],
    })
}

const quantile = (values, q) => {
  const sorted = values.toSorted((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]
}
const summary = (values) => ({median: quantile(values, 0.5), p10: quantile(values, 0.1), p90: quantile(values, 0.9)})
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6

const folder = mkdtempSync(join(tmpdir(), 'chatcfg-bench-'))
try {
  const emulator = Emulator.open({path: join(folder, 'emulator.db')})
  const writes = []
  const writeStart = process.hrtime.bigint()
  for (let a = 0; a < appCount; a++) {
    for (const change of fullyConfiguredApp(`app-${a}`)) {
      const start = process.hrtime.bigint()
      await emulator.apply(change)
      writes.push(ms(start))
    }
  }
  const writeTotal = ms(writeStart)
  const readTimes = []
  let resources = 0
  for (let r = 0; r < reads; r++) {
    const start = process.hrtime.bigint()
    resources = emulator.readAll().length
    readTimes.push(ms(start))
  }
  const size = statSync(join(folder, 'emulator.db')).size + (statSync(join(folder, 'emulator.db-wal'), {throwIfNoEntry: false})?.size ?? 0)
  emulator.close()

  // Baseline: the same number of one-row transactions, and a full scan, on bare SQLite with the same settings.
  const bare = new Database(join(folder, 'bare.db'))
  bare.pragma('journal_mode = WAL')
  bare.pragma('synchronous = NORMAL')
  bare.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, value TEXT NOT NULL)')
  const insert = bare.prepare('INSERT INTO rows (value) VALUES (?)')
  const one = bare.transaction((value) => insert.run(value))
  const bareWrites = []
  const payload = JSON.stringify({type: 'string', read: ['app', 'admin'], write: ['admin']})
  for (let i = 0; i < writes.length; i++) {
    const start = process.hrtime.bigint()
    one.immediate(payload)
    bareWrites.push(ms(start))
  }
  const bareReads = []
  const scan = bare.prepare('SELECT id, value FROM rows')
  for (let r = 0; r < reads; r++) {
    const start = process.hrtime.bigint()
    scan.all().map((row) => JSON.parse(row.value))
    bareReads.push(ms(start))
  }
  bare.close()

  const round = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v.toFixed(3))]))
  const result = {
    benchmark: 'emulator',
    date: new Date().toISOString(),
    machine: {node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown'},
    apps: appCount,
    changes: writes.length,
    resources,
    databaseBytes: size,
    writeTotalSeconds: Number((writeTotal / 1000).toFixed(2)),
    writePerChangeMs: round(summary(writes)),
    bareSqliteWritePerRowMs: round(summary(bareWrites)),
    readAllMs: round(summary(readTimes)),
    bareSqliteScanMs: round(summary(bareReads)),
  }
  console.log(
    `emulator with ${appCount} fully configured apps: ${writes.length} changes, ${resources} resources, ${(size / 2 ** 20).toFixed(1)} MiB; ${cpus().length} × ${result.machine.cpuModel}, Node ${process.version}`,
  )
  console.log('| measure | median | p10–p90 | baseline (bare SQLite, same run) |')
  console.log('|---|---|---|---|')
  console.log(
    `| write, per change | ${result.writePerChangeMs.median} ms | ${result.writePerChangeMs.p10}–${result.writePerChangeMs.p90} ms | ${result.bareSqliteWritePerRowMs.median} ms per one-row transaction (${result.bareSqliteWritePerRowMs.p10}–${result.bareSqliteWritePerRowMs.p90}) |`,
  )
  console.log(`| write, all ${writes.length} changes | ${result.writeTotalSeconds} s | | |`)
  console.log(
    `| read all (${reads} runs) | ${result.readAllMs.median} ms | ${result.readAllMs.p10}–${result.readAllMs.p90} ms | ${result.bareSqliteScanMs.median} ms to scan and parse ${writes.length} rows (${result.bareSqliteScanMs.p10}–${result.bareSqliteScanMs.p90}) |`,
  )
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
} finally {
  rmSync(folder, {recursive: true, force: true})
}
