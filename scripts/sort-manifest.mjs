// oclif writes the manifest's commands in the order its file scan finishes, which varies between runs;
// CI checks the committed manifest is fresh, so it is written with its commands in name order.
import {readFileSync, writeFileSync} from 'node:fs'

const path = new URL('../oclif.manifest.json', import.meta.url)
const manifest = JSON.parse(readFileSync(path, 'utf8'))
manifest.commands = Object.fromEntries(Object.entries(manifest.commands).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`)
