// The layering of src/, checked over the import graph (`npm run lint` runs it; a test feeds it violations).
// Every import between files under src/ is an edge between their top-level folders (src/index.ts is the
// library entry, a layer of its own); the rules below say which edges may exist, and folders may not import
// each other in a cycle.
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve, sep} from 'node:path'

/** Static imports and re-exports, side-effect imports, and dynamic imports with a literal specifier. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g

/** The layer a file under src/ belongs to: its top-level folder, or `index` for the library entry. */
export function layerOf(file) {
  const [first, ...rest] = file.split('/')
  return rest.length === 0 ? first.replace(/\.[cm]?[jt]s$/, '') : first
}

/** Every import of every .ts file below `src`, as {file, line, target} where target is a src-relative file or a package name. */
export function importsOf(src) {
  const found = []
  const walk = (folder) => {
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) {
        const file = relative(src, path).split(sep).join('/')
        const lines = readFileSync(path, 'utf8').split('\n')
        lines.forEach((text, index) => {
          for (const match of text.matchAll(IMPORT)) {
            const specifier = match[1]
            const target = specifier.startsWith('.')
              ? relative(src, resolve(dirname(path), specifier))
                  .split(sep)
                  .join('/')
              : specifier
            found.push({file, line: index + 1, target, external: !specifier.startsWith('.')})
          }
        })
      }
    }
  }
  walk(src)
  return found
}

/** Layers a layer must never import: the planner and the model stay pure, and configuration runs no rules. */
const FORBIDDEN = {
  plan: ['providers', 'apply', 'render', 'commands', 'cli', 'operations'],
  model: ['providers', 'apply', 'render', 'commands', 'cli', 'operations', 'plan'],
  config: ['rules'],
}

/** What the command layer may import: the library entry, renderers, its own support (cli/) and oclif; cli/ may also use Node's built-ins for the terminal. */
const COMMAND_LAYER = {
  commands: {layers: ['index', 'render', 'cli'], packages: (name) => name.startsWith('@oclif/')},
  cli: {layers: ['index', 'render', 'cli'], packages: (name) => name.startsWith('@oclif/') || name.startsWith('node:')},
}

/** Folder-level cycles: strongly connected components of more than one layer (Tarjan's algorithm). */
function cycles(edges) {
  const graph = new Map()
  for (const {from, to} of edges) if (from !== to) graph.set(from, new Set([...(graph.get(from) ?? []), to]))
  const index = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const components = []
  let counter = 0
  const visit = (node) => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node), low.get(next)))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)))
    }
    if (low.get(node) === index.get(node)) {
      const component = []
      let member
      do {
        member = stack.pop()
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1) components.push(component.sort())
    }
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return components
}

/** Each import that breaks a rule, as one line `src/file:line: message`, sorted. */
export function layeringViolations(imports) {
  const problems = []
  const edges = []
  for (const {file, line, target, external} of imports) {
    const from = layerOf(file)
    const where = `src/${file}:${line}`
    if (external) {
      const rule = COMMAND_LAYER[from]
      if (rule && !rule.packages(target)) problems.push(`${where}: ${from}/ may not import ${target}; it reaches the library only through src/index.ts`)
      continue
    }
    const to = layerOf(target)
    edges.push({from, to, where})
    if (FORBIDDEN[from]?.includes(to)) problems.push(`${where}: ${from}/ may not import from ${to}/ (${target})`)
    const rule = COMMAND_LAYER[from]
    if (rule && !rule.layers.includes(to))
      problems.push(`${where}: ${from}/ may import only the library entry src/index.ts, renderers and oclif, not ${target}`)
  }
  for (const component of cycles(edges)) {
    const inside = edges.filter((edge) => edge.from !== edge.to && component.includes(edge.from) && component.includes(edge.to))
    const sample = component.map((layer) => inside.find((edge) => edge.from === layer)).filter(Boolean)
    problems.push(`folders import each other in a cycle: ${component.join(', ')} (${sample.map((e) => `${e.where} → ${e.to}/`).join('; ')})`)
  }
  return problems.sort()
}
