import {describe, expect, it} from 'vitest'
import {MAX_DEPTH, MAX_ITEMS_PER_LIST, MAX_KEYS_PER_MAP, MAX_VALUES_PER_FILE} from '../../src/config/limits.js'
import {errorsOf, loadYaml} from '../helpers.js'

const keys = (count: number) => `version: 1\nx:\n${Array.from({length: count}, (_, i) => `  k${i}: 1\n`).join('')}`
const flowList = (count: number) => `version: 1\nx: [${Array(count).fill('1').join(',')}]\n`
const blockList = (count: number) => `version: 1\nx:\n${'  - 1\n'.repeat(count)}`
const nestedFlow = (levels: number) => `version: 1\nx: ${'['.repeat(levels)}${']'.repeat(levels)}\n`
const nestedBlock = (levels: number) => `version: 1\nx:\n  ${'- '.repeat(levels)}1\n`
const nestedMaps = (levels: number) => `version: 1\nx: ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}\n`
/** Many lists, each within the per-list limit, together past the per-file one. */
const manyLists = (lists: number, each: number) =>
  `version: 1\nx:\n${Array.from({length: lists}, (_, i) => `  l${i}: [${Array(each).fill('1').join(',')}]\n`).join('')}`
/** Where manyLists holds its first value past the per-file limit, counting every key, list and item. */
function pastValueLimit(each: number): string {
  const index = MAX_VALUES_PER_FILE - 3 // after version, 1 and x
  const line = Math.floor(index / (each + 2))
  const within = (index % (each + 2)) - 2 // 0 and 1 are the key and the list
  return `${3 + line}:${`  l${line}: [`.length + 1 + 2 * within}`
}

describe('parsing is bounded: each limit is a located error found as the limit is crossed', () => {
  // The root map is level 0 and `x` level 1; nested collections add one level each.
  const cases: Array<{name: string; yaml: string; expected: string}> = [
    {name: '30,000 keys in one map', yaml: keys(30_000), expected: `config/too-many-keys@${MAX_KEYS_PER_MAP + 3}:3`},
    {
      name: `${MAX_KEYS_PER_MAP + 1} keys: the first key past the limit`,
      yaml: keys(MAX_KEYS_PER_MAP + 1),
      expected: `config/too-many-keys@${MAX_KEYS_PER_MAP + 3}:3`,
    },
    {name: 'a flow list of a million items', yaml: flowList(1_000_000), expected: `config/too-many-items@2:${5 + 2 * MAX_ITEMS_PER_LIST}`},
    {
      name: `a block list of ${MAX_ITEMS_PER_LIST + 1} items`,
      yaml: blockList(MAX_ITEMS_PER_LIST + 1),
      expected: `config/too-many-items@${MAX_ITEMS_PER_LIST + 3}:5`,
    },
    {name: '100,000 nested flow lists', yaml: nestedFlow(100_000), expected: `config/too-deep@2:${4 + MAX_DEPTH}`},
    {name: '100,000 nested block lists', yaml: nestedBlock(100_000), expected: `config/too-deep@3:${3 + 2 * MAX_DEPTH}`},
    {name: '100,000 nested flow maps', yaml: nestedMaps(100_000), expected: `config/too-deep@2:${4 + 4 * MAX_DEPTH}`},
    {name: `${MAX_DEPTH + 1} nested flow lists`, yaml: nestedFlow(MAX_DEPTH + 1), expected: `config/too-deep@2:${4 + MAX_DEPTH}`},
    {
      name: `more than ${MAX_VALUES_PER_FILE} values in one file`,
      yaml: manyLists(Math.ceil(MAX_VALUES_PER_FILE / 9_000) + 1, 9_000),
      expected: `config/too-many-values@${pastValueLimit(9_000)}`,
    },
  ]

  it.each(cases)('$name', ({yaml, expected}) => {
    expect(errorsOf(loadYaml(yaml))).toEqual([expected])
  })

  it('the message of each limit says what the limit is', () => {
    const messages = [keys(MAX_KEYS_PER_MAP + 1), flowList(MAX_ITEMS_PER_LIST + 2), nestedFlow(100_000)].map((yaml) => loadYaml(yaml).diagnostics[0].message)
    expect(messages).toEqual([
      `a map holds more than ${MAX_KEYS_PER_MAP} keys; chatcfg reads at most that many`,
      `a list holds more than ${MAX_ITEMS_PER_LIST} items; chatcfg reads at most that many`,
      `values are nested more than ${MAX_DEPTH} levels deep`,
    ])
  })

  it('leaves the process environment as it was, also when a limit stops the parse', () => {
    const environment = process.env
    loadYaml(keys(MAX_KEYS_PER_MAP + 2))
    loadYaml('version: 1\n')
    expect(process.env).toBe(environment)
  })

  it('collections at the limits are read', () => {
    for (const yaml of [
      keys(MAX_KEYS_PER_MAP),
      flowList(MAX_ITEMS_PER_LIST),
      blockList(MAX_ITEMS_PER_LIST),
      nestedFlow(MAX_DEPTH),
      nestedBlock(MAX_DEPTH - 1),
    ]) {
      expect(errorsOf(loadYaml(yaml))).toEqual(['config/unknown-key@2:1'])
    }
  })
})

describe('duplicate keys', () => {
  it.each([
    {name: 'in a block map', yaml: 'version: 1\nx:\n  a: 1\n  b: 2\n  a: 3\n', expected: ['config/duplicate-key@5:3']},
    {name: 'in a flow map', yaml: 'version: 1\nx: {a: 1, b: 2, a: 3}\n', expected: ['config/duplicate-key@2:17']},
    {name: 'every repeat', yaml: 'version: 1\nx: {a: 1, a: 2, a: 3}\n', expected: ['config/duplicate-key@2:11', 'config/duplicate-key@2:17']},
    {name: 'a number and a string that read the same', yaml: 'version: 1\nx:\n  1: a\n  "1": b\n', expected: ['config/duplicate-key@4:3']},
  ])('$name', ({yaml, expected}) => {
    const result = loadYaml(yaml)
    expect(errorsOf(result)).toEqual(expected)
    expect(result.diagnostics[0].message).toBe('Map keys must be unique')
  })
})
