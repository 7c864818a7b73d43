import {hostname} from 'node:os'
import {EmulatorUnavailableError} from '../errors.js'
import type {EmulatorDatabase} from './database.js'

export interface LockHolder {
  readonly session: string
  readonly pid: number
  readonly host: string
  readonly since: number
  readonly purpose: string
}

export interface LockRequest {
  readonly session: string
  readonly purpose: string
  readonly timeoutMs: number
  readonly path: string
  /** Told who holds the lock, once for each holder this request waits for. */
  readonly onWait?: (holder: string) => void
}

/** Who holds the lock, as a refusal or a wait names it: process, host, purpose and since when. */
export function describeHolder(holder: LockHolder): string {
  return `process ${holder.pid} on ${holder.host} (${holder.purpose}) since ${new Date(holder.since).toISOString()}`
}

/** The lock's owner is gone when it ran on this host and its process no longer exists. */
function holderIsDead(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Takes the emulator's single writer lock, waiting up to the timeout for another writer to finish.
 * A lock left by a process that died is taken over. Returns the function that releases it.
 */
export async function acquireWriterLock(db: EmulatorDatabase, request: LockRequest): Promise<() => void> {
  const deadline = Date.now() + request.timeoutMs
  const select = db.prepare('SELECT session, pid, host, since, purpose FROM writer_lock WHERE id = 1')
  const insert = db.prepare('INSERT OR REPLACE INTO writer_lock (id, session, pid, host, since, purpose) VALUES (1, ?, ?, ?, ?, ?)')
  // BEGIN IMMEDIATE makes check-then-take one step across processes.
  const tryTake = db.transaction((): LockHolder | undefined => {
    const holder = select.get() as LockHolder | undefined
    if (holder && holder.session !== request.session && !holderIsDead(holder)) return holder
    insert.run(request.session, process.pid, hostname(), Date.now(), request.purpose)
    return undefined
  })
  let waitingFor: string | undefined
  for (let wait = 25; ; wait = Math.min(wait * 2, 250)) {
    const holder = tryTake.immediate()
    if (!holder) break
    if (holder.session !== waitingFor) {
      waitingFor = holder.session
      request.onWait?.(describeHolder(holder))
    }
    if (Date.now() >= deadline) {
      throw new EmulatorUnavailableError(
        `the emulator at ${request.path} is locked by ${describeHolder(holder)}; waited ${Math.round(request.timeoutMs / 1000)} s`,
      )
    }
    await sleep(Math.min(wait, Math.max(0, deadline - Date.now())))
  }
  const release = db.prepare('DELETE FROM writer_lock WHERE id = 1 AND session = ?')
  return () => {
    release.run(request.session)
  }
}
