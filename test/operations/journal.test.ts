import {mkdirSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import type {ApplyResult} from '../../src/apply/apply-plan.js'
import {ApplyJournal, JOURNAL_INTERVAL_MS} from '../../src/operations/journal.js'
import {workspace} from '../helpers.js'

const header = {plan: 'p', provider: 'emulator', startedAt: '2026-11-25T00:00:00.000Z'}
const applied = (address: string): ApplyResult => ({address, action: 'create', status: 'applied', attempts: 1})
const read = (folder: string) => JSON.parse(readFileSync(join(folder, '.chatcfg', 'last-apply.json'), 'utf8'))

describe('the apply journal', () => {
  it('is written with the first result, marked unfinished, and catches up with the last within 100 ms', () => {
    // The clock is the test's own, so a busy machine cannot make the timer look late.
    vi.useFakeTimers()
    try {
      const folder = workspace({})
      const journal = new ApplyJournal(folder, header, () => {})
      journal.record(applied('a'))
      expect(read(folder)).toMatchObject({finished: false, results: [{address: 'a'}]})
      journal.record(applied('b'))
      expect(read(folder).results.map((r: ApplyResult) => r.address)).toEqual(['a'])
      vi.advanceTimersByTime(JOURNAL_INTERVAL_MS)
      expect(read(folder).results.map((r: ApplyResult) => r.address)).toEqual(['a', 'b'])
      journal.finish(true, [applied('a'), applied('b')])
      expect(read(folder)).toMatchObject({finished: true, ok: true})
    } finally {
      vi.useRealTimers()
    }
  })

  it('ends listing the results in the order given, as JSON writes them, whatever order they came in', () => {
    const folder = workspace({})
    const failed: ApplyResult = {address: 'b', action: 'update', status: 'failed', attempts: 1, error: {code: '70402', message: 'no "b"', outcomeUnknown: true}}
    const results = [applied('a'), failed, ...Array.from({length: 600}, (_, i) => applied(`app.demo.account.user-${i}`))]
    const text = () => readFileSync(join(folder, '.chatcfg', 'last-apply.json'), 'utf8')
    const expected = (journal: object) => `${JSON.stringify({formatVersion: 1, ...header, ...journal}, null, 2)}\n`
    const inOrder = new ApplyJournal(folder, header, () => {})
    for (const result of results) inOrder.record(result)
    inOrder.flush()
    expect(text()).toBe(expected({finished: false, results}))
    inOrder.finish(false, results)
    const {finishedAt} = read(folder)
    expect(text()).toBe(expected({finished: true, ok: false, finishedAt, results}))
    const reversed = new ApplyJournal(folder, header, () => {})
    for (const result of [...results].reverse()) reversed.record(result)
    reversed.finish(false, results)
    expect(text()).toBe(expected({finished: true, ok: false, finishedAt: read(folder).finishedAt, results}))
  })

  it('says when apply stopped on an error of its own', () => {
    const folder = workspace({})
    const journal = new ApplyJournal(folder, header, () => {})
    journal.record(applied('a'))
    journal.abort('the lock was lost')
    expect(read(folder)).toMatchObject({finished: true, ok: false, error: 'the lock was lost', results: [{address: 'a'}]})
  })

  it('warns once, leaves no temporary file and lets the apply go on when it cannot be written', () => {
    const folder = workspace({})
    mkdirSync(join(folder, '.chatcfg', 'last-apply.json'), {recursive: true})
    const warnings: string[] = []
    const journal = new ApplyJournal(folder, header, (message) => warnings.push(message))
    expect(() => {
      journal.record(applied('a'))
      journal.finish(true, [applied('a')])
    }).not.toThrow()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/cannot write the journal/)
    expect(readdirSync(join(folder, '.chatcfg'))).toEqual(['last-apply.json'])
  })
})
