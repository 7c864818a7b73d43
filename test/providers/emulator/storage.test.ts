import {type ChildProcess, spawn} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {describe, expect, it} from 'vitest'
import {Emulator, resetEmulatorDatabase} from '../../../src/providers/emulator/emulator.js'
import {parseFaultSpec} from '../../../src/providers/emulator/faults.js'
import {MIGRATIONS} from '../../../src/providers/emulator/migrations.js'
import {EmulatorUnavailableError, type ServiceError} from '../../../src/providers/errors.js'
import {workspace} from '../../helpers.js'
import {account, createApp, userField} from './changes.js'

const WORKER = join(import.meta.dirname, 'worker.mjs')

function startWorker(
  path: string,
  prefix: string,
  apps: number,
  lockTimeoutMs = 30_000,
): {child: ChildProcess; lines: string[]; exited: Promise<number | null>} {
  const child = spawn(process.execPath, [WORKER, path, prefix, String(apps), String(lockTimeoutMs)], {stdio: ['ignore', 'pipe', 'inherit']})
  const lines: string[] = []
  let partial = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString()
    const parts = text.split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts)
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {child, lines, exited}
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

function changeLog(path: string): Array<{session: string; address: string}> {
  const db = new Database(path, {readonly: true})
  try {
    return db.prepare('SELECT session, address FROM change_log ORDER BY seq').all() as Array<{session: string; address: string}>
  } finally {
    db.close()
  }
}

describe('emulator storage', () => {
  it('keeps state across processes in its file, with the schema version recorded', async () => {
    const path = join(workspace({}), '.chatcfg', 'emulator.db')
    const first = Emulator.open({path})
    await first.apply(createApp('demo'))
    await first.apply(userField('demo', 'Tier'))
    first.close()
    const second = Emulator.open({path})
    expect(second.readAll().map((r) => r.address)).toContain('app.demo.userField.Tier')
    expect(second.status().schemaVersion).toBe(MIGRATIONS.length)
    second.close()
  })

  it('names the file when it is not a database', () => {
    const path = join(workspace({}), 'emulator.db')
    writeFileSync(path, 'this is not a database, just some text that is long enough to look like a header of a file')
    expect(() => Emulator.open({path})).toThrow(
      new EmulatorUnavailableError(`${path} is not an emulator database (not a SQLite file); point the emulator at another file or move this one away`),
    )
  })

  it('refuses a SQLite database that belongs to something else', () => {
    const path = join(workspace({}), 'other.db')
    const foreign = new Database(path)
    foreign.exec('CREATE TABLE invoices (id INTEGER)')
    foreign.close()
    expect(() => Emulator.open({path})).toThrow(/is a SQLite database but not a chatcfg emulator database/)
  })

  it('refuses a database written by a newer chatcfg', () => {
    const path = join(workspace({}), 'emulator.db')
    Emulator.open({path}).close()
    const db = new Database(path)
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    expect(() => Emulator.open({path})).toThrow(/written by a newer chatcfg/)
  })

  it('reset empties the database in place: a connection opened before stays valid and sees it empty', async () => {
    const path = join(workspace({}), 'emulator.db')
    const before = Emulator.open({path})
    await before.apply(createApp('demo'))
    expect(await resetEmulatorDatabase(path)).toBe('reset')
    expect(before.readAll()).toEqual([])
    await before.apply(createApp('after'))
    before.close()
    const reopened = Emulator.open({path})
    expect(
      reopened
        .readAll()
        .filter((r) => r.kind === 'app')
        .map((r) => r.name),
    ).toEqual(['after'])
    reopened.close()
  })

  it('reset touches only chatcfg databases', async () => {
    const folder = workspace({'notes.txt': 'my notes '.repeat(40)})
    await expect(resetEmulatorDatabase(join(folder, 'notes.txt'))).rejects.toThrow(/is not a chatcfg emulator database; chatcfg resets only its own databases/)
    const foreign = new Database(join(folder, 'other.db'))
    foreign.exec('CREATE TABLE invoices (id INTEGER)')
    foreign.close()
    await expect(resetEmulatorDatabase(join(folder, 'other.db'))).rejects.toThrow(/is a SQLite database but not a chatcfg emulator database/)
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('my notes '.repeat(40))
  })

  it('reset removes a damaged chatcfg database', async () => {
    const path = join(workspace({}), 'emulator.db')
    const emulator = Emulator.open({path})
    await emulator.apply(createApp('demo'))
    emulator.close()
    const bytes = readFileSync(path)
    bytes.fill(0xa5, 100)
    writeFileSync(path, bytes)
    expect(() => Emulator.open({path})).toThrow(/is a damaged emulator database; run chatcfg emulator reset --force/)
    expect(await resetEmulatorDatabase(path)).toBe('removed')
    expect(Emulator.open({path}).readAll()).toEqual([])
  })

  it('a write from a process that does not hold the lock is refused while another holds it', async () => {
    const path = join(workspace({}), 'emulator.db')
    const holder = Emulator.open({path})
    const other = Emulator.open({path})
    const release = await holder.lock('a long apply')
    await expect(other.apply(createApp('sneaky'))).rejects.toThrow(/locked by process \d+ on .+ \(a long apply\); take the lock before writing/)
    await holder.apply(createApp('fine'))
    release()
    await other.apply(createApp('later'))
    expect(
      other
        .readAll()
        .filter((r) => r.kind === 'app')
        .map((r) => r.name),
    ).toEqual(['fine', 'later'])
    holder.close()
    other.close()
  })

  it('processes opening a new database at the same time all succeed', async () => {
    const path = join(workspace({}), 'emulator.db')
    const opens = Array.from({length: 6}, () =>
      spawn(
        process.execPath,
        [
          '-e',
          `import('${join(import.meta.dirname, '../../../dist/providers/emulator/emulator.js')}').then(({Emulator}) => Emulator.open({path: '${path}'}).close())`,
        ],
        {stdio: 'ignore'},
      ),
    )
    const codes = await Promise.all(opens.map((child) => new Promise((resolve) => child.on('exit', resolve))))
    expect(codes).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('a process killed mid-apply leaves the database consistent, and its changes whole or absent', async () => {
    for (const stopAfter of [1, 7, 23, 58]) {
      const path = join(workspace({}), 'emulator.db')
      const worker = startWorker(path, 'crash', 20)
      await until(() => worker.lines.filter((line) => line.startsWith('applied')).length >= stopAfter)
      worker.child.kill('SIGKILL')
      await worker.exited
      const emulator = Emulator.open({path, lockTimeoutMs: 2_000})
      expect(emulator.integrityProblems()).toEqual([])
      // The change log is written in the same transaction as each change: what it lists is exactly what exists.
      const logged = changeLog(path).map((entry) => entry.address)
      const reported = worker.lines.filter((line) => line.startsWith('applied ')).map((line) => line.slice('applied '.length))
      expect(logged.slice(0, reported.length)).toEqual(reported)
      const present = new Set(emulator.readAll().map((r) => r.address))
      for (const address of logged) expect(present.has(address)).toBe(true)
      const created = logged.filter((address) => !address.endsWith('.messages'))
      expect(
        emulator
          .readAll()
          // Settings and the administrator account come with every app.
          .filter((r) => !['login', 'messages', 'friends', 'group-settings'].includes(r.kind) && r.name !== 'administrator')
          .map((r) => r.address)
          .sort(),
      ).toEqual([...created].sort())
      // The dead writer's lock is detected and taken over.
      expect(emulator.status().lock?.purpose).toBe('worker crash')
      const release = await emulator.lock('after the crash')
      release()
      emulator.close()
    }
  })

  it('two writers at once never interleave: the second waits for the first', async () => {
    const path = join(workspace({}), 'emulator.db')
    Emulator.open({path}).close()
    const first = startWorker(path, 'first', 8)
    await until(() => first.lines.includes('locked'))
    const second = startWorker(path, 'second', 8)
    expect(await first.exited).toBe(0)
    expect(await second.exited).toBe(0)
    const sessions = changeLog(path).map((entry) => entry.session)
    const runs = sessions.filter((session, index) => index === 0 || session !== sessions[index - 1])
    expect(runs).toHaveLength(2)
    expect(sessions).toHaveLength(2 * 8 * 11)
  })

  it("knows whether anyone wrote since it read: another connection's commit counts, its own lock does not", async () => {
    const path = join(workspace({}), 'emulator.db')
    const planner = Emulator.open({path})
    const other = Emulator.open({path})
    expect(planner.unchangedSinceRead()).toBe(false) // nothing read yet
    await planner.read()
    expect(planner.unchangedSinceRead()).toBe(true)
    const release = await planner.lock('apply')
    expect(planner.unchangedSinceRead()).toBe(true)
    release()
    await planner.read()
    const otherRelease = await other.lock('another apply')
    await other.apply(createApp('support'))
    otherRelease()
    expect(planner.unchangedSinceRead()).toBe(false)
    await planner.read()
    expect(planner.unchangedSinceRead()).toBe(true)
    planner.close()
    other.close()
  })

  it('a writer that cannot get the lock in time says who holds it since when', async () => {
    const path = join(workspace({}), 'emulator.db')
    const holder = Emulator.open({path})
    const release = await holder.lock('a long apply')
    const waiting = Emulator.open({path, lockTimeoutMs: 200})
    await expect(waiting.lock('another apply')).rejects.toThrow(
      new RegExp(`locked by process ${process.pid} on .+ \\(a long apply\\) since \\d{4}-\\d\\d-\\d\\dT.+; waited 0 s`),
    )
    release()
    const now = await waiting.lock('another apply')
    now()
    holder.close()
    waiting.close()
  })
})

describe('emulator fault injection', () => {
  const run = async (spec: string) => {
    const emulator = Emulator.open({path: ':memory:', faults: parseFaultSpec(spec)})
    const outcomes: string[] = []
    for (let i = 0; i < 40; i++) {
      try {
        // One call as the service takes it: the faults reach the caller.
        await emulator.store(createApp(`app-${i}`))
        outcomes.push('ok')
      } catch (error) {
        outcomes.push(String((error as ServiceError).code))
      }
    }
    return {outcomes, emulator}
  }

  it('is off by default', async () => {
    expect((await run('')).outcomes.every((o) => o === 'ok')).toBe(true)
  })

  it('is deterministic for a seed, and differs between seeds', async () => {
    const a = await run('seed=7,failure=0.2,throttle=0.2,drop=0.2')
    const b = await run('seed=7,failure=0.2,throttle=0.2,drop=0.2')
    const c = await run('seed=8,failure=0.2,throttle=0.2,drop=0.2')
    expect(a.outcomes).toEqual(b.outcomes)
    expect(a.outcomes).not.toEqual(c.outcomes)
    expect(new Set(a.outcomes)).toEqual(new Set(['ok', '60007', '70500', 'NetworkError']))
  })

  it('refused calls store nothing; dropped calls are stored though the caller saw an error', async () => {
    const {outcomes, emulator} = await run('seed=3,failure=0.15,throttle=0.15,drop=0.15')
    const stored = new Set(
      emulator
        .readAll()
        .filter((r) => r.kind === 'app')
        .map((r) => r.name),
    )
    outcomes.forEach((outcome, i) => {
      expect(stored.has(`app-${i}`)).toBe(outcome === 'ok' || outcome === 'NetworkError')
    })
    expect(emulator.faults.injected.drop).toBe(outcomes.filter((o) => o === 'NetworkError').length)
  })

  it('repeats what the faults refused when the emulator is its own client, and never a write whose answer was lost', async () => {
    const emulator = Emulator.open({path: ':memory:', faults: parseFaultSpec('seed=7,failure=0.3,throttle=0.3'), retry: {retries: 20, minRetryDelayMs: 1}})
    for (let i = 0; i < 10; i++) await emulator.apply(createApp(`app-${i}`))
    expect(emulator.readAll().filter((r) => r.kind === 'app')).toHaveLength(10)
    expect(emulator.faults.injected.failure + emulator.faults.injected.throttle).toBeGreaterThan(0)
    const lossy = Emulator.open({path: ':memory:', faults: parseFaultSpec('seed=1,drop=1'), retry: {retries: 20, minRetryDelayMs: 1}})
    await expect(lossy.apply(createApp('once'))).rejects.toMatchObject({code: 'NetworkError', outcomeUnknown: true})
    expect(lossy.faults.injected.drop).toBe(1)
  })

  it('adds latency', async () => {
    const emulator = Emulator.open({path: ':memory:', faults: parseFaultSpec('latency=30')})
    const start = performance.now()
    await emulator.apply(createApp('slow'))
    await emulator.apply(account('slow', 'a'))
    expect(performance.now() - start).toBeGreaterThanOrEqual(55)
  })

  it('rejects a malformed fault setting', () => {
    expect(() => parseFaultSpec('failure=2')).toThrow(/between 0 and 1/)
    expect(() => parseFaultSpec('chaos=1')).toThrow(/bad fault setting "chaos=1"/)
  })
})
