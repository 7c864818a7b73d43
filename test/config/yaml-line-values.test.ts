import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {accountLimitYaml} from '../../bench/configs.mjs'
import {LineIndex} from '../../src/config/line-index.js'
import {readEventValues} from '../../src/config/yaml-event-values.js'
import {readLineValues} from '../../src/config/yaml-line-values.js'
import {parseFileExactly} from '../../src/config/yaml-tree.js'
import {readValues, valuePassMayRead} from '../../src/config/yaml-values.js'
import {yamlFiles} from '../helpers.js'

const read = (path: string) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
const exactValue = (text: string) => {
  const exact = parseFileExactly({path: 'chatcfg.yaml', folder: '/nowhere', text, lines: new LineIndex(text)})
  expect(exact.diagnostics).toEqual([])
  return exact.parsed?.value
}

/** What the line reader reads must be what the exact parse reads, with no problem the exact parse would report. */
function agreesWithExactParse(text: string): boolean {
  const values = valuePassMayRead(text) ? readLineValues(text) : undefined
  if (values) expect(values.value).toStrictEqual(exactValue(text))
  return true
}

describe('the line reader reads what configuration files are written in, exactly as the positioned parse does', () => {
  it('reads every shipped example and the account-limit workload, with the key starts the event reader finds', () => {
    for (const text of [...yamlFiles('examples').map(read), accountLimitYaml(3)]) {
      const lines = readLineValues(text)
      expect(lines).toBeDefined()
      expect(lines).toStrictEqual(readEventValues(text))
      expect(lines?.value).toStrictEqual(exactValue(text))
    }
  })

  it('reads every shipped file the event reader reads', () => {
    for (const text of [...yamlFiles('examples'), ...yamlFiles('test/fixtures')].map(read).filter(valuePassMayRead)) {
      if (readEventValues(text)) expect(readLineValues(text)).toStrictEqual(readEventValues(text))
    }
  })

  it.each([
    ['a literal block scalar', 'version: 1\nk: |\n  text\n'],
    ['a folded block scalar', 'version: 1\nk: >-\n  a\n  b\n'],
    ['an escape outside JSON', 'version: 1\nk: "\\x41"\n'],
    ['a surrogate pair', 'version: 1\nk: "😀"\n'],
    ['a colon inside a flow scalar', 'version: 1\nk: [http://a]\n'],
    ['a trailing comma', 'version: 1\nk: [a, b, ]\n'],
    ['a document start marker', '---\nversion: 1\n'],
    ["a space before a key's colon", 'version: 1\nk : 1\n'],
    ['a list inside a list item on one line', 'version: 1\nk:\n  - - a\n'],
    ['a character some parsers read as a line break', 'version: 1\nk: a\u2028b\n'],
  ])('leaves %s to the event reader, which reads it as the exact parse does', (_name, text) => {
    expect(readLineValues(text)).toBeUndefined()
    expect(readValues(text)?.value).toStrictEqual(exactValue(text))
  })

  it.each([
    ['an anchor and an alias', 'version: 1\na: &x 1\nb: *x\n'],
    ['a tag', 'version: 1\nk: !!str 1\n'],
    ['a duplicate key', 'version: 1\nk: 1\nk: 2\n'],
    ['a duplicate key in a flow map', 'version: 1\nk: {a: 1, a: 2}\n'],
    ['a complex key', 'version: 1\n? [a]\n: 1\n'],
    ['a top-level list', '- a\n- b\n'],
    ['a null key', 'version: 1\n~: 1\n'],
    ['a flow map over two lines', 'version: 1\nk: {a: 1,\n  b: 2}\n'],
    ['a flow list with a comment on its line', 'version: 1\nk: [a, b] # two\n'],
    ['a plain scalar over two lines', 'version: 1\nk: a\n  b\n'],
    ['a quoted scalar over two lines', 'version: 1\nk: "a\n  b"\n'],
    ['a dash before the end of a flow list', 'version: 1\nk: [a, -]\n'],
    ['a dash before the end of a flow map', 'version: 1\nk: {a: -}\n'],
  ])('leaves %s to the exact parse, as the event reader does', (_name, text) => {
    expect(readLineValues(text)).toBeUndefined()
    expect(readValues(text)).toBeUndefined()
  })

  it("reads lists at their key's column or below it, maps inside list items, comments, blank lines and CRLF", () => {
    const text = [
      '# head',
      'version: 1',
      'list:',
      '- a',
      '-   "b c"  # spaced',
      '- x: 1',
      '  y: [1, {z: "q"}]',
      '-',
      '  - nested',
      '',
      'deep:',
      '    inner:',
      '      - {}',
      '      - []',
      '      -',
      '    empty:',
      "quoted: 'it''s'",
      'escaped: "tab\\tquote\\"slash\\/\\u00e9"',
      'numbers: [0x1F, 0o17, 1e3, .5, -1, +.inf]',
      'words: [yes, no, null, ~, "true"]',
      "'quoted key': 1",
      '"1": one',
      '2: two',
      '',
    ].join('\r\n')
    const lines = readLineValues(text)
    expect(lines?.value).toStrictEqual(exactValue(text))
    expect(lines?.value).toMatchObject({list: ['a', 'b c', {x: 1, y: [1, {z: 'q'}]}, ['nested']], deep: {inner: [{}, [], null], empty: null}})
  })

  it('keeps every key as an own property in written order, however many keys a map holds', () => {
    const keys = Array.from({length: 40}, (_, index) => (index === 20 ? '__proto__' : `k${39 - index}`))
    const text = `version: 1\nbig:\n${keys.map((key, index) => `  ${key}: ${index}`).join('\n')}\nsmall: {__proto__: 1, b: 2}\n`
    const value = readLineValues(text)?.value as {big: object; small: object}
    expect(Object.keys(value.big)).toEqual(keys)
    expect(Object.getPrototypeOf(value.big)).toBe(Object.prototype)
    expect(Object.keys(value.small)).toEqual(['__proto__', 'b'])
    expect(value).toStrictEqual(exactValue(text))
  })

  it('agrees with the exact parse on generated files of maps, lists and tricky scalars', () => {
    const scalar = fc.constantFrom(
      ...['a', 'b c', 'x:y', 'http://h/p', '1', '-1', '0x1F', '0o17', '1e3', '.5', '+.inf', '.NaN', 'null', '~', 'true', 'Yes', ''],
      ...['"q"', "'s'", "'it''s'", '"e\\"s\\\\c\\n"', '"\\u00e9"', '"a#b"', 'a#b', 'a # c', '-', '- x', '?', ': x', 'a: b', '[a]'],
      ...['{a: b}', '[]', '{}', '[a, b]', '{a: 1, b: [x]}', '{a: }', '[a, ]', '"x":y', '__proto__', 'é', '|', '&x', '*x', '!t', '@x'],
      ...["''", 'a  b', '0', '00', '1_000', '2001-01-01', '1.0', '-.5', '=', '<<', '[a b, "c,d"]', '{"k": v, \'j\': [1]}'],
    )
    const key = fc.constantFrom('a', 'b', 'k', 'x y', '"q"', "'s'", '1', 'true', 'null', '~', '__proto__', 'a:b', '"a:b"', '-k', '?k', '0x1', 'é')
    type Tree = {map: Array<[string, Tree]>} | {list: Tree[]} | {scalar: string}
    const tree: fc.Arbitrary<Tree> = fc.letrec<{tree: Tree}>((tie) => ({
      tree: fc.oneof(
        {depthSize: 'small'},
        scalar.map((text) => ({scalar: text})),
        fc.array(fc.tuple(key, tie('tree')), {maxLength: 4}).map((map) => ({map})),
        fc.array(tie('tree'), {maxLength: 4}).map((list) => ({list})),
      ),
    })).tree
    // `style` picks, bit by bit, between the ways a node can be written.
    const lines = (node: Tree, indent: number, style: number): string[] => {
      const pad = ' '.repeat(indent)
      if ('scalar' in node) return [node.scalar]
      if ('map' in node) {
        if (node.map.length === 0) return ['{}']
        return node.map.flatMap(([name, value], index) => {
          const inner = lines(value, indent + 2 + (style % 2), style >> 1)
          const lead = `${pad}${name}:`
          if ('scalar' in value || (inner.length === 1 && /^(\{\}|\[\])$/.test(inner[0] ?? ''))) return [`${lead} ${inner[0]}${style & 4 ? ' # note' : ''}`]
          if ('list' in value && style & 8) return [lead, ...lines(value, indent, style >> 2)]
          return [lead, ...(index % 2 && style & 16 ? ['', `${pad}  # note`] : []), ...inner]
        })
      }
      if (node.list.length === 0) return ['[]']
      return node.list.flatMap((item) => {
        const inner = lines(item, indent + 2, style >> 1)
        if ('scalar' in item || (inner.length === 1 && /^(\{\}|\[\])$/.test(inner[0] ?? ''))) return [`${pad}- ${inner[0]}`]
        if ('map' in item && style & 2) return [`${pad}- ${(inner[0] ?? '').trimStart()}`, ...inner.slice(1)]
        return [`${pad}-`, ...inner]
      })
    }
    const file = fc
      .tuple(fc.array(fc.tuple(key, tree), {minLength: 1, maxLength: 4}), fc.nat(255), fc.boolean())
      .map(([map, style, crlf]) => `${lines({map}, 0, style).join(crlf ? '\r\n' : '\n')}\n`)
    fc.assert(fc.property(file, agreesWithExactParse), {numRuns: 1000})
  })
})
