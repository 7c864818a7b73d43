import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {accountLimitYaml} from '../../bench/configs.mjs'
import {LineIndex} from '../../src/config/line-index.js'
import type {SourceFile} from '../../src/config/source.js'
import {FilePositions, parseFileExactly} from '../../src/config/yaml-tree.js'
import {readValues} from '../../src/config/yaml-values.js'
import {yamlFiles} from '../helpers.js'

const sourceFile = (text: string): SourceFile => ({path: 'chatcfg.yaml', folder: '/nowhere', text, lines: new LineIndex(text)})

/** Every YAML file shipped with chatcfg or its tests: examples, goldens and the invalid corpus. */
const shipped = [...yamlFiles('examples'), ...yamlFiles('test/fixtures')].map((path) => ({path, text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '')}))

function pointers(value: unknown, pointer = '', found: string[] = []): string[] {
  found.push(pointer)
  if (Array.isArray(value)) for (const [index, item] of value.entries()) pointers(item, `${pointer}/${index}`, found)
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) pointers(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, found)
  return found
}

/** What the value-only pass reads must be what the exact parse reads, with no problem the exact parse would report. */
function agreesWithExactParse(text: string): boolean {
  const values = readValues(text)
  if (!values) return true
  const exact = parseFileExactly(sourceFile(text))
  expect(exact.diagnostics).toEqual([])
  expect(values.value).toStrictEqual(exact.parsed?.value)
  return true
}

describe('the value-only pass reads a file exactly as the positioned parse does, or leaves it to that parse', () => {
  it('reads the account-limit workload, so a configuration of that shape never pays for positions up front', () => {
    expect(readValues(accountLimitYaml(3))).toBeDefined()
    agreesWithExactParse(accountLimitYaml(3))
  })

  it('agrees on every shipped example, golden and corpus file it reads', () => {
    const read = shipped.filter(({text}) => readValues(text) !== undefined)
    expect(read.length).toBeGreaterThan(shipped.length / 2)
    for (const {text} of read) agreesWithExactParse(text)
  })

  it.each([
    ['a tag', 'version: 1\napps: !!map {}\n'],
    ['an anchor and an alias', 'version: 1\ntemplates:\n  a: &base {}\napps:\n  x: *base\n'],
    ['a duplicate key', 'version: 1\nversion: 1\n'],
    ['a second document', 'version: 1\n---\nversion: 1\n'],
    ['a document end marker before the content', '...\nversion: 1\n'],
    ['a carriage return alone', 'version: 1\rapps: {}\n'],
    ['a tab in a block scalar', 'version: 1\nk: >-\n   a\n  \t\n'],
    ['a quoted scalar over two lines', 'version: 1\nk: "a\\\n\n b"\n'],
    ['an escape past U+10FFFF', 'version: 1\nk: "Demo \\U00110000"\n'],
    ['an eight-digit escape', 'version: 1\nk: "\\UFFFFFFFF"\n'],
    ['a key longer than 1024 characters', `version: 1\n${'k'.repeat(1025)}: v\n`],
    ['a quoted key longer than 1024 characters', `version: 1\n"${'k'.repeat(1025)}": v\n`],
    ['a directive', '%YAML 1.2\n---\nversion: 1\n'],
    ['a flow list over two lines', 'version: 1\nx: [a,\n  b]\n'],
    ['a comment on the line of a flow map', 'version: 1\nx: {a: 1} # note\n'],
    ['a null key', 'version: 1\n~: 1\n'],
    ['a list at the top', '- version: 1\n'],
    ['an empty file', ''],
    ['a syntax error', 'version: 1\n  apps: x\n bad\n'],
  ])('gives up on %s', (_name, text) => {
    expect(readValues(text)).toBeUndefined()
  })

  it('resolves plain scalars with the core schema, as the positioned parse does', () => {
    const scalar = fc.oneof(
      fc.constantFrom(
        '~',
        'null',
        'Null',
        'NULL',
        'true',
        'True',
        'FALSE',
        'yes',
        'on',
        '0o17',
        '0x1F',
        '0x',
        '012',
        '+12',
        '-0',
        '1_000',
        '1e3',
        '.5',
        '5.',
        '-.inf',
        '.NaN',
        '2001-12-14',
        '12:30',
        '',
      ),
      fc.stringMatching(/^[-+.0-9eExo_a-fA-F]{1,8}$/),
    )
    fc.assert(
      fc.property(scalar, (text) => agreesWithExactParse(`version: 1\nk: ${text}\nl: [${text}, x]\n${text}: 2\n`)),
      {numRuns: 300},
    )
  })

  it('decodes quoted and block scalars as the positioned parse does', () => {
    const piece = fc.constantFrom('a', ' ', '\\', '"', "'", '#', ':', '\t', 'é', '\\n', '\\x41', '\\u263A', '\n', '\n  ', '\n\n', '- ', '|', '>')
    const body = fc.array(piece, {minLength: 1, maxLength: 8}).map((pieces) => pieces.join(''))
    const quoted = fc
      .tuple(fc.constantFrom('"', "'", '|', '|-', '|+', '>', '>-'), body)
      .map(([style, text]) => (style === '"' || style === "'" ? `${style}${text}${style}` : `${style}\n  ${text.replace(/\n/g, '\n  ')}`))
    fc.assert(
      fc.property(quoted, (text) => agreesWithExactParse(`version: 1\nk: ${text}\nz: 1\n`)),
      {numRuns: 300},
    )
  })

  it('agrees with the exact parse on shipped files mutated at random', () => {
    const readable = shipped.filter(({text}) => readValues(text) !== undefined).map(({text}) => text)
    const insert = fc.constantFrom(
      '\t',
      ' ',
      '\n',
      ':',
      ': ',
      '- ',
      '#',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a ',
      '*a',
      '!!str ',
      '? ',
      '|',
      '>',
      '~',
      '---\n',
      '...\n',
      '\\',
      '@',
      '`',
      '%',
      '\n  ',
    )
    const edit = fc.tuple(fc.nat(), fc.boolean(), insert)
    const mutated = fc.tuple(fc.constantFrom(...readable), fc.array(edit, {minLength: 1, maxLength: 3})).map(([text, edits]) =>
      edits.reduce((result, [at, remove, piece]) => {
        const offset = at % (result.length + 1)
        return remove ? result.slice(0, offset) + result.slice(offset + 1) : result.slice(0, offset) + piece + result.slice(offset)
      }, text),
    )
    fc.assert(fc.property(mutated, agreesWithExactParse), {numRuns: 500})
  })
})

describe('positions worked out on demand are the exact parse positions', () => {
  const texts = [accountLimitYaml(3), ...shipped.map(({text}) => text)].filter((text) => readValues(text) !== undefined)

  it('for every value of every file the value-only pass reads', () => {
    for (const text of texts) {
      const values = readValues(text)
      const exact = parseFileExactly(sourceFile(text)).parsed?.positions
      const lazy = new FilePositions(sourceFile(text), values?.value, values?.keyStarts)
      for (const pointer of pointers(values?.value)) {
        const [want, got] = [exact?.at(pointer), lazy.at(pointer)]
        expect({pointer, value: got?.value, key: got?.key}).toEqual({pointer, value: want?.value, key: want?.key})
      }
    }
  })

  it('answers nothing for a value the file does not hold', () => {
    const text = accountLimitYaml(1)
    const values = readValues(text)
    const lazy = new FilePositions(sourceFile(text), values?.value, values?.keyStarts)
    expect(lazy.at('/apps/app-0/nothing')).toBeUndefined()
    expect(lazy.at('/apps/nowhere')).toBeUndefined()
    expect(lazy.has('/apps')).toBe(true)
  })
})
