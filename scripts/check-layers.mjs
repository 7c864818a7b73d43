// `npm run lint`: fails with one line per import that breaks the layering of src/ (see layers.mjs). Another
// source folder can be given as the first argument.
import {join, resolve} from 'node:path'
import {importsOf, layeringViolations} from './layers.mjs'

const problems = layeringViolations(importsOf(process.argv[2] ? resolve(process.argv[2]) : join(import.meta.dirname, '..', 'src')))
for (const problem of problems) process.stderr.write(`${problem}\n`)
if (problems.length > 0) {
  process.stderr.write(`layering: ${problems.length} violation${problems.length === 1 ? '' : 's'}\n`)
  process.exitCode = 1
}
