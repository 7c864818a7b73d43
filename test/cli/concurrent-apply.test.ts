import {spawn} from 'node:child_process'
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Emulator} from '../../src/providers/emulator/emulator.js'
import {chatcfg, workspace} from '../helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'run.js')
// Every write takes 1.5 s, so an apply holds the writer lock long enough for another to arrive.
const SLOW = {CHATCFG_EMULATOR_FAULTS: 'latency=1500'}
const WRITE = '] update app.demo.messages: done'

/**
 * One emulator database shared by three copies of the quickstart: base/ (recall limit 5, applied) and
 * three/ and seven/, which change it to 3 and to 7.
 */
function sharedEmulator(): {cwd: string; db: string} {
  const cwd = workspace({})
  for (const [folder, minutes] of [
    ['base', 5],
    ['three', 3],
    ['seven', 7],
  ] as const) {
    cpSync(join(ROOT, 'examples', 'quickstart'), join(cwd, folder), {recursive: true, filter: (source) => !source.includes('.chatcfg')})
    const file = join(cwd, folder, 'chatcfg.yaml')
    const text = readFileSync(file, 'utf8').replace('recallLimitMinutes: 5', `recallLimitMinutes: ${minutes}`)
    writeFileSync(file, `${text}provider:\n  emulator: { path: ../emulator.db }\n`)
  }
  expect(chatcfg(['apply', '--auto-approve'], join(cwd, 'base')).code).toBe(0)
  return {cwd, db: join(cwd, 'emulator.db')}
}

interface Run {
  readonly pid: number
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exited: Promise<number | null>
  readonly finished: () => boolean
}

function startApply(cwd: string): Run {
  const child = spawn(process.execPath, [BIN, 'apply', '--auto-approve'], {cwd, env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', ...SLOW}})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  let finished = false
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      finished = true
      resolve(code)
    }),
  )
  return {pid: child.pid ?? 0, stdout: () => stdout, stderr: () => stderr, exited, finished: () => finished}
}

/** Resolves once `ready` holds, checking every 50 ms: ordering by what the processes did, never by how long they take. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 50))
}

const recallLimit = (db: string): unknown => {
  const emulator = Emulator.open({path: db, create: false})
  try {
    return emulator.readAll().find((resource) => resource.address === 'app.demo.messages')?.attributes.recallLimitMinutes
  } finally {
    emulator.close()
  }
}

describe('two applies changing the same setting at once', () => {
  it('released together, one writes and the other refuses naming who held the lock; the change made is the one planned', async () => {
    const {cwd, db} = sharedEmulator()
    const holder = Emulator.open({path: db, create: false})
    const release = await holder.lock('a test holding the lock')
    const runs = [startApply(join(cwd, 'three')), startApply(join(cwd, 'seven'))]
    // Both have planned 5 → 3 and 5 → 7 and wait for the lock; then they race for it.
    await until(() => runs.every((run) => run.stderr().includes('waiting for the writer lock') || run.finished()))
    release()
    holder.close()
    const codes = await Promise.all(runs.map((run) => run.exited))
    const wrote = runs.filter((run) => run.stdout().includes(WRITE))
    expect(wrote).toHaveLength(1)
    const [winner] = wrote
    const loser = runs.find((run) => run !== winner)
    expect(codes.sort()).toEqual([0, 1])
    expect(loser?.stdout()).not.toContain(WRITE)
    expect(loser?.stderr()).toMatch(
      new RegExp(
        `live state moved while this apply waited for process (${winner?.pid}|${process.pid}) on .+ \\(.+\\) since .+: change 1: app\\.demo\\.messages has a different before of recallLimitMinutes`,
      ),
    )
    expect(recallLimit(db)).toBe(winner === runs[0] ? 3 : 7)
  }, 120_000)

  it('started while the other holds the lock, the second never overwrites a value it did not plan against', async () => {
    const {cwd, db} = sharedEmulator()
    const first = startApply(join(cwd, 'three'))
    const watcher = Emulator.open({path: db, create: false})
    await until(() => watcher.status().lock?.pid === first.pid || first.finished())
    watcher.close()
    const second = startApply(join(cwd, 'seven'))
    const [firstCode, secondCode] = await Promise.all([first.exited, second.exited])
    expect(firstCode).toBe(0)
    expect(first.stdout()).toContain(WRITE)
    if (second.stdout().includes(WRITE)) {
      // It came after the first had written: it planned, and shows, 3 → 7.
      expect(secondCode).toBe(0)
      expect(second.stdout()).toContain('recallLimitMinutes: 3 → 7')
      expect(recallLimit(db)).toBe(7)
    } else {
      expect(secondCode).toBe(1)
      expect(second.stderr()).toMatch(new RegExp(`waited for process ${first.pid} on .+ \\(chatcfg apply\\) since .+: change 1: app\\.demo\\.messages`))
      expect(recallLimit(db)).toBe(3)
    }
  }, 120_000)
})
