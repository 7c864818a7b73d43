import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Emulator} from '../../src/providers/emulator/emulator.js'
import {chatcfg, workspace} from '../helpers.js'
import {createApp, userField} from '../providers/emulator/changes.js'

const CONFIG = 'version: 1\napps:\n  demo:\n    name: Demo\n'

async function populated(config = CONFIG): Promise<string> {
  const cwd = workspace({'chatcfg.yaml': config})
  const emulator = Emulator.open({path: join(cwd, '.chatcfg', 'emulator.db')})
  await emulator.apply(createApp('demo', {name: 'Demo Chat', edition: 'premium'}))
  await emulator.apply(userField('demo', 'Tier'))
  emulator.close()
  return cwd
}

describe('chatcfg emulator status', () => {
  it('says when there is no database yet, without creating one', () => {
    const cwd = workspace({'chatcfg.yaml': CONFIG})
    const run = chatcfg(['emulator', 'status'], cwd)
    expect(run).toMatchObject({code: 0, stdout: `no emulator database at ${join(cwd, '.chatcfg', 'emulator.db')} yet\n`})
    expect(existsSync(join(cwd, '.chatcfg'))).toBe(false)
  })

  it('lists what the emulator beside the configuration holds', async () => {
    const run = chatcfg(['emulator', 'status'], await populated())
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')).toEqual([
      'emulator .chatcfg/emulator.db (schema version 3, account 100000000001)',
      '1 app',
      '  1400000000  demo  "Demo Chat"  premium, enabled; 1 custom field, 1 account, 0 groups',
      '0 custom policies, 0 sub-users, 0 user groups',
      '2 changes applied',
      'not locked',
      '',
    ])
  })

  it('prints JSON with --format json', async () => {
    const run = chatcfg(['emulator', 'status', '--format', 'json'], await populated())
    expect(JSON.parse(run.stdout)).toMatchObject({formatVersion: 1, exists: true, apps: [{sdkAppId: 1400000000, key: 'demo', customFields: 1}], lock: null})
  })

  it('follows the provider block to another database file', async () => {
    const cwd = workspace({'chatcfg.yaml': `version: 1\nprovider:\n  emulator: { path: state/chat.db }\n`})
    Emulator.open({path: join(cwd, 'state', 'chat.db')}).close()
    expect(chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout).toContain(join(cwd, 'state', 'chat.db'))
  })

  it('names a corrupt database file and exits 1', () => {
    const cwd = workspace({'chatcfg.yaml': CONFIG, '.chatcfg/emulator.db': 'not a database at all '.repeat(20)})
    const run = chatcfg(['emulator', 'status'], cwd)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `chatcfg: error: ${join(cwd, '.chatcfg', 'emulator.db')} is not an emulator database (not a SQLite file); point the emulator at another file or move this one away\n`,
    )
  })

  it('reports an invalid configuration instead of guessing the database', () => {
    const run = chatcfg(['emulator', 'status'], workspace({'chatcfg.yaml': 'version: 1\nprovider: { emulator: { path: 3 } }\n'}))
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('chatcfg.yaml:2:31: error[config/wrong-type]')
  })
})

describe('chatcfg emulator reset', () => {
  it('refuses without a terminal unless forced, and keeps the data', async () => {
    const cwd = await populated()
    const run = chatcfg(['emulator', 'reset'], cwd)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/pass --force to confirm without a terminal/)
    expect(existsSync(join(cwd, '.chatcfg', 'emulator.db'))).toBe(true)
  })

  it('empties the emulator with --force', async () => {
    const cwd = await populated()
    expect(chatcfg(['emulator', 'reset', '--force'], cwd)).toMatchObject({
      code: 0,
      stdout: `emulator reset: ${join(cwd, '.chatcfg', 'emulator.db')} is empty\n`,
    })
    expect(JSON.parse(chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout)).toMatchObject({apps: [], changesApplied: 0})
  })

  it('refuses to touch a file that is not a chatcfg database, even with --force', () => {
    const cwd = workspace({'chatcfg.yaml': CONFIG, 'notes.txt': 'garbage '.repeat(64)})
    const run = chatcfg(['emulator', 'reset', '--force', '--db', 'notes.txt'], cwd)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/notes\.txt is not a chatcfg emulator database; chatcfg resets only its own databases/)
    expect(existsSync(join(cwd, 'notes.txt'))).toBe(true)
  })
})
