import {closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import type {ApplyResult} from '../apply/apply-plan.js'

export interface JournalHeader {
  readonly plan: string
  readonly provider: string
  readonly startedAt: string
}

/** How far the journal may trail the results it has been told about, in milliseconds. */
export const JOURNAL_INTERVAL_MS = 100

/**
 * The journal of an apply, `.chatcfg/last-apply.json` beside the configuration. It is first written
 * with the first result (so under the writer lock), then rewritten whole as results come in, at most
 * every 100 ms and at the latest 100 ms after the last one, and once at the end. Each write goes to a
 * file of this process's own and is renamed into place, so the journal is never half a file: a process
 * killed mid-apply leaves one that claims only what was done, marked unfinished. A journal that cannot
 * be written is reported once and never stops the apply.
 */
export class ApplyJournal {
  readonly path: string
  private readonly results = new Map<string, ApplyResult>()
  /**
   * The list of `results` so far as it is written: blocks of about 64 KiB of text, encoded once, and the text
   * of the entries since the last block. Undefined when a result replaced one before it (the list is made again).
   * A journal of tens of thousands of results is rewritten without ever being one string, which would be
   * megabytes of garbage at each write.
   */
  private listed: {blocks: Buffer[]; tail: string} | undefined = {blocks: [], tail: ''}
  private lastWrite = 0
  private pending: NodeJS.Timeout | undefined
  private broken = false

  constructor(
    private readonly folder: string,
    private readonly header: JournalHeader,
    private readonly warn: (message: string) => void,
  ) {
    this.path = join(folder, '.chatcfg', 'last-apply.json')
  }

  record(result: ApplyResult): void {
    const key = `${result.action} ${result.address}`
    // A new result joins the end of the list; one that replaces an earlier one keeps that one's place, so the list is made again.
    if (this.results.has(key)) this.listed = undefined
    else if (this.listed !== undefined) append(this.listed, entryOf(result), this.results.size === 0)
    this.results.set(key, result)
    if (Date.now() - this.lastWrite >= JOURNAL_INTERVAL_MS) this.flush()
    else this.pending ??= setTimeout(() => this.flush(), JOURNAL_INTERVAL_MS).unref()
  }

  /** Writes what is known now (before the apply waits on an operator, for one). */
  flush(): void {
    this.write({finished: false})
  }

  finish(ok: boolean, results: readonly ApplyResult[]): void {
    this.write({finished: true, ok, finishedAt: new Date().toISOString(), results})
  }

  /** The apply stopped on an error of its own: the journal says so, with what was done until then. */
  abort(message: string): void {
    this.write({finished: true, ok: false, finishedAt: new Date().toISOString(), error: message})
  }

  /**
   * The list of results as its pieces of text, in order: those given, or those recorded so far. Given the
   * results it was told of, in the order it was told (an apply that went through in plan order), it is the list it has.
   */
  private list(results: readonly ApplyResult[] | undefined): {blocks: Buffer[]; tail: string} {
    if (results && !(this.listed && sameList(results, this.results.values()))) return listOf(results)
    this.listed ??= listOf([...this.results.values()])
    return this.listed
  }

  /**
   * The journal's text, in pieces: `JSON.stringify(journal, null, 2)` and a newline, its results (always its
   * last field) put together from their entries rather than serialized again.
   */
  private pieces(state: JournalState): Array<string | Buffer> {
    const {results, ...rest} = state
    const head = JSON.stringify({formatVersion: 1, ...this.header, ...rest, results: []}, null, 2)
    const {blocks, tail} = this.list(results)
    if (blocks.length === 0 && tail === '') return [`${head}\n`]
    // The head ends with the empty list and the closing brace: `"results": []` then a newline and `}`.
    return [`${head.slice(0, -'[]\n}'.length)}[\n`, ...blocks, `${tail}\n  ]\n}\n`]
  }

  private write(state: JournalState): void {
    clearTimeout(this.pending)
    this.pending = undefined
    if (this.broken) return
    const temporary = `${this.path}.${process.pid}.tmp`
    try {
      mkdirSync(join(this.folder, '.chatcfg'), {recursive: true})
      const file = openSync(temporary, 'w')
      try {
        for (const piece of this.pieces(state)) {
          const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece
          for (let written = 0; written < bytes.length; ) written += writeSync(file, bytes, written)
        }
      } finally {
        closeSync(file)
      }
      renameSync(temporary, this.path)
      this.lastWrite = Date.now()
    } catch (error) {
      // A journal that could not take its place leaves nothing half-written behind.
      rmSync(temporary, {force: true})
      this.broken = true
      this.warn(`cannot write the journal ${this.path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the apply goes on without it`)
    }
  }
}

interface JournalState {
  readonly finished: boolean
  readonly ok?: boolean
  readonly finishedAt?: string
  readonly error?: string
  readonly results?: readonly ApplyResult[]
}

/** Text of a list's block, encoded once it holds this much. */
const BLOCK_LENGTH = 65536

/** Adds an entry to a list in pieces, the separator before it unless it is the first. */
function append(list: {blocks: Buffer[]; tail: string}, entry: string, first: boolean): void {
  list.tail += first ? entry : `,\n${entry}`
  if (list.tail.length >= BLOCK_LENGTH) {
    list.blocks.push(Buffer.from(list.tail))
    list.tail = ''
  }
}

function listOf(results: readonly ApplyResult[]): {blocks: Buffer[]; tail: string} {
  const list = {blocks: [], tail: ''}
  for (const [index, result] of results.entries()) append(list, entryOf(result), index === 0)
  return list
}

/**
 * A result as it stands in the journal's list (indented, no comma). Not kept: each is written into the list
 * once, and made again only when the list is (a result replaced, or the final list in another order).
 */
const entryOf = (result: ApplyResult): string => `    ${JSON.stringify(result, null, 2).replaceAll('\n', '\n    ')}`

/** Whether two lists of results hold the same results in the same order. */
function sameList(results: readonly ApplyResult[], recorded: Iterable<ApplyResult>): boolean {
  let index = 0
  for (const result of recorded) if (results[index++] !== result) return false
  return index === results.length
}
