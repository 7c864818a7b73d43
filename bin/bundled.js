// The commands a CI runs on every change start from one prebuilt file each (dist/bundle/<id>.cjs, made by
// `npm run build`), compiled with the V8 code cache saved beside it: resolving, reading and compiling a few
// hundred modules (oclif's configuration, yaml, the validator) is most of a cold start. Anything else, and any
// bundle older than the compiled commands, goes through oclif's own loader. oclif's configuration comes from the
// package's manifest as its own load would make it (src/cli/bundled-config.ts).
const {readFileSync, statSync} = require('node:fs')
const {createRequire} = require('node:module')
const {dirname, join} = require('node:path')
const vm = require('node:vm')

const BUNDLED_COMMANDS = ['validate', 'plan', 'apply', 'drift']

/** The package's own folder, which oclif loads its configuration from. */
const root = join(__dirname, '..')

/** Where the bundle of a command and its code cache live. */
function bundlePaths(id) {
  const file = join(root, 'dist', 'bundle', `${id}.cjs`)
  return {file, cache: `${file}.cache`, compiled: join(root, 'dist', 'commands', `${id}.js`)}
}

/**
 * A bundle's file holds its module's code inside the function Node wraps a CommonJS module in, so that it is compiled as
 * read: one ASCII string (latin1 is the cheapest decoding of it), not a concatenation V8 would first copy.
 */
const MODULE_WRAPPER = ['(function (exports, require, module, __filename, __dirname) {', '\n})']

/**
 * Compiles and runs a bundle as a CommonJS module; `cachedData` is V8's code cache for exactly this source, or undefined.
 * Undefined for a file not made so (a build older than bin/).
 */
function loadBundle(file, cachedData) {
  const source = readFileSync(file, 'latin1')
  if (!source.startsWith(MODULE_WRAPPER[0])) return undefined
  const script = new vm.Script(source, {filename: file, cachedData})
  const module = {exports: {}}
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file))
  return {exports: module.exports, script}
}

const mtime = (path) => statSync(path, {throwIfNoEntry: false})?.mtimeMs

/**
 * The bundled command for these arguments, or undefined when oclif itself must run them: another command, a
 * request for help (oclif's `--help`, before any `--`), or no bundle as new as the compiled command.
 */
function bundledCommand(argv) {
  const [id] = argv
  if (!BUNDLED_COMMANDS.includes(id)) return undefined
  const end = argv.indexOf('--')
  if (argv.slice(0, end === -1 ? argv.length : end).includes('--help')) return undefined
  const paths = bundlePaths(id)
  const built = mtime(paths.file)
  const compiled = mtime(paths.compiled)
  if (built === undefined || compiled === undefined || built < compiled) return undefined
  let cachedData
  try {
    cachedData = readFileSync(paths.cache)
  } catch {
    cachedData = undefined // V8 compiles the source as usual
  }
  const bundle = loadBundle(paths.file, cachedData)
  if (!bundle) return undefined
  const command = bundle.exports.default
  command.id = id // as oclif's loader names a command it loads
  return {command, flush: bundle.exports.flush, configOptions: () => bundle.exports.bundledConfigOptions(root)}
}

module.exports = {BUNDLED_COMMANDS, MODULE_WRAPPER, bundlePaths, loadBundle, bundledCommand, root}
