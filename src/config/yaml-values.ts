import {MAX_VALUES_PER_FILE} from './limits.js'
import {readEventValues} from './yaml-event-values.js'
import {readLineValues} from './yaml-line-values.js'
import type {FileValues} from './yaml-scalar.js'

export type {FileValues, KeyStart} from './yaml-scalar.js'

/**
 * The value-only first pass over a configuration file.
 *
 * Reading YAML with the position of every node costs about ten times what reading its values costs, and a
 * large configuration has hundreds of thousands of values and few problems. So a file is first read for its
 * values alone; positions are worked out later, only where a diagnostic or a change is reported
 * (yaml-tree.ts), by the parser that reads them exactly.
 *
 * Two readers try in turn, each reading only what it can read exactly as the positioned parse would and
 * giving up on anything else: the line reader (yaml-line-values.ts) takes the block maps, block lists,
 * one-line flow collections and one-line scalars configuration files are written in, a few times faster
 * than any general parser; the event reader (yaml-event-values.ts) takes block scalars, escapes and the
 * rest from js-yaml's events. A file both give up on is read the exact way, whose diagnostics users see.
 */

/**
 * Lines, commas and brackets bound the values a file holds to a small multiple of their count; past the
 * limit, the file goes straight to the exact parse, which stops at the limit token by token, so no reader
 * here holds the values of a hostile file.
 */
function mayHoldTooManyValues(text: string): boolean {
  let separators = 0
  for (const separator of ['\n', ',', '[', '{']) {
    for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) if (++separators > MAX_VALUES_PER_FILE) return true
  }
  return false
}

const DOCUMENT_END = /^\.\.\.(?:[ \t\r\n#]|$)/m
const LONE_CARRIAGE_RETURN = /\r(?!\n)/

/**
 * Whether any value-only reader may read the file. A document end marker (`...`) can end a document the
 * exact parse sees and these do not; a carriage return alone is a line break here and not there; a byte
 * order mark within the text may start a document; a tab in the indentation of a block scalar's blank line
 * is refused there and not here.
 */
export function valuePassMayRead(text: string): boolean {
  return !mayHoldTooManyValues(text) && !DOCUMENT_END.test(text) && !LONE_CARRIAGE_RETURN.test(text) && !/[\uFEFF\t]/.test(text)
}

/** The file's values, or undefined when it must be read the exact way (yaml-tree.ts) to be read as it would be. */
export function readValues(text: string): FileValues | undefined {
  if (!valuePassMayRead(text)) return undefined
  return readLineValues(text) ?? readEventValues(text)
}
