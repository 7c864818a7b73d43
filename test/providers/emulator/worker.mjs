// A separate process that applies a series of changes to an emulator database, for crash and
// concurrency tests. Usage: node worker.mjs <db> <app-key-prefix> <apps> [lock-timeout-ms]
// Prints "locked" once it holds the writer lock and "applied <address>" after each committed change.
import {Emulator} from '../../../dist/providers/emulator/emulator.js'

const [path, prefix, apps, lockTimeout = '30000'] = process.argv.slice(2)
const emulator = Emulator.open({path, lockTimeoutMs: Number(lockTimeout)})

function* changes() {
  for (let i = 0; i < Number(apps); i++) {
    const appKey = `${prefix}-${i}`
    yield {action: 'create', kind: 'app', address: `app.${appKey}`, name: appKey, after: {name: appKey, edition: 'premium'}}
    for (const field of ['Tier', 'Region', 'Level']) {
      yield {
        action: 'create',
        kind: 'user-field',
        address: `app.${appKey}.userField.${field}`,
        appKey,
        name: field,
        after: {type: 'string', read: ['app'], write: ['admin']},
      }
    }
    for (let u = 0; u < 5; u++) {
      yield {action: 'create', kind: 'account', address: `app.${appKey}.account.u${u}`, appKey, name: `u${u}`, after: {type: 'general', nick: `User ${u}`}}
    }
    yield {
      action: 'create',
      kind: 'group',
      address: `app.${appKey}.group.team`,
      appKey,
      name: 'team',
      after: {type: 'Work', name: 'Team', owner: 'u0', members: ['u1', 'u2', 'u3', 'u4']},
    }
    yield {action: 'update', kind: 'messages', address: `app.${appKey}.messages`, appKey, name: 'messages', after: {userStatus: true, conversationsToPull: 300}}
  }
}

try {
  const release = await emulator.lock(`worker ${prefix}`)
  process.stdout.write('locked\n')
  for (const change of changes()) {
    await emulator.apply(change)
    process.stdout.write(`applied ${change.address}\n`)
  }
  release()
  process.stdout.write('done\n')
} catch (error) {
  process.stdout.write(`failed ${error.message}\n`)
  process.exitCode = 1
} finally {
  emulator.close()
}
