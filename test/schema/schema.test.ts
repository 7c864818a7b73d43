import {execFileSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {configSchema, effective, type SchemaNode} from '../../src/config/schema.js'

const root = configSchema()

/** Every property path with the schema node that describes it. */
function* properties(node: SchemaNode, path: string): Generator<[string, SchemaNode]> {
  const resolved = effective(root, node)
  for (const [name, child] of Object.entries(resolved.properties ?? {})) {
    yield [`${path}.${name}`, child]
    yield* properties(child, `${path}.${name}`)
  }
  if (typeof resolved.additionalProperties === 'object') yield* properties(resolved.additionalProperties, `${path}.*`)
  if (resolved.items) yield* properties(resolved.items, `${path}[]`)
  for (const branch of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])]) yield* properties(branch, path)
}

describe('configuration schema', () => {
  it('describes every property, so editors can show it', () => {
    const undocumented = [...properties(root, '')].filter(([, node]) => !node.description && !effective(root, node).description).map(([path]) => path)
    expect(undocumented).toEqual([])
  })

  it('marks secrets, immutable and undeletable values in metadata', () => {
    const marked = (keyword: keyof SchemaNode) => [...properties(root, '')].filter(([, node]) => effective(root, node)[keyword]).map(([path]) => path)
    expect(marked('x-chatcfg-secret')).toEqual(
      expect.arrayContaining(['.apps.*.webhook.token', '.apps.*.push.ios.*.p12', '.apps.*.push.ios.*.password', '.apps.*.push.android.google.serverKey']),
    )
    expect(marked('x-chatcfg-immutable')).toEqual(expect.arrayContaining(['.apps.*.sdkAppId', '.apps.*.accounts.*.type', '.apps.*.groups.*.type']))
    expect(marked('x-chatcfg-undeletable')).toEqual(
      expect.arrayContaining(['.apps.*.userFields', '.apps.*.friendFields', '.apps.*.groupFields', '.apps.*.groupMemberFields']),
    )
  })

  it('generated types and validator are up to date with the schema', () => {
    const cwd = join(import.meta.dirname, '..', '..')
    expect(() => execFileSync('node', ['scripts/generate.mjs', '--check'], {cwd, encoding: 'utf8', stdio: 'pipe'})).not.toThrow()
  })
})
