// Shared pieces of the reliability campaigns: workspaces, the emulator's own record of what it stored,
// and a small seeded generator so every run can be repeated from its seed.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import Database from 'better-sqlite3'

export const ROOT = join(import.meta.dirname, '..')
export const BIN = join(ROOT, 'bin', 'run.js')

export function workspace(files) {
  const folder = mkdtempSync(join(tmpdir(), 'chatcfg-reliability-'))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), {recursive: true})
    writeFileSync(join(folder, name), content)
  }
  return folder
}

export const remove = (folder) => rmSync(folder, {recursive: true, force: true})

/** What the emulator itself logged as stored, in the same transaction as each change: the ground truth. */
export function changeLog(path) {
  const db = new Database(path, {readonly: true, fileMustExist: true})
  try {
    return db.prepare('SELECT address, action FROM change_log ORDER BY seq').all()
  } finally {
    db.close()
  }
}

/** mulberry32: a seeded generator, so a failing run can be repeated from its seed. */
export function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Checks a report against the emulator's log: an applied change was stored; a change that failed with a
 * known outcome, or was not attempted, was not; no change was stored twice. Returns what does not match.
 */
export function reportMismatches(report, log) {
  const stored = new Map()
  for (const row of log) stored.set(`${row.action} ${row.address}`, (stored.get(`${row.action} ${row.address}`) ?? 0) + 1)
  const problems = []
  for (const result of report.results) {
    const key = `${result.action} ${result.address}`
    const count = stored.get(key) ?? 0
    if (result.status === 'applied' && count === 0) problems.push(`${key}: reported applied, not stored`)
    if (result.status === 'failed' && !result.error?.outcomeUnknown && count > 0) problems.push(`${key}: reported failed, but stored`)
    if (result.status === 'not-attempted' && count > 0) problems.push(`${key}: reported not attempted, but stored`)
  }
  for (const [key, count] of stored) if (count > 1) problems.push(`${key}: stored ${count} times`)
  return problems
}
