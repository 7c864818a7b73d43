import {type ChildProcess, spawn} from 'node:child_process'
import {join} from 'node:path'
import {Emulator} from '../../../../src/providers/emulator/emulator.js'
import type {FaultOptions} from '../../../../src/providers/emulator/faults.js'
import {serveEmulator} from '../../../../src/providers/emulator/serve/server.js'
import type {Site} from '../../../../src/wire/rest-v4.js'
import {workspace} from '../../../helpers.js'
import {createApp} from '../changes.js'

export const APP_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e'
export const CREDENTIALS = {secretId: 'AKIDchatcfgWIRE00000000000000000000', secretKey: 'wire-secret-key-for-tests-00000000'}
export const ROOT_UIN = 100000000001
export const SUB_USER = 100000000011
export const USER_GROUP = 7

export interface ServeSetup {
  readonly site?: Site
  readonly faults?: FaultOptions
}

/**
 * A served emulator, and a second handle on its database for the test to set up and look at what the
 * service holds (without faults, whatever the served one injects).
 */
export interface Served {
  readonly url: string
  readonly emulator: Emulator
  close(): Promise<void>
}

export interface ServeTarget {
  readonly name: string
  start(setup?: ServeSetup): Promise<Served>
}

/** A database with one standard app (SDKAppID 1400000000), a sub-user and a user group. */
function seeded(): {folder: string; path: string; emulator: Emulator; ready: Promise<void>} {
  const folder = workspace({})
  const path = join(folder, 'emulator.db')
  const emulator = Emulator.open({path, account: {uin: ROOT_UIN, subUsers: [SUB_USER], userGroups: [USER_GROUP]}})
  return {folder, path, emulator, ready: emulator.apply(createApp('demo', {edition: 'premium'}))}
}

const inProcess: ServeTarget = {
  name: 'in process',
  async start(setup = {}) {
    const {path, emulator, ready} = seeded()
    await ready
    const served = Emulator.open({path, ...(setup.faults ? {faults: setup.faults} : {})})
    const server = await serveEmulator(served, {
      credentials: CREDENTIALS,
      appSecretKey: (id) => (id === 1400000000 ? APP_KEY : undefined),
      ...(setup.site ? {site: setup.site} : {}),
    })
    return {
      url: server.url,
      emulator,
      close: async () => {
        await server.close()
        served.close()
        emulator.close()
      },
    }
  },
}

const BIN = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'run.js')

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk) => {
      out += chunk
      const url = /serving at (http:\/\/\S+)/.exec(out)?.[1]
      if (url) resolve(url)
    })
    child.stderr?.on('data', (chunk) => {
      err += chunk
    })
    child.on('exit', (code) => reject(new Error(`emulator serve exited with ${code}: ${err}`)))
  })
}

/** `chatcfg emulator serve` in a child process, as a user runs it, on a configuration naming the database. */
const cli: ServeTarget = {
  name: 'emulator serve',
  async start(setup = {}) {
    const {folder, emulator, ready} = seeded()
    await ready
    const {writeFileSync} = await import('node:fs')
    writeFileSync(join(folder, 'chatcfg.yaml'), 'version: 1\nprovider:\n  emulator: { path: emulator.db }\n')
    const faults = setup.faults
    const child = spawn(process.execPath, [BIN, 'emulator', 'serve', folder, '--port', '0', ...(setup.site ? ['--site', setup.site] : [])], {
      cwd: folder,
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        TENCENTCLOUD_SECRET_ID: CREDENTIALS.secretId,
        TENCENTCLOUD_SECRET_KEY: CREDENTIALS.secretKey,
        CHATCFG_APP_SECRET_KEY: APP_KEY,
        ...(faults
          ? {
              CHATCFG_EMULATOR_FAULTS: `seed=${faults.seed},failure=${faults.failureRate},throttle=${faults.throttleRate},drop=${faults.dropRate},latency=${faults.latencyMs}`,
            }
          : {}),
      },
    })
    const url = await waitForUrl(child)
    return {
      url,
      emulator,
      close: async () => {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
        emulator.close()
      },
    }
  },
}

/** Every test of the wire contract runs against both: the emulator served in this process, and the command. */
export const SERVE_TARGETS: readonly ServeTarget[] = [inProcess, cli]
